import { createHash } from 'node:crypto';
import { tx, type Db } from '../db';
import { importBatches } from '../db/schema';
import { audit } from '../audit';
import {
	TEMPLATES,
	isBlankRow,
	matchHeaders,
	parseRow,
	type ImportKind
} from '../../domain/import';
import { readUpload, type Encoding, type Grid } from './read';
import { ImportError, ImportReadError } from './errors';
import { makePlanner, type FieldChange, type PlanItem, type Refusal } from './plan';
import { applyItem, itemFen } from './apply';

/**
 * Import use cases, shared by `/admin/import` and `npm run import`: analyse a file (read, match
 * the headers to a template, parse and plan every row) for the preview, then confirm: plan again
 * inside one IMMEDIATE transaction and write all of it, or nothing.
 */

export { ImportError, type ImportFailure } from './errors';

export interface Upload {
	bytes: Uint8Array;
	fileName: string;
	/** Forces the CSV encoding; default: detected. */
	encoding?: Encoding | null;
	/** Forces the template; default: recognised from the header row. */
	kind?: ImportKind | null;
}

export interface ItemView {
	row: number;
	key: string;
	changes: FieldChange[];
}

export interface Analysis {
	kind: ImportKind;
	format: Grid['format'];
	encoding: Encoding | null;
	fileName: string;
	sha256: string;
	rows: number;
	add: PlanItem[];
	change: PlanItem[];
	same: number;
	refused: Refusal[];
	/** Opening balances: the fen the rows to add bring in. */
	addFen: number;
	/** A fingerprint of the plan: confirm refuses when the records changed since the preview. */
	digest: string;
}

export type Progress = (done: number, total: number) => void;

const CHUNK = 2000;

function digestOf(a: Pick<Analysis, 'add' | 'change' | 'refused' | 'kind'>): string {
	const h = createHash('sha256');
	h.update(a.kind);
	for (const i of a.add) h.update(`+${i.row}|${i.key}\n`);
	for (const i of a.change) h.update(`~${i.row}|${i.key}|${JSON.stringify(i.changes)}\n`);
	for (const r of a.refused) h.update(`!${r.row}|${r.error}\n`);
	return h.digest('hex');
}

/** Reads the file and checks its header row; throws ImportError. */
export async function readGrid(upload: Upload) {
	let grid: Grid;
	try {
		grid = await readUpload(upload.bytes, upload.fileName, upload.encoding);
	} catch (e) {
		if (e instanceof ImportReadError) throw new ImportError(e.error);
		throw e;
	}
	const header = matchHeaders(grid.rows[0], upload.kind ?? undefined);
	if (!header.ok) throw new ImportError({ code: 'bad_headers', ...header });
	if (grid.rows.slice(1).every(isBlankRow)) throw new ImportError({ code: 'no_rows' });
	return { grid, kind: header.kind, index: header.index };
}

function planner(
	db: Db,
	communityId: number,
	kind: ImportKind,
	index: number[],
	rows: string[][],
	today: string
) {
	const template = TEMPLATES[kind];
	const plan = makePlanner(db, communityId, kind, today);
	const add: PlanItem[] = [];
	const change: PlanItem[] = [];
	const refused: Refusal[] = [];
	let same = 0;
	let done = 0;
	return {
		add,
		change,
		refused,
		get same() {
			return same;
		},
		/** Plans data rows [from, to) (indexes into the grid's rows; the header is row 0). */
		run(from: number, to: number) {
			for (let i = from; i < to; i++) {
				const cells = rows[i];
				if (isBlankRow(cells)) continue;
				done++;
				const parsed = parseRow(template, index, cells, i + 1);
				if (!parsed.ok) {
					refused.push(parsed.refusal);
					continue;
				}
				const step = plan.step(parsed.parsed);
				if (!step.ok) refused.push(step.refusal);
				else if (!step.item) same++;
				else if (step.item.changes.length) change.push(step.item);
				else add.push(step.item);
			}
			return done;
		}
	};
}

