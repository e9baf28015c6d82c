import { areaError } from '../errors';

/** A refused ledger write (payments, voids, rates); messages in `ledger/messages.ts`. */
export const LedgerError = areaError<string>('ledger', 'LedgerError', {
	not_found: 404,
	own_receipt: 403,
	not_allowed: 403,
	already_paid: 409,
	already_voided: 409,
	deposit_settled: 409,
	stale: 409,
	idempotency_conflict: 409
});
export type LedgerError = InstanceType<typeof LedgerError>;
