import { areaError } from '../errors';

/**
 * A refused renovation write. `code` maps to a translated message (messages.ts); `detail` fills
 * it in (which worker, which deduction…). Thrown inside the transaction: nothing was written.
 * Every refusal answers 409: the application's state decides what may be written.
 */
export const RenovationError = areaError<string>('renovation', 'RenovationError', {}, 409);
export type RenovationError = InstanceType<typeof RenovationError>;
