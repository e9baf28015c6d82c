import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { nowMs } from '$lib/server/clock';
import { listKeys, overdueSummary } from '$lib/server/keys';
import { listFilterSchema } from '$lib/server/keys/forms';
import { addDays } from '$lib/dates';
import type { PageServerLoad } from './$types';

export const load = (({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const now = nowMs();
	const community = getCommunity(db, user.communityId);
	const filter = listFilterSchema.parse({
		q: url.searchParams.get('q') ?? '',
		state: url.searchParams.get('state') ?? ''
	});
	// The list carries only what the table shows of an open loan.
	const keys = listKeys(db, user.communityId, now, {
		q: filter.q,
		state: filter.state || undefined
	}).map((k) => ({
		id: k.id,
		tagNo: k.tagNo,
		kind: k.kind,
		opens: k.opens,
		slot: k.slot,
		state: k.state,
		loan: k.openLoan && {
			borrowerName: k.openLoan.borrowerName,
			borrowerPhone: k.openLoan.borrowerPhone,
			expectedReturnAt: k.openLoan.expectedReturnAt,
			overdue: k.openLoan.overdue
		}
	}));
	const overdue = overdueSummary(db, user.communityId, now);
	const today = communityToday(community, new Date(now));
	return {
		keys,
		overdue,
		filter,
		timeZone: community.timeZone,
		logFrom: addDays(today, -6),
		logTo: today
	};
}) satisfies PageServerLoad;