/**
 * What an import would do (the preview). Reads and plans in chunks, yielding between them, so
 * the progress endpoint is answered while a 20 000-row file is checked.
 */
export async function analyseImport(
	db: Db,
	communityId: number,
	upload: Upload,
	today: string,
	onProgress?: Progress
): Promise<Analysis> {
	const { grid, kind, index } = await readGrid(upload);
	const total = grid.rows.length - 1;
	const p = planner(db, communityId, kind, index, grid.rows, today);
	for (let i = 1; i < grid.rows.length; i += CHUNK) {
		p.run(i, Math.min(i + CHUNK, grid.rows.length));
		onProgress?.(Math.min(i + CHUNK - 1, total), total);
		await new Promise((r) => setImmediate(r));
	}
	const a = {
		kind,
		format: grid.format,
		encoding: grid.encoding,
		fileName: upload.fileName,
		sha256: createHash('sha256').update(upload.bytes).digest('hex'),
		rows: p.add.length + p.change.length + p.same + p.refused.length,
		add: p.add,
		change: p.change,
		same: p.same,
		refused: p.refused,
		addFen: p.add.reduce((s, i) => s + itemFen(i), 0)
	};
	return { ...a, digest: digestOf(a) };
}

export interface ImportResult {
	batchId: number | null;
	kind: ImportKind;
	added: number;
	changed: number;
	same: number;
	refused: number;
	addFen: number;
}

/**
 * Confirms an import: the plan is made again inside one IMMEDIATE transaction (so it sees the
 * records as they are now) and written in full, or nothing is. With `expectDigest` (the preview's),
 * a plan that differs from what the admin saw is refused as 'stale'. A plan with nothing to add
 * or change writes nothing at all: re-importing a file is a no-op.
 */
export async function confirmImport(
	db: Db,
	communityId: number,
	upload: Upload,
	actor: { id: number | null },
	today: string,
	now: number,
	expectDigest?: string | null
): Promise<ImportResult> {
	const { grid, kind, index } = await readGrid(upload);
	const sha256 = createHash('sha256').update(upload.bytes).digest('hex');
	return tx(db, () => {
		const p = planner(db, communityId, kind, index, grid.rows, today);
		p.run(1, grid.rows.length);
		const digest = digestOf({ kind, add: p.add, change: p.change, refused: p.refused });
		if (expectDigest && digest !== expectDigest) throw new ImportError({ code: 'stale' });
		const addFen = p.add.reduce((s, i) => s + itemFen(i), 0);
		const result = {
			kind,
			added: p.add.length,
			changed: p.change.length,
			same: p.same,
			refused: p.refused.length,
			addFen
		};
		if (!p.add.length && !p.change.length) return { batchId: null, ...result };
		const { id: batchId } = db
			.insert(importBatches)
			.values({
				communityId,
				kind,
				fileName: upload.fileName.slice(0, 200),
				fileSha256: sha256,
				encoding: grid.encoding,
				added: result.added,
				changed: result.changed,
				refused: result.refused,
				totalFen: addFen,
				localDate: today,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: importBatches.id })
			.get();
		const ctx = {
			db,
			communityId,
			actorId: actor.id,
			batchId,
			fileName: upload.fileName,
			today,
			now
		};
		for (const item of p.add) applyItem(ctx, item);
		for (const item of p.change) applyItem(ctx, item);
		audit(
			db,
			{
				communityId,
				actorId: actor.id,
				actorKind: actor.id ? 'staff' : 'system',
				action: 'import.confirm',
				targetType: 'import_batch',
				targetId: batchId,
				detail: { ...result, file: upload.fileName, sha256, encoding: grid.encoding }
			},
			now
		);
		return { batchId, ...result };
	});
}

/** Views of planned rows for a page or a report: no write instructions, at most `limit`. */
export function itemViews(items: readonly PlanItem[], limit = 200): ItemView[] {
	return items.slice(0, limit).map((i) => ({ row: i.row, key: i.key, changes: i.changes }));
}
