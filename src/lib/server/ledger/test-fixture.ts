import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { bills, type PaymentMethod } from '../db/schema';
import { localToEpochMs } from '../../dates';
import { postPayment, type LineInput } from './post-payment';

/*
 * The ledger set-up the report and voucher tests share: bills inserted as the billing run writes
 * them (no rate: the amount is given) and counter payments posted the one way (postPayment), so a
 * fixed data set reads as a list of days, times and amounts.
 */

/** The fixture community's time zone: `at('2026-11-23', '08:10')` is a counter time there. */
export const TEST_TZ = 'Asia/Shanghai';
export const at = (date: string, time: string) => localToEpochMs(date, time, TEST_TZ);

/** One bill of `unitId` for `month` (due `dueDate`, by default the 20th), created at `createdAt`. */
export function insertTestBill(
	db: Db,
	f: Fixture,
	b: {
		unitId: number;
		feeItemId: number;
		month: string;
		principalFen: number;
		createdAt: number;
		dueDate?: string;
	}
): number {
	return db
		.insert(bills)
		.values({
			communityId: f.communityId,
			unitId: b.unitId,
			feeItemId: b.feeItemId,
			month: b.month,
			dueDate: b.dueDate ?? `${b.month}-20`,
			principalFen: b.principalFen,
			fullFen: b.principalFen,
			rateFen: 0,
			createdAt: b.createdAt
		})
		.returning()
		.get().id;
}

// Each test file gets its own module (vitest isolates files), so references stay per file.
let seq = 0;

/**
 * A fee payment paid by 张伟 at `date` `time`: cash is tendered exactly, other methods get a
 * unique reference (a transfer from 中国银行). Default unit: the fixture's first.
 */
export function postTestPayment(
	db: Db,
	f: Fixture,
	p: {
		date: string;
		time: string;
		method: PaymentMethod;
		cashierId: number;
		lines: LineInput[];
		unitId?: number;
	}
) {
	const total = p.lines.reduce((s, l) => s + l.amountFen, 0);
	return postPayment(db, {
		communityId: f.communityId,
		unitId: p.unitId ?? f.unitIds[0],
		purpose: 'fees',
		payerName: '张伟',
		method: p.method,
		methodRef: p.method === 'cash' ? '' : `REF${++seq}`,
		bank: p.method === 'transfer' ? '中国银行' : '',
		tenderedFen: p.method === 'cash' ? total : null,
		cashierId: p.cashierId,
		idempotencyKey: `k-${++seq}`,
		lines: p.lines,
		now: at(p.date, p.time),
		localDate: p.date
	});
}
