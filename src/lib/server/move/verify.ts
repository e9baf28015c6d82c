import type Database from 'better-sqlite3';
import type pg from 'pg';
import { BALANCE_QUERIES, balanceSql, RECEIPTS_SQL, receiptYears } from './balances';
import { rewriteRow, SKIPPED_TABLES, type IdMaps, type SourceTable } from './plan';

/** One comparison of the file with PostgreSQL after the copy. */
export interface MoveCheck {
	name: string;
	source: string;
	target: string;
	ok: boolean;
}

function check(name: string, source: unknown, target: unknown): MoveCheck {
	const s = typeof source === 'string' ? source : JSON.stringify(source);
	const t = typeof target === 'string' ? target : JSON.stringify(target);
	return { name, source: s, target: t, ok: s === t };
}

/** Two lists compared whole, shown short: how many, the first and the last. */
function sameList(name: string, source: string[], target: string[]): MoveCheck {
	const show = (l: string[]) => (l.length ? `${l.length}: ${l[0]} … ${l[l.length - 1]}` : '0');
	const ok = source.length === target.length && source.every((s, i) => s === target[i]);
	return { name, source: show(source), target: ok ? show(target) : `${show(target)} (differ)`, ok };
}

/**
 * Compares, inside the move's transaction: rows per table (PostgreSQL's count grew by the file's),
 * each community's ledger figures, its receipt numbers (the same numbers per year, gap-free where
 * the file is, the counter at the highest), and the trigger-kept tables row by row.
 */
export async function verifyMove(
	sqlite: Database.Database,
	client: pg.ClientBase,
	ctx: {
		tables: string[];
		before: Map<string, number>;
		codes: string[];
		maps: IdMaps;
		byName: Map<string, SourceTable>;
	}
): Promise<MoveCheck[]> {
	const checks: MoveCheck[] = [];
	for (const name of ctx.tables) {
		if (name in SKIPPED_TABLES) continue;
		const source = (sqlite.prepare(`SELECT COUNT(*) AS n FROM ${name}`).get() as { n: number }).n;
		const now = Number(
			(await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM ${name}`)).rows[0].n
		);
		// open_bills is rebuilt (rows of other communities may come and go with their payments).
		const target =
			name === 'open_bills'
				? Number(
						(
							await client.query<{ n: string }>(
								`SELECT COUNT(*) AS n FROM open_bills WHERE community_id = ANY($1)`,
								[[...ctx.maps.get('communities')!.values()]]
							)
						).rows[0].n
					)
				: now - (ctx.before.get(name) ?? 0);
		checks.push(check(`rows ${name}`, source, target));
	}
	for (const code of ctx.codes) {
		for (const [name, sql] of Object.entries(BALANCE_QUERIES)) {
			const s = sqlite.prepare(balanceSql(sql, 'sqlite')).get(code) as { n: number; fen: number };
			const { rows } = await client.query<{ n: string; fen: string }>(balanceSql(sql, 'pg'), [
				code
			]);
			checks.push(
				check(
					`${code} ${name}`,
					`${s.n} rows, ${s.fen} fen`,
					`${rows[0].n} rows, ${rows[0].fen} fen`
				)
			);
		}
		const source = sqlite.prepare(balanceSql(RECEIPTS_SQL, 'sqlite')).all(code) as {
			year: number;
			seq: number;
			no: string;
		}[];
		const { rows: target } = await client.query<{ year: number; seq: number; no: string }>(
			balanceSql(RECEIPTS_SQL, 'pg'),
			[code]
		);
		checks.push(
			sameList(
				`${code} receipt numbers`,
				source.map((r) => `${r.year}/${r.seq}/${r.no}`),
				target.map((r) => `${r.year}/${r.seq}/${r.no}`)
			)
		);
		checks.push(check(`${code} receipts per year`, receiptYears(source), receiptYears(target)));
		const { rows: counters } = await client.query<{ year: number; last_seq: number }>(
			`SELECT r.year, r.last_seq FROM receipt_counters r JOIN communities c ON c.id = r.community_id
			 WHERE c.code = $1 ORDER BY r.year`,
			[code]
		);
		checks.push(
			check(
				`${code} receipt counters`,
				receiptYears(source).map((y) => `${y.year}:${y.max}`),
				counters.map((c) => `${c.year}:${c.last_seq}`)
			)
		);
	}
	for (const name of ['principal_postings', 'open_bills'])
		checks.push(await sameRows(sqlite, client, ctx.byName.get(name)!, ctx.maps));
	return checks;
}

/** A derived table's rows of the moved communities, remapped, against PostgreSQL's (ids aside). */
async function sameRows(
	sqlite: Database.Database,
	client: pg.ClientBase,
	t: SourceTable,
	maps: IdMaps
): Promise<MoveCheck> {
	const columns = t.columns.filter((c) => !(t.hasId && c === 'id'));
	const line = (r: Record<string, unknown>) =>
		JSON.stringify(columns.map((c) => (r[c] === null ? null : String(r[c]))));
	const source = (sqlite.prepare(`SELECT * FROM ${t.name}`).all() as Record<string, unknown>[])
		.map((r) => line(rewriteRow(t, r, maps)))
		.sort();
	const { rows } = await client.query(
		`SELECT ${columns.join(', ')} FROM ${t.name} WHERE community_id = ANY($1)`,
		[[...maps.get('communities')!.values()]]
	);
	const target = rows.map(line).sort();
	const differ = source.filter((s, i) => s !== target[i]).length;
	return check(
		`${t.name} row by row`,
		`${source.length} rows`,
		source.length === target.length && differ === 0
			? `${target.length} rows`
			: `${target.length} rows, ${differ} differ`
	);
}
