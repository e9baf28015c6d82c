import type { Db } from '../db';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import { renderDispatchSlip, type DispatchSlipData } from '../pdf/dispatch-slip';
import { getTicketDetail } from './queries';
import { actorLabel, type TicketActor } from './model';

/**
 * The dispatch slip of a ticket as it stands: the latest dispatch (or transfer to the developer).
 * 'not_found' for no such ticket; 'not_dispatched' before any dispatch.
 */
export function dispatchSlipData(
	db: Db,
	communityId: number,
	ticketNo: string,
	actor: TicketActor,
	now = nowMs()
): DispatchSlipData | 'not_found' | 'not_dispatched' {
	const t = getTicketDetail(db, communityId, ticketNo, actor, now);
	if (!t) return 'not_found';
	const dispatch = [...t.events]
		.reverse()
		.find((e) => e.type === 'dispatched' || e.type === 'transferred');
	if (!dispatch || !t.department) return 'not_dispatched';
	const c = getCommunity(db, communityId);
	return {
		communityName: c.name,
		centreName: c.centreName,
		timeZone: c.timeZone,
		ticketNo: t.ticketNo,
		kind: t.kind,
		source: t.source,
		urgency: t.urgency,
		unitCode: t.unitCode,
		location: t.location,
		reporterName: t.reporterName,
		reporterPhone: t.reporterPhone,
		text: t.text,
		receivedAt: t.receivedAt,
		recordedAt: t.recordedAt,
		recordedLate: t.recordedLate,
		recordedBy: t.events[0]?.actorName ?? '',
		department: t.department,
		assignee: t.assignee ?? '',
		dispatchedAt: dispatch.at,
		dispatchedBy: dispatch.actorName,
		photoCount: t.photos.length,
		deadlines: t.deadlines,
		settings: c.settings.tickets,
		printedAt: now,
		printedBy: actorLabel(actor)
	};
}

export async function dispatchSlipPdf(
	db: Db,
	communityId: number,
	ticketNo: string,
	actor: TicketActor,
	now = nowMs()
): Promise<Buffer | 'not_found' | 'not_dispatched'> {
	const data = dispatchSlipData(db, communityId, ticketNo, actor, now);
	return typeof data === 'string' ? data : renderDispatchSlip(data);
}
