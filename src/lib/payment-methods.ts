// Relative import (not $lib): the daily report's PDF and CSV use this table too, and
// `npm run bench` loads them through plain node.
import { m } from './paraglide/messages.js';
import type { Locale } from './paraglide/runtime.js';

/** Payment methods in the order the counter offers them (the most used first). */
export const METHOD_ORDER = ['cash', 'wechat', 'alipay', 'card', 'transfer', 'cheque'] as const;

const LABELS: Record<
	string,
	(inputs?: Record<string, never>, options?: { locale?: Locale }) => string
> = {
	cash: m.ledger_method_cash,
	cheque: m.ledger_method_cheque,
	card: m.ledger_method_card,
	transfer: m.ledger_method_transfer,
	wechat: m.ledger_method_wechat,
	alipay: m.ledger_method_alipay
};

/**
 * The method's name in the current language, or in `locale` (the Chinese documents: the daily
 * report's PDF and CSV). One table for pages, receipts and reports, so they never disagree.
 */
export function methodLabel(method: string, locale?: Locale): string {
	return LABELS[method]?.({}, locale ? { locale } : {}) ?? method;
}

/** The label of the reference field a method asks for. */
export function methodRefLabel(method: string): string {
	return method === 'cheque'
		? m.ledger_ref_cheque()
		: method === 'card'
			? m.ledger_ref_card()
			: method === 'transfer'
				? m.ledger_ref_transfer()
				: m.ledger_ref_mobile();
}
