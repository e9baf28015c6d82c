import type { Db } from '../db';
import { seededAlready } from '../seed/once';
import { seededStaffId } from '../seed/staff';
import { parcelAuthorisations } from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { todayIn } from '../../dates';
import { authoriseParcels, handOverParcel, intakeParcel } from './commands';
import { unitOwnerNames } from './queries';

const DAY = 86_400_000;

/** The demo shelf: two units that authorised the desk, a parcel waiting, one overdue, one collected. */
export function seedParcels(db: Db, ctx: { communityId: number; today: Date }) {
	if (seededAlready(db, parcelAuthorisations, ctx.communityId)) return;
	const clerkId = seededStaffId(db, ctx.communityId, 'clerk');
	const a = findUnitByCode(db, ctx.communityId, '6-1-301');
	const b = findUnitByCode(db, ctx.communityId, '6-1-302');
	if (clerkId === undefined || !a || !b) return;
	const actor = { id: clerkId, communityId: ctx.communityId, role: 'clerk' as const };
	const now = ctx.today.getTime();
	const day = (ms: number) => todayIn('Asia/Shanghai', ms);
	const ownerA = unitOwnerNames(db, a.id, day(now))[0] ?? '业主';
	const ownerB = unitOwnerNames(db, b.id, day(now))[0] ?? '业主';
	const auth = (unit: string, owner: string, channel: 'written' | 'phone', persons: string) =>
		authoriseParcels(
			db,
			actor,
			{
				unit,
				channel,
				givenOn: day(now - 30 * DAY),
				givenBy: owner,
				persons,
				note: '',
				formKey: `seed-parcel-auth-${unit}`
			},
			now - 30 * DAY
		);
	auth(a.code, ownerA, 'written', '');
	auth(b.code, ownerB, 'phone', '家政阿姨');
	const take = (
		unit: string,
		courier: string,
		no: string,
		recipient: string,
		slot: string,
		at: number
	) =>
		intakeParcel(
			db,
			actor,
			{ unit, courier, trackingNo: no, recipient, slot, phone: null, formKey: `seed-parcel-${no}` },
			at
		).id;
	take(a.code, '中通快递', 'ZT7300112233', ownerA, 'A-02', now - DAY);
	take(b.code, '京东物流', 'JD0019283746', ownerB, 'B-05', now - 10 * DAY);
	const done = take(a.code, '顺丰速运', 'SF1400556677', ownerA, 'A-07', now - 3 * DAY);
	handOverParcel(
		db,
		actor,
		{ id: done, collector: ownerA, idType: 'id_card', idLast4: '0312' },
		now - 2 * DAY
	);
}
