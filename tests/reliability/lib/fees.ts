import { randomUUID } from 'node:crypto';
import type { ActionAnswer, Client } from './http';
import { actionName, forms, submission } from './html';
import { clerkUnitCodes, unitsOwing } from './db';

/*
 * Counter fee payments through the real form of /fees/{unitCode}: step 1 `?/review` returns the
 * authoritative total, step 2 `?/pay` posts it with `expectedTotal` and the form's idempotency key.
 */

export const FEES_PAGE = (unitCode: string) => `/fees/${encodeURIComponent(unitCode)}`;
export const RECEIPT_PATH = /^\/fees\/receipt\/(SF-\d{4}-\d{6,})$/;

export type Pairs = [string, string][];

export interface PreparedPayment {
	unitCode: string;
	key: string;
	totalFen: number;
	/** The body of the `?/pay` post. */
	body: Pairs;
}

/** The fields of the payment form as the page renders them (bills ticked, its idempotency key). */
export async function formOnPage(client: Client, unitCode: string): Promise<Pairs> {
	const page = await client.get(FEES_PAGE(unitCode));
	if (page.status !== 200) throw new Error(`GET ${FEES_PAGE(unitCode)} answered ${page.status}`);
	const form = forms(page.text).find((f) => actionName(f) === 'review');
	if (!form) throw new Error(`no ?/review form on ${FEES_PAGE(unitCode)}`);
	return submission(form);
}

/** Pays by mobile payment (a reference, no change to count) so any total is accepted. */
function asMobile(pairs: Pairs, ref: string): Pairs {
	const out = pairs.filter(
		([k]) => !['method', 'tendered', 'methodRef', 'bank', 'expectedTotal'].includes(k)
	);
	out.push(['method', 'wechat'], ['methodRef', ref]);
	if (!out.some(([k, v]) => k === 'payerName' && v.trim())) out.push(['payerName', '测试付款人']);
	return out;
}

export async function review(client: Client, unitCode: string, body: Pairs): Promise<ActionAnswer> {
	return client.action(`${FEES_PAGE(unitCode)}?/review`, new URLSearchParams(body));
}

/** Loads the unit's page, reviews what it ticks (or `extra`, e.g. prepay) and returns the pay body. */
export async function preparePayment(
	client: Client,
	unitCode: string,
	opts: { key?: string; override?: Record<string, string> } = {}
): Promise<PreparedPayment> {
	let pairs = asMobile(await formOnPage(client, unitCode), `WX${randomUUID().slice(0, 8)}`);
	for (const [k, v] of Object.entries(opts.override ?? {}))
		pairs = [...pairs.filter(([n]) => n !== k), [k, v]];
	if (opts.key) pairs = [...pairs.filter(([n]) => n !== 'idem'), ['idem', opts.key]];
	const r = await review(client, unitCode, pairs);
	const confirm = (r.data as { confirm?: { totalFen: number } } | null)?.confirm;
	if (r.type !== 'success' || !confirm)
		throw new Error(`review of ${unitCode} refused: ${r.raw.slice(0, 400)}`);
	const key = pairs.find(([k]) => k === 'idem')?.[1] ?? '';
	return {
		unitCode,
		key,
		totalFen: confirm.totalFen,
		body: [...pairs, ['expectedTotal', String(confirm.totalFen)]]
	};
}

/** The receipt number a pay answer leads to, or null (refused, error). */
export function receiptOf(a: { type?: string; location?: string | null }): string | null {
	const loc = a.location ?? null;
	if (!loc) return null;
	const m = RECEIPT_PATH.exec(decodeURIComponent(new URL(loc, 'http://x').pathname));
	return m ? m[1] : null;
}

/**
 * Whether `receipts` are numbered after+1 … after+n, each once (gap-free after the last receipt
 * before them): the problems found, or none.
 */
export function receiptRunProblems(receipts: string[], after: number): string[] {
	const seqs = receipts.map((r) => Number(r.slice(-6))).sort((x, y) => x - y);
	const problems: string[] = [];
	if (new Set(receipts).size !== receipts.length) problems.push('a receipt number twice');
	const wanted = Array.from({ length: receipts.length }, (_, i) => after + i + 1);
	if (seqs.join() !== wanted.join())
		problems.push(
			`receipts numbered ${seqs.join(',')}, not ${after + 1}…${after + receipts.length}`
		);
	return problems;
}

export interface PayableUnit {
	code: string;
	/** Form fields to set: none for a unit owing bills, `prepay` for one paying months ahead. */
	override: Record<string, string>;
}

