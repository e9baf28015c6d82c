import { areaError } from '../errors';

/**
 * A refused account-map write or voucher export. Thrown before (or inside) the transaction, so
 * nothing is written; routes answer with `refusal()` or the export's plain-text 4xx (`messages.ts`).
 */
export type VoucherErrorCode =
	'unknown_key' | 'bad_code' | 'backdated' | 'unmapped' | 'unbalanced' | 'too_long';

// 400 bad input; 409 the map is not ready for the export (a state, not the request's fault).

export const VoucherError = areaError<VoucherErrorCode>('voucher', 'VoucherError', {
	unmapped: 409,
	unbalanced: 409
});
export type VoucherError = InstanceType<typeof VoucherError>;
