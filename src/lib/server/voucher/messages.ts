// Translations of refused account-map writes and voucher exports. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { VoucherErrorCode } from './errors';
import { accountKeyLabel } from '../../voucher-labels';

export const voucherMessages: ErrorMessages<VoucherErrorCode> = {
	messages: {
		unknown_key: () => m.voucher_err_unknown_key(),
		bad_code: () => m.voucher_err_bad_code(),
		backdated: (d) => m.voucher_err_backdated({ today: String(d.today ?? '') }),
		unmapped: (d) =>
			m.voucher_err_unmapped({
				accounts: (Array.isArray(d.missing) ? (d.missing as { key: string; date: string }[]) : [])
					.map((x) => `${accountKeyLabel(x.key, d.items as Record<string, string>)}（${x.date}）`)
					.join('、')
			}),
		unbalanced: (d) => m.voucher_err_unbalanced({ no: String(d.no ?? '') }),
		too_long: (d) => m.voucher_err_too_long({ max: Number(d.max ?? 0) })
	},
	fields: { unknown_key: 'key', bad_code: 'code', backdated: 'from' },
	fallback: () => m.voucher_err_unknown_key()
};
