/**
 * Demo records: parking spaces and vehicles, a tenant, household members, an emergency contact and
 * a unit transferred in the past (so its page shows a past owner). Units of building 3, entrance
 * 1, floors 4–5: no e2e test or other seed names them. Runs once (skips when spaces exist).
 */
import type { Db } from '../db';
import type { UnitOwnerRole } from '../db/schema';
import { stmt } from '../db/stmt';
import { communityToday, getCommunity } from '../community';
import { addMonths, monthOf } from '../../dates';
import { idCardCheckChar } from '../../domain/records';
import {
	addTie,
	addVehicle,
	assignSpace,
	createPerson,
	createSpace,
	transferOwnership,
	unitIdByCodeIn,
	type PersonFields
} from './commands';

/** A valid 18-digit ID card number from a region, birth date and sequence. */
function idCard(region: string, birth: string, seq: string): string {
	const first = `${region}${birth}${seq}`;
	return first + idCardCheckChar(first);
}

const person = (
	name: string,
	phone: string,
	idNumber: string,
	ownerType: PersonFields['ownerType'] = 'individual'
): PersonFields => ({ name, phone, idType: 'id_card', idNumber, ownerType, note: '' });

export function seedRecords(db: Db, ctx: { communityId: number; today: Date }) {
	const { communityId } = ctx;
	if (stmt(db, 'SELECT 1 FROM parking_spaces WHERE community_id = ? LIMIT 1').get(communityId))
		return;
	const unit = (code: string) => unitIdByCodeIn(db, communityId, code);
	const ids = ['3-1-401', '3-1-402', '3-1-501', '3-1-502'].map(unit);
	if (ids.some((id) => id === null)) return;
	const [u401, u402, u501] = ids as number[];
	const manager = stmt(
		db,
		`SELECT id FROM staff_users WHERE community_id = ? AND role = 'manager' ORDER BY id LIMIT 1`
	).get(communityId) as { id: number } | undefined;
	if (!manager) return;
	const actor = { id: manager.id, communityId };
	const now = ctx.today.getTime();
	const today = communityToday(getCommunity(db, communityId), ctx.today);
	const month = (n: number) => `${addMonths(monthOf(today), n)}-01`;

	// A new person and their tie to a unit, as the unit page's form makes them.
	const tie = (
		unitId: number,
		p: PersonFields,
		role: UnitOwnerRole,
		startDate: string,
		endDate: string | null,
		reason: string
	) => {
		const personId = createPerson(db, actor, p, now);
		addTie(db, actor, { unitId, personId, role, startDate, endDate, reason }, now);
		return personId;
	};

	// 3-1-401: the owner's spouse and child live there; a relative is the emergency contact.
	const [spouse] = (
		[
			['陈静', '13905710401', idCard('330106', '19850312', '002')],
			['陈小宇', '13905710402', idCard('330106', '20100908', '013')]
		] as const
	).map(([name, phone, id]) =>
		tie(u401, person(name, phone, id), 'household', month(-30), null, '接房登记')
	);
	tie(
		u401,
		person('林国华', '13905710403', idCard('330102', '19600115', '031')),
		'emergency',
		month(-30),
		null,
		''
	);

	// 3-1-402: let to a tenant on a one-year lease; an earlier tenant's lease has ended.
	tie(
		u402,
		person('郑宇航', '13905710421', idCard('320102', '19920620', '051')),
		'tenant',
		month(-2),
		`${addMonths(monthOf(today), 10)}-01`,
		'租赁备案'
	);
	tie(
		u402,
		person('黄晓丽', '13905710422', idCard('340104', '19900101', '062')),
		'tenant',
		month(-14),
		month(-2),
		'租赁备案'
	);

	// 3-1-501: sold eight months ago (过户); the old owner stays on the record for earlier bills.
	transferOwnership(
		db,
		actor,
		{
			unitId: u501,
			date: month(-8),
			newOwnerId: null,
			newPerson: person('许文博', '13905710501', idCard('330104', '19880228', '075')),
			endHousehold: true,
			reason: '二手房买卖，已核验不动产权证书'
		},
		now
	);

	// Spaces: two underground spaces held by units, one rented, one surface space free.
	for (const [code, area, kind] of [
		['B1-001', 1250, 'underground'],
		['B1-002', 1250, 'underground'],
		['B1-003', 1320, 'underground'],
		['D-01', 1500, 'surface']
	] as const)
		createSpace(db, actor, { code, areaCenti: area, kind }, now);
	for (const [spaceCode, unitCode, holding, startDate, reason] of [
		['B1-001', '3-1-401', 'owned', month(-30), '购买车位'],
		['B1-002', '3-1-502', 'rented', month(-6), '车位租赁'],
		['B1-003', '3-1-501', 'owned', month(-8), '随房过户']
	] as const)
		assignSpace(db, actor, { spaceCode, unitCode, holding, startDate, reason }, now);
	for (const [plate, unitCode, spaceCode, personId, startDate] of [
		['浙A3K401', '3-1-401', 'B1-001', spouse, month(-30)],
		['浙AD50210', '3-1-502', 'B1-002', null, month(-6)]
	] as const)
		addVehicle(db, actor, { plate, unitCode, spaceCode, personId, startDate }, now);
}
