/**
 * 对账: ticking a day's non-cash receipts of one method against the provider's statement (WeChat,
 * Alipay, bank). Pure: the server hands in the day's journal entries and the statement's lines,
 * and stores what comes out.
 *
 * The rule, in order:
 * 1. By reference: an entry and a line with the same transaction number (trimmed, any case) and
 *    the same sign pair up, whatever their amounts (a different amount is shown on the pair).
 * 2. By amount: what is left pairs up on the exact amount (sign included), earliest first on
 *    both sides, so two receipts of ¥100 and one line of ¥100 leave the later receipt open.
 * 3. The staff's ticks, when given, are the final word: an untick drops an automatic pair (its
 *    line becomes unmatched), a tick with no line confirms the entry by hand ('manual').
 *
 * A void (作废) is its own negative entry on the void's day; a provider's refund is a negative
 * line, so a void pairs with its refund and a void the provider never refunded stays open.
 * The difference is statement total − the entries' total (entered or the lines' sum).
 */
import { parseYuan } from '../money';

export type EntryKind = 'receipt' | 'void';

/** One journal row of the day and method: a receipt (+) or a void (−). */
export interface ReconcileEntry {
	/** `p<paymentId>` for a receipt, `v<paymentId>` for its void: what a tick names. */
	key: string;
	kind: EntryKind;
	receiptNo: string;
	ref: string;
	/** Signed: a void is negative. */
	amountFen: number;
	/** Epoch ms, for "earliest first". */
	at: number;
}

/** One line of the provider's statement (1-based line number as in the file). */
export interface StatementLine {
	line: number;
	time: string;
	ref: string;
	/** Signed: a refund is negative. */
	amountFen: number;
}

export type MatchBy = 'ref' | 'amount' | 'manual';

export interface ReconcilePair {
	entry: ReconcileEntry;
	/** Null for a manual tick without a statement line. */
	line: StatementLine | null;
	by: MatchBy;
	/** line − entry when paired by reference with another amount; else 0. */
	differenceFen: number;
}

export interface Reconciliation {
	pairs: ReconcilePair[];
	/** Entries with no statement line and no tick. */
	openEntries: ReconcileEntry[];
	/** Statement lines with no receipt. */
	openLines: StatementLine[];
	entriesFen: number;
	statementFen: number;
	/** statementFen − entriesFen: 0 when the day agrees. */
	differenceFen: number;
}

const norm = (ref: string) => ref.trim().toUpperCase();
const sign = (n: number) => (n < 0 ? -1 : 1);

/**
 * Matches the day's entries against statement lines. `statementTotalFen` is the entered total
 * (null: the lines' sum); `ticks` the entry keys the staff ticked (null: accept the automatic
 * pairs as they are).
 */
export function reconcile(
	entries: readonly ReconcileEntry[],
	lines: readonly StatementLine[],
	statementTotalFen: number | null = null,
	ticks: ReadonlySet<string> | null = null
): Reconciliation {
	const byTime = [...entries].sort((a, b) => a.at - b.at || a.key.localeCompare(b.key));
	const freeLines = new Set(lines);
	const paired = new Map<string, ReconcilePair>();

	// 1. By reference and sign.
	const linesByRef = new Map<string, StatementLine[]>();
	for (const l of lines) {
		const r = norm(l.ref);
		if (!r) continue;
		const list = linesByRef.get(r) ?? [];
		list.push(l);
		linesByRef.set(r, list);
	}
	for (const e of byTime) {
		const r = norm(e.ref);
		if (!r) continue;
		const candidates = linesByRef.get(r) ?? [];
		// The same amount first, so a payment and its refund under one number pair correctly.
		const line =
			candidates.find((l) => freeLines.has(l) && l.amountFen === e.amountFen) ??
			candidates.find((l) => freeLines.has(l) && sign(l.amountFen) === sign(e.amountFen));
		if (!line) continue;
		freeLines.delete(line);
		paired.set(e.key, { entry: e, line, by: 'ref', differenceFen: line.amountFen - e.amountFen });
	}

	// 2. By amount, earliest first (lines in file order).
	for (const e of byTime) {
		if (paired.has(e.key)) continue;
		const line = lines.find((l) => freeLines.has(l) && l.amountFen === e.amountFen);
		if (!line) continue;
		freeLines.delete(line);
		paired.set(e.key, { entry: e, line, by: 'amount', differenceFen: 0 });
	}

	// 3. The staff's ticks.
	if (ticks) {
		for (const e of byTime) {
			const p = paired.get(e.key);
			if (p && !ticks.has(e.key)) {
				paired.delete(e.key);
				if (p.line) freeLines.add(p.line);
			} else if (!p && ticks.has(e.key))
				paired.set(e.key, { entry: e, line: null, by: 'manual', differenceFen: 0 });
		}
	}

	const entriesFen = entries.reduce((s, e) => s + e.amountFen, 0);
	const statementFen = statementTotalFen ?? lines.reduce((s, l) => s + l.amountFen, 0);
	return {
		pairs: byTime.flatMap((e) => paired.get(e.key) ?? []),
		openEntries: byTime.filter((e) => !paired.has(e.key)),
		openLines: lines.filter((l) => freeLines.has(l)),
		entriesFen,
		statementFen,
		differenceFen: statementFen - entriesFen
	};
}

