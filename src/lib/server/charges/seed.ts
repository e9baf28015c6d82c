import type { Db } from '../db';
import { stmt } from '../db/stmt';
import { localToEpochMs } from '../../dates';
import { communityToday, getCommunity } from '../community';
import type { PaidServiceInput } from './services';

/**
 * Demo price list (特约服务费标准). Seed 003 says the list must hang on the wall (第六条 三(一)2)
 * but gives no items or prices: these are typical ones, for the demo only; the admin edits them.
 */
export const DEMO_PAID_SERVICES: Omit<PaidServiceInput, 'sort' | 'active'>[] = [
	{
		nameZh: '疏通洗菜盆、洗脸盆下水',
		nameEn: 'Unblock a sink drain',
		unitZh: '次',
		unitEn: 'time',
		priceFen: 3000,
		noteZh: '',
		noteEn: ''
	},
	{
		nameZh: '疏通马桶',
		nameEn: 'Unblock a toilet',
		unitZh: '次',
		unitEn: 'time',
		priceFen: 5000,
		noteZh: '',
		noteEn: ''
	},
	{
		nameZh: '更换水龙头',
		nameEn: 'Replace a tap',
		unitZh: '个',
		unitEn: 'each',
		priceFen: 1000,
		noteZh: '材料费另计',
		noteEn: 'materials extra'
	},
	{
		nameZh: '更换灯泡、灯管',
		nameEn: 'Replace a bulb or tube',
		unitZh: '个',
		unitEn: 'each',
		priceFen: 500,
		noteZh: '材料费另计',
		noteEn: 'materials extra'
	},
	{
		nameZh: '更换开关、插座',
		nameEn: 'Replace a switch or socket',
		unitZh: '个',
		unitEn: 'each',
		priceFen: 1000,
		noteZh: '材料费另计',
		noteEn: 'materials extra'
	},
	{
		nameZh: '检修户内电路',
		nameEn: 'Find and fix an indoor circuit fault',
		unitZh: '次',
		unitEn: 'time',
		priceFen: 3000,
		noteZh: '材料费另计',
		noteEn: 'materials extra'
	},
	{
		nameZh: '安装晾衣架',
		nameEn: 'Fit a clothes-drying rack',
		unitZh: '套',
		unitEn: 'set',
		priceFen: 5000,
		noteZh: '',
		noteEn: ''
	},
	{
		nameZh: '清洗抽油烟机',
		nameEn: 'Clean a range hood',
		unitZh: '台',
		unitEn: 'unit',
		priceFen: 8000,
		noteZh: '',
		noteEn: ''
	},
	{
		nameZh: '家政保洁',
		nameEn: 'Home cleaning',
		unitZh: '小时',
		unitEn: 'hour',
		priceFen: 3000,
		noteZh: '',
		noteEn: ''
	},
	{
		nameZh: '安装热水器、空调',
		nameEn: 'Install a water heater or air conditioner',
		unitZh: '次',
		unitEn: 'time',
		priceFen: null,
		noteZh: '按实际工作量面议',
		noteEn: 'priced on site'
	}
];

/** One-off items the counter raises (a price per time; no late fee). */
const DEMO_ONE_OFF_ITEMS = [
	{ code: 'door_card', nameZh: '补办门禁卡', nameEn: 'Replacement door card', rateFen: 2000 },
	{
		code: 'parking_card',
		nameZh: '补办车辆出入卡',
		nameEn: 'Replacement parking card',
		rateFen: 5000
	}
];

/** Seed hook: the demo price list and one-off items (no charges: the demo's bills stay as they were). */
export function seedChargeData(db: Db, ctx: { communityId: number; today: Date }): void {
	const community = getCommunity(db, ctx.communityId);
	const month = communityToday(community, ctx.today).slice(0, 7);
	const now = localToEpochMs(`${month}-01`, '08:00', community.timeZone);
	const has = stmt(db, 'SELECT 1 FROM paid_services WHERE community_id = ? LIMIT 1').get(
		ctx.communityId
	);
	if (!has) {
		const ins = stmt(
			db,
			`INSERT INTO paid_services (community_id, name_zh, name_en, unit_zh, unit_en, price_fen, note_zh, note_en, active, sort, created_at, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?)`
		);
		DEMO_PAID_SERVICES.forEach((s, i) =>
			ins.run(
				ctx.communityId,
				s.nameZh,
				s.nameEn,
				s.unitZh,
				s.unitEn,
				s.priceFen,
				s.noteZh,
				s.noteEn,
				i + 1,
				now,
				now
			)
		);
	}
	let sort =
		(
			stmt(db, 'SELECT coalesce(max(sort), 0) AS s FROM fee_items WHERE community_id = ?').get(
				ctx.communityId
			) as { s: number }
		).s + 1;
	for (const item of DEMO_ONE_OFF_ITEMS) {
		if (
			stmt(db, 'SELECT 1 FROM fee_items WHERE community_id = ? AND code = ?').get(
				ctx.communityId,
				item.code
			)
		)
			continue;
		const { id } = stmt(
			db,
			`INSERT INTO fee_items (community_id, code, name_zh, name_en, basis, vacancy_applies, late_fee_applies, applies_to, sort, created_at)
			VALUES (?, ?, ?, ?, 'fixed', FALSE, FALSE, 'all', ?, ?) RETURNING id`
		).get(ctx.communityId, item.code, item.nameZh, item.nameEn, sort++, now) as { id: number };
		stmt(
			db,
			'INSERT INTO fee_rates (fee_item_id, from_month, rate_fen, created_by, created_at) VALUES (?, ?, ?, NULL, ?)'
		).run(id, '2021-01', item.rateFen, now);
	}
}
