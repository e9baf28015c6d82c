/**
 * The accounting export (凭证), pure: balanced double-entry vouchers from the ledger's facts of a
 * period and the admin's account map (科目对照) as in force on each voucher's day.
 *
 * Grouping: one voucher per day and payment method for the money taken (receipts of the day less
 * the receipts voided that day, netted per account), one per day for deposit refunds and
 * deductions, and one on the first day of each month releasing the 预收 of that month's bills
 * (advance.ts). Cash basis like the daily report: a late fee is income when it is paid, so a waived
 * late fee moves no money and needs no line.
 *
 * Account roles (map keys):
 * - `cash`, `wechat`, `alipay`, `bank` — the debit side of money taken, per method (cheque, card
 *   and transfer go to `bank`);
 * - `fee_income` — principal of fee bills (物业服务费收入), unless `income:<item code>` is mapped
 *   for that item (e.g. parking); `charge_income` likewise for charge lines (renovation debris and
 *   card fees) and one-off charge bills (paid services 特约服务, replacement cards);
 * - `late_fee_income` (滞纳金收入), `advance` (预收账款, a liability), `renovation_deposit` and
 *   `pass_deposit` (保证金/押金, liabilities), `deduction_income` (保证金扣款收入);
 * - `opening_receivable` — principal of imported opening bills (期初欠费), when the books carry
 *   them as a receivable; unmapped, they are booked like any other principal.
 */
import { isValidDate } from '../dates';
import { advanceRoll, principalTiming, type AdvancePosting } from './advance';
import { valueInForce, type SettingChange } from './settings';

export const METHOD_ACCOUNTS = ['cash', 'wechat', 'alipay', 'bank'] as const;
export type MethodAccount = (typeof METHOD_ACCOUNTS)[number];

const METHOD_ACCOUNT: Record<string, MethodAccount> = {
	cash: 'cash',
	wechat: 'wechat',
	alipay: 'alipay',
	cheque: 'bank',
	card: 'bank',
	transfer: 'bank'
};

/** The fixed account roles in the order the admin page lists them (per-item roles follow). */
export const FIXED_ACCOUNT_KEYS = [
	...METHOD_ACCOUNTS,
	'fee_income',
	'late_fee_income',
	'advance',
	'charge_income',
	'renovation_deposit',
	'pass_deposit',
	'deduction_income',
	'opening_receivable'
] as const;
export type FixedAccountKey = (typeof FIXED_ACCOUNT_KEYS)[number];

/** Roles that may stay unmapped: something else is booked instead. */
const OPTIONAL_KEYS = new Set<string>(['opening_receivable']);

/** `income:<item code>`: the income account of one fee item or charge item, over the default. */
export function itemIncomeKey(itemCode: string): string {
	return `income:${itemCode}`;
}

const ITEM_KEY = /^income:[a-z0-9_]{1,40}$/;

export function isAccountKey(key: string): boolean {
	return (FIXED_ACCOUNT_KEYS as readonly string[]).includes(key) || ITEM_KEY.test(key);
}

/**
 * An account code as Chinese charts of accounts write it: a 4-digit first-level code, then up to
 * five sub-levels of 2–4 digits, optionally separated by `.` or `-` (1001, 600101, 2203.01).
 */
export const ACCOUNT_CODE = /^\d{4}(?:[.-]?\d{2,4}){0,5}$/;
export const ACCOUNT_NAME_MAX = 40;

export interface Account {
	code: string;
	name: string;
}

/** One recorded change of the map: `value` (or null: unmapped) from `from` on. */
export type AccountChange = SettingChange<Account | null>;

/** The account of `key` in force on `date` (null: unmapped that day). */
export function accountOn(
	changes: readonly AccountChange[],
	key: string,
	date: string
): Account | null {
	return valueInForce<Account | null>(null, changes, key, date);
}

// ---------------------------------------------------------------- facts