// ---------------------------------------------------------------- the statement file

/** Lines one statement file may hold (a busy day's WeChat takings are a few hundred). */
export const MAX_STATEMENT_LINES = 5000;

export type StatementErrorCode =
	| 'statement_empty'
	| 'statement_header'
	| 'statement_amount'
	| 'statement_too_many'
	| 'statement_cell';

export type StatementParse =
	{ ok: true; lines: StatementLine[] } | { ok: false; code: StatementErrorCode; line?: number };

/** The header row the help text shows (each column also has other accepted names, below). */
export const STATEMENT_HEADER = '时间,交易单号,金额';

const HEADERS: Record<'time' | 'ref' | 'amount', readonly string[]> = {
	time: ['时间', '交易时间', 'time'],
	ref: ['交易单号', '单号', '流水号', 'reference', 'ref'],
	amount: ['金额', '金额（元）', '金额(元)', 'amount']
};

/**
 * The statement file, already split into cells: a header row naming the columns 时间, 交易单号,
 * 金额 (any order, English `time,reference,amount` too), then one row per transaction. Amounts in
 * yuan with at most two decimals ("12.30", "¥1,234.00"); a refund is negative ("-12.30").
 * Blank rows are skipped. The first bad row refuses the whole file (nothing is half-read).
 */
export function parseStatement(rows: readonly (readonly string[])[]): StatementParse {
	const nonBlank = rows
		.map((cells, i) => ({ cells: cells.map((c) => c.trim()), line: i + 1 }))
		.filter((r) => r.cells.some((c) => c !== ''));
	if (nonBlank.length === 0) return { ok: false, code: 'statement_empty' };
	const header = nonBlank[0].cells.map((c) => c.replace(/^\uFEFF/, '').toLowerCase());
	const col = (k: keyof typeof HEADERS) => header.findIndex((h) => HEADERS[k].includes(h));
	const cTime = col('time');
	const cRef = col('ref');
	const cAmount = col('amount');
	if (cRef < 0 || cAmount < 0) return { ok: false, code: 'statement_header', line: 1 };
	const body = nonBlank.slice(1);
	if (body.length === 0) return { ok: false, code: 'statement_empty' };
	if (body.length > MAX_STATEMENT_LINES) return { ok: false, code: 'statement_too_many' };
	const lines: StatementLine[] = [];
	for (const r of body) {
		const time = cTime >= 0 ? (r.cells[cTime] ?? '') : '';
		const ref = r.cells[cRef] ?? '';
		if (time.length > 40 || ref.length > 64 || /[<>\p{Cc}]/u.test(time + ref))
			return { ok: false, code: 'statement_cell', line: r.line };
		let text = (r.cells[cAmount] ?? '').replace(/^[−－]/, '-');
		const negative = text.startsWith('-');
		if (negative) text = text.slice(1);
		const amount = parseYuan(text);
		if (!amount.ok || amount.fen === 0)
			return { ok: false, code: 'statement_amount', line: r.line };
		lines.push({ line: r.line, time, ref, amountFen: negative ? -amount.fen : amount.fen });
	}
	return { ok: true, lines };
}
