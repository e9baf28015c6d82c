import { and, desc, eq } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { reconciliationItems, reconciliations, type ReconcileMethod } from '../db/schema';
import { audit } from '../audit';
import { reconcile, type Reconciliation, type StatementLine } from '../../domain/reconcile';
import { dayEntries } from './queries';
import { JournalError } from './errors';

export interface ReconcileInput {
	communityId: number;
	timeZone: string;
	date: string;
	method: ReconcileMethod;
	/** The entered statement total (null: the lines' sum). */
	statementTotalFen: number | null;
	lines: StatementLine[];
	fileName: string;
	/** Entry keys the staff ticked (null: the automatic pairs as they are). */
	ticks: ReadonlySet<string> | null;
	note: string;
}

/** What the page shows before saving: the day's entries matched against the statement. */
export function previewReconciliation(db: Db, input: ReconcileInput) {
	const entries = dayEntries(db, input.communityId, input.timeZone, input.date, input.method);
	return {
		entries,
		result: reconcile(entries, input.lines, input.statementTotalFen, input.ticks)
	};
}

/**
 * Records a reconciliation of a day and method: the day's entries are read again inside the
 * transaction (a receipt posted meanwhile counts), matched, and written with every pair and every
 * open entry and line. The day's earlier reconciliation is superseded, never edited. A double
 * submit (same form key) records once and answers the first id.
 */
export function recordReconciliation(
	db: Db,
	input: ReconcileInput & { formKey: string; actorId: number; now: number }
): { id: number; replay: boolean; result: Reconciliation } {
	return tx(db, () => {
		const seen = db
			.select({
				id: reconciliations.id,
				date: reconciliations.localDate,
				method: reconciliations.method
			})
			.from(reconciliations)
			.where(eq(reconciliations.formKey, input.formKey))
			.get();
		const { result } = previewReconciliation(db, input);
		if (seen) {
			if (seen.date !== input.date || seen.method !== input.method)
				throw new JournalError('stale_form');
			return { id: seen.id, replay: true, result };
		}
		const previous = db
			.select({ id: reconciliations.id })
			.from(reconciliations)
			.where(
				and(
					eq(reconciliations.communityId, input.communityId),
					eq(reconciliations.localDate, input.date),
					eq(reconciliations.method, input.method)
				)
			)
			.orderBy(desc(reconciliations.id))
			.limit(1)
			.get();
		const { id } = db
			.insert(reconciliations)
			.values({
				communityId: input.communityId,
				localDate: input.date,
				method: input.method,
				source: input.lines.length ? 'csv' : 'total',
				fileName: input.fileName,
				statementFen: result.statementFen,
				entriesFen: result.entriesFen,
				differenceFen: result.differenceFen,
				entries: result.pairs.length + result.openEntries.length,
				matched: result.pairs.length,
				note: input.note,
				supersedes: previous?.id ?? null,
				formKey: input.formKey,
				createdBy: input.actorId,
				createdAt: input.now
			})
			.returning({ id: reconciliations.id })
			.get();
		const paymentOf = (key: string) => Number(key.slice(1));
		const rows = [
			...result.pairs.map((p) => ({
				reconciliationId: id,
				paymentId: paymentOf(p.entry.key),
				entryKind: p.entry.kind,
				entryFen: p.entry.amountFen,
				matchedBy: p.by,
				lineNo: p.line?.line ?? null,
				lineTime: p.line?.time ?? '',
				lineRef: p.line?.ref ?? '',
				lineFen: p.line?.amountFen ?? null
			})),
			...result.openEntries.map((e) => ({
				reconciliationId: id,
				paymentId: paymentOf(e.key),
				entryKind: e.kind,
				entryFen: e.amountFen,
				matchedBy: null,
				lineNo: null,
				lineTime: '',
				lineRef: '',
				lineFen: null
			})),
			...result.openLines.map((l) => ({
				reconciliationId: id,
				paymentId: null,
				entryKind: null,
				entryFen: null,
				matchedBy: null,
				lineNo: l.line,
				lineTime: l.time,
				lineRef: l.ref,
				lineFen: l.amountFen
			}))
		];
		// SQLite caps bound parameters per statement; a few hundred rows at a time stay well under.
		for (let i = 0; i < rows.length; i += 200)
			db.insert(reconciliationItems)
				.values(rows.slice(i, i + 200))
				.run();
		audit(
			db,
			{
				communityId: input.communityId,
				actorId: input.actorId,
				action: 'journal.reconcile',
				targetType: 'reconciliation',
				targetId: id,
				detail: {
					date: input.date,
					method: input.method,
					differenceFen: result.differenceFen,
					supersedes: previous?.id ?? null
				}
			},
			input.now
		);
		return { id, replay: false, result };
	});
}
