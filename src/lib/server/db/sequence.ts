import type { Db } from './index';
import { stmt } from './stmt';

/**
 * Where a document numbering lives, within one community:
 * - an integer sequence column, restarting for each value of the `where` columns (receipts per
 *   year: `{ table: 'payments', seqColumn: 'receipt_seq', where: { receipt_year: 2026 } }`);
 * - or a text column of `prefix` + number, the prefix holding the year (`ZX-2026-0001`).
 */
export type SeqSource =
	| { table: string; seqColumn: string; where: Record<string, string | number> }
	| { table: string; textColumn: string; prefix: string };

const NAME = /^[a-z_][a-z0-9_]*$/;

function sqlOf(source: SeqSource): string {
	// Names are constants of the callers, never input; checked anyway since they go into the SQL.
	const names =
		'seqColumn' in source
			? [source.table, source.seqColumn, ...Object.keys(source.where)]
			: [source.table, source.textColumn];
	for (const n of names) if (!NAME.test(n)) throw new Error(`not a column or table name: ${n}`);
	if ('seqColumn' in source) {
		const where = ['community_id = ?', ...Object.keys(source.where).map((c) => `${c} = ?`)].join(
			' AND '
		);
		return `SELECT MAX(${source.seqColumn}) AS last FROM ${source.table} WHERE ${where}`;
	}
	// substr() instead of LIKE: a prefix holding % or _ matches only itself (and case counts).
	return `SELECT MAX(CAST(substr(${source.textColumn}, length(@prefix) + 1) AS INTEGER)) AS last
		FROM ${source.table}
		WHERE community_id = @community AND substr(${source.textColumn}, 1, length(@prefix)) = @prefix`;
}

/**
 * The next number of a community's sequence ("MAX + 1"; the first is 1). Call it inside the
 * IMMEDIATE transaction that writes the number: SQLite's write lock then makes it gap-free and
 * unique (a unique index backs it up). The statement is prepared once per connection.
 */
export function nextSeq(db: Db, communityId: number, source: SeqSource): number {
	const s = stmt(db, sqlOf(source));
	const row = (
		'seqColumn' in source
			? s.get(communityId, ...Object.values(source.where))
			: s.get({ prefix: source.prefix, community: communityId })
	) as { last: number | null } | undefined;
	return (row?.last ?? 0) + 1;
}
