import { error } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { logEntries } from '$lib/server/keys';
import { keyLogPdf } from '$lib/server/pdf/key-log';
import { logRangeSchema } from '$lib/server/keys/forms';
import { addDays, localToEpochMs } from '$lib/dates';
import { registerLogHead } from '$lib/server/pdf/register-log';
import type { RequestHandler } from './$types';
import { pdfResponse } from '$lib/server/pdf/response';

// GET /keys/log.pdf?from=YYYY-MM-DD&to=YYYY-MM-DD — the lending log (钥匙借用册) for those days, both included.
export const GET = (async ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const range = logRangeSchema.safeParse({
		from: url.searchParams.get('from') ?? '',
		to: url.searchParams.get('to') ?? ''
	});
	if (!range.success) error(400, m.keys_log_bad_range());
	const { from, to } = range.data;
	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const now = nowMs();
	const fromMs = localToEpochMs(from, '00:00', community.timeZone);
	const toMs = localToEpochMs(addDays(to, 1), '00:00', community.timeZone);
	const pdf = await keyLogPdf({
		...registerLogHead(community, { from, to }, now, user),
		loans: logEntries(db, user.communityId, fromMs, toMs, now)
	});
	return pdfResponse(pdf, { filename: `key-log-${from}-${to}.pdf` });
}) satisfies RequestHandler;
