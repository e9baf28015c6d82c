import { areaError } from '../errors';

/**
 * A refused waiver step. `code` maps to a translated message (`messages.ts`); `detail.errors`
 * lists every rule broken when there are several. Nothing was written.
 */
export const WaiverError = areaError<string>('waivers', 'WaiverError', {
	not_found: 404,
	bill_not_found: 404,
	own_request: 403,
	not_pending: 409,
	pending_request: 409,
	already_decided: 409,
	idempotency_conflict: 409
});
export type WaiverError = InstanceType<typeof WaiverError>;
