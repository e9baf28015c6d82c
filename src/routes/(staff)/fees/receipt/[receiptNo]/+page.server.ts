import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { paymentByReceiptNo, parseReceiptNo } from '$lib/server/ledger';
import { layoutReceipt, receiptFacts, summarise } from '$lib/server/receipts';
import { newPrintKey, printReceiptAction } from '$lib/server/receipts/print-action';
import { toChineseUppercase } from '$lib/money';
import type { Actions, PageServerLoad } from './$types';

// The counter's summary of a posted receipt: what the clerk reads out, and the 打印 button.
export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	if (!parseReceiptNo(params.receiptNo)) error(404, 'not_found');
	const db = getDb();
	const rec = paymentByReceiptNo(db, user.communityId, params.receiptNo);
	if (!rec) error(404, 'not_found');
	const community = getCommunity(db, user.communityId);
	const s = summarise(db, rec, community.timeZone);
	const layout = layoutReceipt(rec.lines, receiptFacts(db, rec).bills);
	const months = new Set<string>();
	for (const l of rec.lines) {
		try {
			const month = (JSON.parse(l.detail) as { month?: unknown }).month;
			if (typeof month === 'string' && /^\d{4}-\d{2}$/.test(month)) months.add(month);
		} catch {
			// a line without detail names no month
		}
	}
	return {
		receiptNo: s.receiptNo,
		paidAt: s.paidAt,
		unitCode: s.unitCode,
		payerName: s.payerName,
		ownerNames: s.ownerNames,
		method: s.method,
		methodRef: s.methodRef,
		bank: s.bank,
		totalFen: s.totalFen,
		uppercase: toChineseUppercase(s.totalFen),
		tenderedFen: s.tenderedFen,
		changeFen: s.changeFen,
		cashier: rec.cashier,
		voided: rec.void ? { reason: rec.void.reason } : null,
		lines: s.lines,
		workings: layout.workings,
		months: [...months].sort(),
		printCount: s.printCount,
		prints: s.prints,
		printKey: newPrintKey()
	};
};

export const actions = {
	print: printReceiptAction
} satisfies Actions;
