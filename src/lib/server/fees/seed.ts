import { tx, type Db } from '../db';
import { getCommunity } from '../community';
import { addMonths, localToEpochMs, todayIn } from '../../dates';
import type { PaymentMethod } from '../db/schema';
import { ensureFeeItems } from './items';
import { generateMonthlyBills } from './generate';
import { billsDue } from './account';
import { postFeePayment, quoteFeePayment, type FeePaymentInput } from './pay';
import { seededRandom as rng } from '../../random';

/**
 * Demo data for fees (a seed hook): fee items and rates, the bills of the last 12 months up to
 * the current month for every unit, and the payments residents made, replayed day by day through
 * `postFeePayment` so receipts, numbers and late fees are exactly what the counter would produce.
 *
 * Units on these floors owe money on purpose (every building, both entrances, both rooms):
 *   floor 3 (x-y-301/302): the last 3 months unpaid (late fees on the older ones);
 *   floor 5 (x-y-501/502): the current month unpaid;
 *   floor 7 (x-y-701/702): the last 5 months unpaid;
 *   floor 10 (x-y-1001/1002): the last 2 months unpaid.
 * Every other unit is paid through the current month (monthly, quarterly in advance or a whole
 * year in advance; some paid after day 20 and paid a late fee). Idempotent: it does nothing once
 * the community has bills.
 */
export const OWING_FLOORS: Record<number, number> = { 3: 3, 5: 1, 7: 5, 10: 2 };

type Pattern = 'monthly' | 'quarterly' | 'yearly';

interface SeedUnit {
	id: number;
	code: string;
	room: string;
	payer: string;
	pattern: Pattern;
	day: number;
	/** Months at the end left unpaid. */
	owing: number;
	method: PaymentMethod;
}

export function seedFees(db: Db, ctx: { communityId: number; today: Date }): void {
	const { communityId } = ctx;
	ensureFeeItems(db, communityId);
	if (db.$client.prepare('SELECT 1 FROM bills WHERE community_id = ? LIMIT 1').get(communityId))
		return;

	const tz = getCommunity(db, communityId).timeZone;
	const today = todayIn(tz, ctx.today);
	const current = today.slice(0, 7);
	const todayDay = Number(today.slice(8, 10));
	const first = addMonths(current, -11);
	const cashiers = (
		db.$client
			.prepare(
				`SELECT id FROM staff_users WHERE community_id = ? AND role = 'clerk' ORDER BY username`
			)
			.all(communityId) as { id: number }[]
	).map((r) => r.id);
	if (cashiers.length === 0)
		cashiers.push(
			...(
				db.$client
					.prepare('SELECT id FROM staff_users WHERE community_id = ? ORDER BY id LIMIT 1')
					.all(communityId) as { id: number }[]
			).map((r) => r.id)
		);
	if (cashiers.length === 0) return; // no staff: bills only would confuse the demo

	const rand = rng(20261124);
	const methods: PaymentMethod[] = [
		'cash',
		'cash',
		'cash',
		'cash',
		'wechat',
		'wechat',
		'wechat',
		'alipay',
		'alipay',
		'card',
		'transfer'
	];
	const units: SeedUnit[] = (
		db.$client
			.prepare(
				`SELECT u.id, u.code, u.room,
					(SELECT o.name FROM unit_owners uo JOIN owners o ON o.id = uo.owner_id
					WHERE uo.unit_id = u.id ORDER BY uo.id LIMIT 1) AS payer
				FROM units u WHERE u.community_id = ? ORDER BY u.id`
			)
			.all(communityId) as { id: number; code: string; room: string; payer: string | null }[]
	).map((u) => {
		const floor = Number(u.room.slice(0, -2));
		const owing = OWING_FLOORS[floor] ?? 0;
		const roll = rand();
		return {
			id: u.id,
			code: u.code,
			room: u.room,
			payer: u.payer ?? '业主',
			// Owing units paid month by month, on time, until they stopped.
			pattern: owing ? 'monthly' : roll < 0.4 ? 'monthly' : roll < 0.75 ? 'quarterly' : 'yearly',
			day: owing ? 10 : 3 + Math.floor(rand() * 26),
			owing,
			method: methods[Math.floor(rand() * methods.length)]
		};
	});

	let seq = 0;
	tx(db, () => {
		for (let i = 0; i < 12; i++) {
			const month = addMonths(first, i);
			generateMonthlyBills(db, communityId, month, {
				now: localToEpochMs(`${month}-01`, '08:00', tz)
			});
			const lastPaidMonth = (u: SeedUnit) => addMonths(current, -u.owing);
			const payers = units
				.filter((u) => {
					if (u.pattern === 'yearly') return i === 0;
					if (u.pattern === 'quarterly') return i % 3 === 0;
					return month <= lastPaidMonth(u);
				})
				.map((u) => ({ u, day: month === current ? Math.min(u.day, todayDay) : u.day }))
				.sort((a, b) => a.day - b.day || a.u.id - b.u.id);
			let lastDay = 0;
			let clock = 0;
			for (const { u, day } of payers) {
				const date = `${month}-${String(day).padStart(2, '0')}`;
				if (date > today) continue;
				// Through the day from 09:00, in receipt order; never later than the seed's "now".
				if (day !== lastDay) [lastDay, clock] = [day, localToEpochMs(date, '09:00', tz)];
				clock += (1 + Math.floor(rand() * 9)) * 60_000;
				const now = Math.min(clock, ctx.today.getTime());
				const prepay = u.pattern === 'yearly' ? 12 : u.pattern === 'quarterly' ? 3 : 0;
				const billIds = billsDue(db, communityId, u.id, date)
					.filter((b) => b.month <= month)
					.map((b) => b.billId);
				if (billIds.length === 0 && prepay === 0) continue;
				const method = u.method;
				const input: FeePaymentInput = {
					communityId,
					unitId: u.id,
					billIds,
					includeLateFees: true,
					// This month is among billIds; a prepayment starts after the last billed month.
					prepayMonths: prepay > 0 ? prepay - 1 : 0,
					method,
					methodRef:
						method === 'cash'
							? ''
							: `${method.toUpperCase()}${date.replaceAll('-', '')}${String(u.id).padStart(5, '0')}`,
					bank: method === 'transfer' ? '中国工商银行' : '',
					tenderedFen: null,
					payerName: u.payer,
					cashierId: cashiers[seq++ % cashiers.length],
					idempotencyKey: `seed-fees-${communityId}-${u.id}-${date}`,
					now
				};
				if (method === 'cash') {
					// Residents hand over whole hundreds; the change is given back.
					const total = quoteFeePayment(db, {
						...input,
						method: 'wechat',
						methodRef: 'quote'
					}).totalFen;
					input.tenderedFen = Math.ceil(total / 10000) * 10000;
				}
				postFeePayment(db, input);
			}
		}
	});
}
