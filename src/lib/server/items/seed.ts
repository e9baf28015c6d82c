import type { Db } from '../db';
import { seededAlready } from '../seed/once';
import { seededStaffId } from '../seed/staff';
import { itemDeposits } from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { addDays, todayIn } from '../../dates';
import { unitOwnerNames } from '../parcels/queries';
import { claimDeposit, createDeposit, createRelease, passRelease } from './commands';

const DAY = 86_400_000;

/**
 * The demo desk's cupboard and gate: a bag kept for a named neighbour, one kept past its day, one
 * claimed; a sofa's release slip waiting at the gate and a passed one.
 */
export function seedItems(db: Db, ctx: { communityId: number; today: Date }, unitCode = '5-1-502') {
	if (seededAlready(db, itemDeposits, ctx.communityId)) return;
	const clerkId = seededStaffId(db, ctx.communityId, 'clerk');
	const unit = findUnitByCode(db, ctx.communityId, unitCode);
	if (clerkId === undefined || !unit) return;
	const actor = { id: clerkId, communityId: ctx.communityId, role: 'clerk' as const };
	const now = ctx.today.getTime();
	const day = (ms: number) => todayIn('Asia/Shanghai', ms);
	const owner = unitOwnerNames(db, unit.id, day(now))[0] ?? '业主';
	const deposit = (key: string, at: number, over: Partial<Parameters<typeof createDeposit>[2]>) =>
		createDeposit(
			db,
			actor,
			{
				unit: unit.code,
				depositorName: owner,
				depositorPhone: '13800138021',
				items: '',
				itemCount: 1,
				claimer: 'depositor',
				claimerName: '',
				claimerPhone: '',
				claimBy: addDays(day(at), 7),
				formKey: `seed-item-${key}`,
				...over
			},
			at
		);
	deposit('bag', now - DAY, {
		items: '手提袋（衣物）',
		claimer: 'named',
		claimerName: '刘阿姨',
		claimerPhone: '13800138022'
	});
	deposit('box', now - 9 * DAY, { items: '纸箱（书籍）', itemCount: 2 });
	const keys = deposit('keys', now - 4 * DAY, { items: '装修钥匙一串' });
	claimDeposit(
		db,
		actor,
		{ ref: keys.claimNo, claimantName: owner, idType: 'id_card', idLast4: '0418', note: '' },
		now - 3 * DAY
	);
	const release = (key: string, at: number, items: string) =>
		createRelease(
			db,
			actor,
			{
				unit: unit.code,
				items,
				itemCount: 1,
				carrierName: '陈师傅',
				carrierPhone: '13800138023',
				plate: '粤B·12345',
				validUntil: day(at),
				consent: 'phone',
				consentBy: owner,
				consentPhone: '13800138021',
				consentIdType: '',
				consentIdLast4: '',
				consentNote: '',
				formKey: `seed-release-${key}`
			},
			at
		);
	release('sofa', now, '旧沙发');
	const done = release('fridge', now - 2 * DAY, '旧冰箱');
	passRelease(db, actor, done.id, '', now - 2 * DAY + 3_600_000);
}
