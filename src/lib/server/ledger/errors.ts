import { AppError, statusOf, type ErrorDetail } from '../errors';

const status = statusOf<string>({
	not_found: 404,
	own_receipt: 403,
	not_allowed: 403,
	already_paid: 409,
	already_voided: 409,
	deposit_settled: 409,
	stale: 409,
	idempotency_conflict: 409
});

/** A refused ledger write (payments, voids, rates); messages in `ledger/messages.ts`. */
export class LedgerError extends AppError {
	constructor(code: string, detail: ErrorDetail = {}) {
		super('ledger', code, detail, status(code));
		this.name = 'LedgerError';
	}
}
