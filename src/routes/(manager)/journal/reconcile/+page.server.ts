import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import {
	dayEntries,
	JournalError,
	previewReconciliation,
	readStatement,
	reconciliationsOf,
	recordReconciliation
} from '$lib/server/journal';
import { parseReconcileDay, reconcileFormSchema } from '$lib/server/journal/forms';
import type { StatementLine } from '$lib/domain/reconcile';
import type { Actions, PageServerLoad } from './$types';

/**
 * /journal/reconcile?date=&method= — 对账: a day's receipts and voids of one non-cash method
 * against the provider's statement (a total typed, or the statement's CSV). `check` shows the
 * automatic pairs and the differences without writing; `save` records what was ticked (a new
 * reconciliation that supersedes the day's earlier one). Managers only.
 */
function dayOf(communityId: number, url: URL) {
	const db = getDb();
	const community = getCommunity(db, communityId);
	const now = nowMs();
	const today = communityToday(community, new Date(now));
	return { db, community, now, today, day: parseReconcileDay(url, today) };
}

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const { db, community, today, day } = dayOf(user.communityId, url);
	if (!day.ok) error(400, { message: day.message });
	return {
		today,
		timeZone: community.timeZone,
		date: day.date,
		method: day.method,
		entries: dayEntries(db, user.communityId, community.timeZone, day.date, day.method),
		history: reconciliationsOf(db, user.communityId, day.date, day.method),
		formKey: crypto.randomUUID()
	};
}) satisfies PageServerLoad;

/** The form's statement: the file's lines (a new upload) or the lines carried from the check. */
async function statementOf(form: FormData, carried: StatementLine[]) {
	const file = form.get('file');
	if (file instanceof File && file.size > 0)
		return {
			lines: await readStatement(new Uint8Array(await file.arrayBuffer()), file.name),
			fileName: file.name.slice(0, 120)
		};
	return { lines: carried, fileName: '' };
}

export const actions = {
	check: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const { db, community, day } = dayOf(user.communityId, url);
		if (!day.ok) return failForm(400, day.message);
		const form = await request.formData();
		const parsed = parseForm(reconcileFormSchema, form);
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		const f = parsed.data;
		try {
			const s = await statementOf(form, f.lines);
			if (s.lines.length === 0 && f.total === null) throw new JournalError('statement_file');
			const { entries, result } = previewReconciliation(db, {
				communityId: user.communityId,
				timeZone: community.timeZone,
				date: day.date,
				method: day.method,
				statementTotalFen: f.total,
				lines: s.lines,
				fileName: s.fileName || f.fileName,
				ticks: null,
				note: f.note
			});
			return {
				check: {
					entries,
					result,
					total: String(form.get('total') ?? '').slice(0, 20),
					linesJson: JSON.stringify(s.lines),
					fileName: s.fileName || f.fileName
				}
			};
		} catch (e) {
			return refusal(e);
		}
	},
	save: async ({ locals, url, request }) => {
		const user = requireStaff(locals, 'manager', url);
		const { db, community, now, day } = dayOf(user.communityId, url);
		if (!day.ok) return failForm(400, day.message);
		const form = await request.formData();
		const parsed = parseForm(reconcileFormSchema, form);
		if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
		const f = parsed.data;
		try {
			if (f.lines.length === 0 && f.total === null) throw new JournalError('statement_file');
			const saved = recordReconciliation(db, {
				communityId: user.communityId,
				timeZone: community.timeZone,
				date: day.date,
				method: day.method,
				statementTotalFen: f.total,
				lines: f.lines,
				fileName: f.fileName,
				ticks: f.ticks === 'given' ? f.tick : null,
				note: f.note,
				formKey: f.formKey,
				actorId: user.id,
				now
			});
			return { saved: saved.id };
		} catch (e) {
			return refusal(e);
		}
	}
} satisfies Actions;
