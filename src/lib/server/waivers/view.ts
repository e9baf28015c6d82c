import type { Db } from '../db';
import { communityToday, getCommunity } from '../community';
import { formatDateTimeLocal } from '../../dates';
import { maxApprovable } from '../../domain/waiver';
import { owedNow } from './commands';
import { requestDetail, type RequestDetail } from './queries';

export interface RequestView extends Omit<RequestDetail, 'events'> {
	events: {
		action: string;
		actor: string;
		note: string;
		time: string;
		receiptNo: string | null;
		approvedFen: number | null;
		reversedFen: number | null;
	}[];
	/** Waived and then taken back because the payment of the principal was voided. */
	reversedFen: number;
	/** Late fee of the request's bills still owed today (what is left after a partial approval). */
	restOwedFen: number;
	/** For a pending request: what each bill may have waived today, oldest first, and the total. */
	owed: { billId: number; month: string; requestedFen: number; owedFen: number }[];
	maxFen: number;
	dueDay: number;
	today: string;
	filedAt: string;
	decidedAt: string | null;
}

/** One request as the clerk's and the manager's pages show it. Null when not this community's. */
export function requestView(db: Db, communityId: number, id: number): RequestView | null {
	const detail = requestDetail(db, communityId, id);
	if (!detail) return null;
	const community = getCommunity(db, communityId);
	const today = communityToday(community);
	const owed = owedNow(db, communityId, detail.request.unitId, detail.request.id, today);
	const tz = community.timeZone;
	return {
		...detail,
		events: detail.events.map((e) => ({
			action: e.action,
			actor: e.actorName ? `${e.actorName}（${e.actorWorkNo}）` : '',
			note: e.note,
			time: formatDateTimeLocal(e.at, tz),
			receiptNo: typeof e.detail.receiptNo === 'string' ? e.detail.receiptNo : null,
			approvedFen: typeof e.detail.approvedFen === 'number' ? e.detail.approvedFen : null,
			reversedFen: typeof e.detail.reversedFen === 'number' ? e.detail.reversedFen : null
		})),
		reversedFen: detail.bills.reduce((s, b) => s + b.reversedFen, 0),
		// What is still owed in late fee on these bills, whatever the state (0 once fully waived or paid).
		restOwedFen: owed.reduce((s, b) => s + Math.max(0, b.owedFen), 0),
		owed: owed.map(({ billId, month, requestedFen, owedFen }) => ({
			billId,
			month,
			requestedFen,
			owedFen
		})),
		maxFen: detail.request.state === 'pending' ? maxApprovable(owed) : 0,
		dueDay: community.settings.fees.dueDay,
		today,
		filedAt: formatDateTimeLocal(detail.request.createdAt, tz),
		decidedAt: detail.request.decidedAt ? formatDateTimeLocal(detail.request.decidedAt, tz) : null
	};
}