/**
 * Units of the clerks' community to pay for, one payment each: those owing bills (all but the first
 * `keepOwing`, kept for races over one bill), then any other unit paying six months ahead.
 */
export function payableUnits(dbFile: string, keepOwing = 0): PayableUnit[] {
	const owing = unitsOwing(dbFile);
	const owingCodes = new Set(owing.map((u) => u.code));
	return [
		...owing.slice(keepOwing).map((u) => ({ code: u.code, override: {} })),
		...clerkUnitCodes(dbFile)
			.filter((c) => !owingCodes.has(c))
			.map((code) => ({ code, override: { prepay: '6' } }))
	];
}

export async function pay(client: Client, p: PreparedPayment): Promise<ActionAnswer> {
	return client.action(`${FEES_PAGE(p.unitCode)}?/pay`, new URLSearchParams(p.body));
}

/**
 * One payment per unit, reviewed first, then all posted at once: the i-th through `clients[i % n]`
 * (several clients: spread over several app instances). Answers in the order of `units`.
 */
export async function payAllAtOnce(
	clients: Client[],
	units: PayableUnit[]
): Promise<{ prepared: PreparedPayment[]; answers: ActionAnswer[]; receipts: (string | null)[] }> {
	const via = (i: number) => clients[i % clients.length];
	const prepared = await Promise.all(
		units.map((u, i) => preparePayment(via(i), u.code, { override: u.override }))
	);
	const answers = await Promise.all(prepared.map((p, i) => pay(via(i), p)));
	return { prepared, answers, receipts: answers.map((a) => receiptOf(a)) };
}

/** The same post without JavaScript (a plain HTML form): 303 to the receipt or the page with a message. */
export async function payPlain(client: Client, p: PreparedPayment) {
	return client.post(`${FEES_PAGE(p.unitCode)}?/pay`, new URLSearchParams(p.body));
}

export interface Prepaid {
	key: string;
	unitCode: string;
	receiptNo: string;
	totalFen: number;
	/** The pay request had to be sent more than once (its first answer was lost). */
	retried: boolean;
}

/** How a request is sent: directly, or with retries while a server is being restarted. */
export type Sender = (
	fn: () => Promise<ActionAnswer>
) => Promise<{ a: ActionAnswer; retried: boolean }>;
const direct: Sender = async (fn) => ({ a: await fn(), retried: false });

/**
 * One payment that always has something to pay: the unit's next month not billed yet, by prepayment
 * (`prepay` = k pays k months after the last month billed or paid). `months` keeps each unit's k
 * (1, more only when a month bills nothing); one unit must not have two of these in flight at once.
 */
export async function prepayNextMonth(
	client: Client,
	unitCode: string,
	key: string,
	months: Map<string, number>,
	nothingSelected: string,
	send: Sender = direct,
	ref = 'PREPAY'
): Promise<Prepaid> {
	const base = (k: number): [string, string][] => [
		['idem', key],
		['prepay', String(k)],
		['method', 'wechat'],
		['methodRef', ref],
		['payerName', '压力测试']
	];
	for (;;) {
		const k = months.get(unitCode) ?? 1;
		if (k > 36) throw new Error(`unit ${unitCode} has no month left to prepay`);
		const review = await send(() =>
			client.action(`${FEES_PAGE(unitCode)}?/review`, new URLSearchParams(base(k)))
		);
		const confirm = (review.a.data as { confirm?: { totalFen: number } } | null)?.confirm;
		if (review.a.type === 'failure' && review.a.data?.message === nothingSelected) {
			months.set(unitCode, k + 1); // paid before: one month further
			continue;
		}
		if (review.a.type !== 'success' || !confirm)
			throw new Error(`review ${unitCode} prepay=${k}: ${review.a.raw.slice(0, 300)}`);
		const body = new URLSearchParams([...base(k), ['expectedTotal', String(confirm.totalFen)]]);
		const paid = await send(() => client.action(`${FEES_PAGE(unitCode)}?/pay`, body));
		const receiptNo = receiptOf(paid.a);
		if (receiptNo) {
			return { key, unitCode, receiptNo, totalFen: confirm.totalFen, retried: paid.retried };
		}
		if (paid.a.type === 'failure' && paid.a.status === 409) continue; // the figures changed meanwhile: review again, same key
		throw new Error(`pay ${unitCode} prepay=${k}: ${paid.a.raw.slice(0, 300)}`);
	}
}
