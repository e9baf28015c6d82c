import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { failForm, parseForm } from '$lib/server/forms';
import { refusal } from '$lib/server/refusal';
import { formatYuan } from '$lib/money';
import { IMPORT_KINDS } from '$lib/domain/import';
import {
	analyseImport,
	confirmImport,
	confirmSchema,
	findStaged,
	ImportError,
	itemViews,
	kindName,
	MAX_UPLOAD_BYTES,
	previewSchema,
	progressWriter,
	refusalText,
	stage,
	unstage
} from '$lib/server/import';
import type { Actions, PageServerLoad } from './$types';

const MAX_MB = MAX_UPLOAD_BYTES / 1024 / 1024;
/** Rows of each list sent to the page; the counts say how many there are in all. */
const LIST_LIMIT = 200;

export const load = (({ locals, url }) => {
	requireStaff(locals, 'admin', url);
	return {
		kinds: IMPORT_KINDS.map((kind) => ({ kind, name: kindName(kind) })),
		maxMb: MAX_MB
	};
}) satisfies PageServerLoad;

export const actions = {
	preview: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'admin', url);
		const form = await request.formData();
		const parsed = parseForm(previewSchema, form);
		if (!parsed.ok)
			return failForm(400, m.form_fix_errors(), { errors: parsed.errors, values: parsed.values });
		const { kind, encoding, job } = parsed.data;
		const values = { kind, encoding };
		const file = form.get('file');
		if (!(file instanceof File) || (file.size === 0 && file.name === ''))
			return failForm(400, m.import_err_no_file(), {
				errors: { file: m.import_err_no_file() },
				values
			});
		if (file.size > MAX_UPLOAD_BYTES) {
			const message = m.import_err_too_large({ maxMb: MAX_MB });
			return failForm(413, message, { errors: { file: message }, values });
		}
		const db = getDb();
		const today = communityToday(getCommunity(db, user.communityId));
		const progress = job ? progressWriter(db, job, user.id) : undefined;
		progress?.({ phase: 'reading', done: 0, total: 0 }, nowMs());
		const bytes = new Uint8Array(await file.arrayBuffer());
		try {
			const a = await analyseImport(
				db,
				user.communityId,
				{ bytes, fileName: file.name, encoding: encoding || null, kind: kind || null },
				today,
				progress && ((done, total) => progress({ phase: 'checking', done, total }, nowMs()))
			);
			const token = stage(
				db,
				{
					communityId: user.communityId,
					actorId: user.id,
					bytes,
					fileName: file.name,
					encoding: a.encoding,
					kind: a.kind,
					digest: a.digest
				},
				nowMs()
			);
			return {
				preview: {
					token,
					digest: a.digest,
					fileName: a.fileName,
					kindName: kindName(a.kind),
					format: a.format,
					encoding: a.encoding,
					rows: a.rows,
					counts: {
						add: a.add.length,
						change: a.change.length,
						same: a.same,
						refused: a.refused.length
					},
					total: a.kind.startsWith('opening') ? formatYuan(a.addFen, { symbol: true }) : null,
					add: itemViews(a.add, LIST_LIMIT),
					change: itemViews(a.change, LIST_LIMIT),
					refused: a.refused
						.slice(0, LIST_LIMIT)
						.map((r) => ({ row: r.row, reason: refusalText(r) }))
				},
				values
			};
		} catch (e) {
			return refusal(e, { values });
		} finally {
			progress?.({ phase: 'done', done: 0, total: 0 }, nowMs());
		}
	},

	confirm: async ({ locals, request, url }) => {
		const user = requireStaff(locals, 'admin', url);
		const parsed = parseForm(confirmSchema, await request.formData());
		if (!parsed.ok) return failForm(400, m.import_err_expired());
		const { token, digest } = parsed.data;
		const db = getDb();
		const s = findStaged(db, token, user.communityId, user.id, nowMs());
		if (!s || s.digest !== digest) return failForm(409, m.import_err_expired());
		const today = communityToday(getCommunity(db, user.communityId));
		try {
			const r = await confirmImport(
				db,
				user.communityId,
				{ bytes: s.bytes, fileName: s.fileName, encoding: s.encoding, kind: s.kind },
				{ id: user.id },
				today,
				nowMs(),
				digest
			);
			unstage(db, token);
			const args = {
				file: s.fileName,
				added: r.added,
				changed: r.changed,
				same: r.same,
				refused: r.refused
			};
			return {
				done: r.batchId === null ? m.import_done_nothing({ file: s.fileName }) : m.import_done(args)
			};
		} catch (e) {
			if (e instanceof ImportError) unstage(db, token);
			return refusal(e, { step: 'confirm' });
		}
	}
} satisfies Actions;
