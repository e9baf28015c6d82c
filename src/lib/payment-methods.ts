import { m } from '$lib/paraglide/messages.js';

/** Payment methods in the order the counter offers them (the most used first). */
export const METHOD_ORDER = ['cash', 'wechat', 'alipay', 'card', 'transfer', 'cheque'] as const;

const LABELS: Record<string, () => string> = {
	cash: m.ledger_method_cash,
	cheque: m.ledger_method_cheque,
	card: m.ledger_method_card,
	transfer: m.ledger_method_transfer,
	wechat: m.ledger_method_wechat,
	alipay: m.ledger_method_alipay
};

/** The method's name in the current language (one table for pages, receipts and reports). */
export function methodLabel(method: string): string {
	return LABELS[method]?.() ?? method;
}

/** The label of the reference field a method asks for. */
export function methodRefLabel(method: string): string {
	return method === 'cheque' ? m.ledger_ref_cheque() : method === 'card' ? m.ledger_ref_card() : method === 'transfer' ? m.ledger_ref_transfer() : m.ledger_ref_mobile();
}
