/**
 * Demo records: parking spaces and vehicles, a tenant, household members, an emergency contact and
 * a unit transferred in the past (so its page shows a past owner). Units of building 3, entrance
 * 1, floors 4–5: no e2e test or other seed names them. Runs once (skips when spaces exist).
 */
import type { Db } from '../db';
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

	// 3-1-401: the owner's spouse and child live there; a relative is the emergency contact.
	const spouse = createPerson(
		db,
		actor,
		person('陈静', '13905710401', idCard('330106', '19850312', '002')),
		now
	);
	const child = createPerson(
		db,
		actor,
		person('陈小宇', '13905710402', idCard('330106', '20100908', '013')),
		now
	);
	const contact = createPerson(
		db,
		actor,
		person('林国华', '13905710403', idCard('330102', '19600115', '031')),
		now
	);
	addTie(
		db,
		actor,
		{
			unitId: u401,
			personId: spouse,
			role: 'household',
			startDate: month(-30),
			endDate: null,
			reason: '接房登记'
		},
		now
	);
	addTie(
		db,
		actor,
		{
			unitId: u401,
			personId: child,
			role: 'household',
			startDate: month(-30),
			endDate: null,
			reason: '接房登记'
		},
		now
	);
	addTie(
		db,
		actor,
		{
			unitId: u401,
			personId: contact,
			role: 'emergency',
			startDate: month(-30),
			endDate: null,
			reason: ''
		},
		now
	);

	// 3-1-402: let to a tenant on a one-year lease; an earlier tenant's lease has ended.
	const tenant = createPerson(
		db,
		actor,
		person('郑宇航', '13905710421', idCard('320102', '19920620', '051')),
		now
	);
	const former = createPerson(
		db,
		actor,
		person('黄晓丽', '13905710422', idCard('340104', '19900101', '062')),
		now
	);
	addTie(
		db,
		actor,
		{
			unitId: u402,
			personId: former,
			role: 'tenant',
			startDate: month(-14),
			endDate: month(-2),
			reason: '租赁备案'
		},
		now
	);
	addTie(
		db,
		actor,
		{
			unitId: u402,
			personId: tenant,
			role: 'tenant',
			startDate: month(-2),
			endDate: `${addMonths(monthOf(today), 10)}-01`,
			reason: '租赁备案'
		},
		now
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
	assignSpace(
		db,
		actor,
		{
			spaceCode: 'B1-001',
			unitCode: '3-1-401',
			holding: 'owned',
			startDate: month(-30),
			reason: '购买车位'
		},
		now
	);
	assignSpace(
		db,
		actor,
		{
			spaceCode: 'B1-002',
			unitCode: '3-1-502',
			holding: 'rented',
			startDate: month(-6),
			reason: '车位租赁'
		},
		now
	);
	assignSpace(
		db,
		actor,
		{
			spaceCode: 'B1-003',
			unitCode: '3-1-501',
			holding: 'owned',
			startDate: month(-8),
			reason: '随房过户'
		},
		now
	);
	addVehicle(
		db,
		actor,
		{
			plate: '浙A3K401',
			unitCode: '3-1-401',
			spaceCode: 'B1-001',
			personId: spouse,
			startDate: month(-30)
		},
		now
	);
	addVehicle(
		db,
		actor,
		{
			plate: '浙AD50210',
			unitCode: '3-1-502',
			spaceCode: 'B1-002',
			personId: null,
			startDate: month(-6)
		},
		now
	);
}