/**
 * Lines of receipts of one day, method, kind and item (and bill month for principal), summed.
 * A void's reversal is the same with a negative amount on the void's date.
 */
export interface CollectionFact {
	date: string;
	method: string;
	kind: 'principal' | 'late_fee' | 'deposit' | 'charge';
	itemCode: string;
	/** The bill's month (principal and late-fee lines); null for deposits and charges. */
	billMonth: string | null;
	/** Principal of an imported opening bill (期初欠费). */
	opening: boolean;
	/** Principal of a one-off charge bill (a paid service 特约服务, a replacement card…). */
	charge?: boolean;
	amountFen: number;
}

/** A deposit refunded (paid out by `method`) or kept as a deduction, on `date`. */
export interface SettlementFact {
	date: string;
	kind: 'refund' | 'deduction';
	itemCode: string;
	method: string | null;
	amountFen: number;
}

/** Principal postings of the bills of `month` (advance.ts), for the month's 预收 release. */
export interface ReleaseFact {
	month: string;
	itemCode: string;
	postings: AdvancePosting[];
}

// ---------------------------------------------------------------- vouchers

export type VoucherKind = 'collection' | 'settlement' | 'release';

export interface VoucherLine {
	key: string;
	account: Account;
	debitFen: number;
	creditFen: number;
}

export interface Voucher {
	/** 凭证号: 1, 2, … within the file, by date and kind. */
	no: number;
	date: string;
	kind: VoucherKind;
	/** The payment method of a collection voucher. */
	method: string | null;
	lines: VoucherLine[];
}

export interface UnmappedAccount {
	key: string;
	/** The first day that needs it. */
	date: string;
}

export type VoucherResult =
	{ ok: true; vouchers: Voucher[] } | { ok: false; error: 'unmapped'; missing: UnmappedAccount[] };

/** A voucher's debits and credits; it balances when they are equal. */
export function voucherTotals(v: Pick<Voucher, 'lines'>): {
	debitFen: number;
	creditFen: number;
	balanced: boolean;
} {
	let debitFen = 0;
	let creditFen = 0;
	for (const l of v.lines) {
		debitFen += l.debitFen;
		creditFen += l.creditFen;
	}
	return { debitFen, creditFen, balanced: debitFen === creditFen };
}

/** The vouchers that do not balance (none, when the builder is right: the export checks it). */
export function unbalanced(vouchers: readonly Voucher[]): Voucher[] {
	return vouchers.filter((v) => !voucherTotals(v).balanced);
}

/** Debit-positive postings of one voucher, by account role, netted before the lines are written. */
class Entry {
	readonly net = new Map<string, number>();
	constructor(
		readonly date: string,
		readonly kind: VoucherKind,
		readonly method: string | null
	) {}
	post(debitKey: string, creditKey: string, fen: number) {
		if (fen === 0) return;
		this.net.set(debitKey, (this.net.get(debitKey) ?? 0) + fen);
		this.net.set(creditKey, (this.net.get(creditKey) ?? 0) - fen);
	}
}

const KIND_ORDER: Record<VoucherKind, number> = { release: 0, collection: 1, settlement: 2 };
const METHOD_ORDER = ['cash', 'wechat', 'alipay', 'card', 'transfer', 'cheque'];
const methodRank = (m: string | null) => {
	const i = METHOD_ORDER.indexOf(m ?? '');
	return i < 0 ? METHOD_ORDER.length : i;
};

export interface VoucherInput {
	from: string;
	to: string;
	collections: readonly CollectionFact[];
	settlements: readonly SettlementFact[];
	releases: readonly ReleaseFact[];
	changes: readonly AccountChange[];
}

/**
 * The vouchers of `from`…`to`, each line on the account in force on the voucher's day, or the
 * account roles that are unmapped on a day that needs them (then nothing is exported).
 */
