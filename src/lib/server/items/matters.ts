import type { Db } from '../db';
import { getCommunity } from '../community';
import { addDays, localToEpochMs, todayIn } from '../../dates';
import type { RegisterMatter } from '../shifts/register-matters';
import { listDeposits, listReleases } from './queries';

/**
 * The shift handover's 物品 line: goods kept at the desk (overdue past their claim date) and
 * releases the gate has not yet passed (25 of each, so one kind cannot crowd out the other).
 * No $lib imports (see register-matters.ts).
 */
export function itemMatters(db: Db, communityId: number, now: number): RegisterMatter[] {
	const tz = getCommunity(db, communityId).timeZone;
	const today = todayIn(tz, now);
	const endOf = (date: string) => localToEpochMs(addDays(date, 1), '00:00', tz);
	const kept = listDeposits(db, communityId, { view: 'open' }, today, 25).map(
		(d): RegisterMatter => ({
			register: 'item',
			ref: d.claimNo,
			unitCode: d.unitCode,
			summary: `寄存 ${d.items} ×${d.itemCount} · ${d.depositorName}`,
			dueAt: endOf(d.claimBy),
			overdue: d.overdue,
			href: '/items?tab=deposit&view=open'
		})
	);
	const releases = listReleases(db, communityId, { view: 'open' }, today, 25).map(
		(r): RegisterMatter => ({
			register: 'item',
			ref: r.releaseNo,
			unitCode: r.unitCode,
			summary: `放行 ${r.items} ×${r.itemCount} · ${r.carrierName}`,
			dueAt: endOf(r.validUntil),
			overdue: false,
			href: '/items?tab=release&view=open'
		})
	);
	return [...kept, ...releases];
}
