// The account roles of the voucher export (domain/voucher.ts), translated. One table for the admin
// page and the export's refusals. Relative imports: the server area uses it too.
import { m } from './paraglide/messages.js';

const LABELS: Record<string, () => string> = {
	cash: m.voucher_key_cash,
	wechat: m.voucher_key_wechat,
	alipay: m.voucher_key_alipay,
	bank: m.voucher_key_bank,
	fee_income: m.voucher_key_fee_income,
	late_fee_income: m.voucher_key_late_fee_income,
	advance: m.voucher_key_advance,
	charge_income: m.voucher_key_charge_income,
	renovation_deposit: m.voucher_key_renovation_deposit,
	pass_deposit: m.voucher_key_pass_deposit,
	deduction_income: m.voucher_key_deduction_income,
	opening_receivable: m.voucher_key_opening_receivable
};

/** What an account role books; `items` names the items of `income:<code>` roles. */
export function accountKeyLabel(key: string, items: Record<string, string> = {}): string {
	if (key.startsWith('income:')) {
		const code = key.slice('income:'.length);
		return m.voucher_key_item_income({ item: items[code] ?? code });
	}
	return LABELS[key]?.() ?? key;
}
