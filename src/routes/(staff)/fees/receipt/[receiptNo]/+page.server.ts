import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { getCommunity } from '$lib/server/community';
import { paymentByReceiptNo, parseReceiptNo } from '$lib/server/ledger';
import { formatDateTimeLocal, isValidMonth } from '$lib/dates';
import { toChineseUppercase } from '$lib/money';

// The counter's summary of a posted receipt: what the clerk reads out while the PDF prints.
export const load = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	if (!parseReceiptNo(params.receiptNo)) error(404, 'not_found');
	const db = getDb();
	const rec = paymentByReceiptNo(db, user.communityId, params.receiptNo);
	if (!rec) error(404, 'not_found');
	const community = getCommunity(db, user.communityId);
	const lines = rec.lines.map((l) => {
		let detail: Record<string, unknown> = {};
		try {
			detail = JSON.parse(l.detail) as Record<string, unknown>;
		} catch {
			detail = {};
		}
		return {
			kind: l.kind,
			description: l.description,
			amountFen: l.amountFen,
			month: typeof detail.month === 'string' && isValidMonth(detail.month) ? detail.month : null,
			workingZh: typeof detail.workingZh === 'string' ? detail.workingZh : ''
		};
	});
	const p = rec.payment;
	return {
		receiptNo: p.receiptNo,
		paidAt: formatDateTimeLocal(p.createdAt, community.timeZone),
		unitCode: rec.unitCode,
		payerName: p.payerName,
		method: p.method,
		methodRef: p.methodRef,
		bank: p.bank,
		totalFen: p.totalFen,
		uppercase: toChineseUppercase(p.totalFen),
		tenderedFen: p.tenderedFen,
		changeFen: p.changeFen,
		cashier: rec.cashier,
		voided: rec.void ? { reason: rec.void.reason } : null,
		lines,
		months: [...new Set(lines.map((l) => l.month).filter((x): x is string => !!x))].sort()
	};
};