export function buildVouchers(input: VoucherInput): VoucherResult {
	const { from, to, changes } = input;
	if (!isValidDate(from) || !isValidDate(to) || from > to)
		throw new RangeError(`bad period ${from}…${to}`);
	const mapped = (key: string, date: string) => accountOn(changes, key, date) !== null;
	// An item's own income account when mapped that day, else the default of its kind.
	const incomeKey = (itemCode: string, fallback: string, date: string) => {
		const own = itemIncomeKey(itemCode);
		return mapped(own, date) ? own : fallback;
	};

	const entries = new Map<string, Entry>();
	const entry = (date: string, kind: VoucherKind, method: string | null) => {
		const id = `${date}|${kind}|${method ?? ''}`;
		let e = entries.get(id);
		if (!e) entries.set(id, (e = new Entry(date, kind, method)));
		return e;
	};
	const methodKey = (method: string) => METHOD_ACCOUNT[method] ?? 'bank';

	for (const f of input.collections) {
		let credit: string;
		if (f.kind === 'late_fee') credit = 'late_fee_income';
		else if (f.kind === 'deposit') credit = f.itemCode;
		else if (f.kind === 'charge' || f.charge)
			credit = incomeKey(f.itemCode, 'charge_income', f.date);
		else if (f.billMonth !== null && principalTiming(f.billMonth, f.date) === 'advance')
			credit = 'advance';
		else if (f.opening && mapped('opening_receivable', f.date)) credit = 'opening_receivable';
		else credit = incomeKey(f.itemCode, 'fee_income', f.date);
		entry(f.date, 'collection', f.method).post(methodKey(f.method), credit, f.amountFen);
	}
	for (const s of input.settlements) {
		const e = entry(s.date, 'settlement', null);
		if (s.kind === 'refund') e.post(s.itemCode, methodKey(s.method ?? 'cash'), s.amountFen);
		else e.post(s.itemCode, 'deduction_income', s.amountFen);
	}
	for (const r of input.releases) {
		const date = `${r.month}-01`;
		if (date < from || date > to) continue;
		const released = advanceRoll(r.postings, r.month).releasedFen;
		entry(date, 'release', null).post(
			'advance',
			incomeKey(r.itemCode, 'fee_income', date),
			released
		);
	}

	const ordered = [...entries.values()].sort(
		(a, b) =>
			(a.date < b.date ? -1 : a.date > b.date ? 1 : 0) ||
			KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
			methodRank(a.method) - methodRank(b.method)
	);
	const missing = new Map<string, string>();
	const vouchers: Voucher[] = [];
	for (const e of ordered) {
		const lines: VoucherLine[] = [];
		for (const [key, fen] of e.net) {
			if (fen === 0) continue;
			const account = accountOn(changes, key, e.date);
			if (!account) {
				if (!missing.has(key) && !OPTIONAL_KEYS.has(key)) missing.set(key, e.date);
				continue;
			}
			lines.push({
				key,
				account,
				debitFen: fen > 0 ? fen : 0,
				creditFen: fen < 0 ? -fen : 0
			});
		}
		if (lines.length === 0) continue;
		// Debits first, then credits, each in the order the roles were first posted.
		lines.sort((a, b) => (a.debitFen > 0 ? 0 : 1) - (b.debitFen > 0 ? 0 : 1));
		vouchers.push({ no: vouchers.length + 1, date: e.date, kind: e.kind, method: e.method, lines });
	}
	if (missing.size > 0)
		return {
			ok: false,
			error: 'unmapped',
			missing: [...missing].map(([key, date]) => ({ key, date }))
		};
	return { ok: true, vouchers };
}

/** Net of a method account on a day's collection vouchers (debit − credit): what the day took by that method. */
export function collectedBy(vouchers: readonly Voucher[], date: string, method: string): number {
	let fen = 0;
	for (const v of vouchers) {
		if (v.kind !== 'collection' || v.date !== date || v.method !== method) continue;
		const key = METHOD_ACCOUNT[method] ?? 'bank';
		for (const l of v.lines) if (l.key === key) fen += l.debitFen - l.creditFen;
	}
	return fen;
}
