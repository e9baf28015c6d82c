import { AppError, statusOf } from '../errors';

/**
 * A refused account-map write or voucher export. Thrown before (or inside) the transaction, so
 * nothing is written; routes answer with `refusal()` or the export's plain-text 4xx (`messages.ts`).
 */
export type VoucherErrorCode =
	'unknown_key' | 'bad_code' | 'backdated' | 'unmapped' | 'unbalanced' | 'too_long';

// 400 bad input; 409 the map is not ready for the export (a state, not the request's fault).
const status = statusOf<VoucherErrorCode>({ unmapped: 409, unbalanced: 409 });

export class VoucherError extends AppError<VoucherErrorCode> {
	constructor(code: VoucherErrorCode, detail: Record<string, unknown> = {}) {
		super('voucher', code, detail, status(code));
		this.name = 'VoucherError';
	}
}
