import { AppError, statusOf } from '../errors';

/** A refused pairing or revocation (thrown before or inside its transaction: nothing is written). */
export type KioskDeviceErrorCode = 'wrong_code' | 'limited' | 'not_found' | 'already_revoked';

const status = statusOf<KioskDeviceErrorCode>({
	limited: 429,
	not_found: 404,
	already_revoked: 409
});

export class KioskDeviceError extends AppError<KioskDeviceErrorCode> {
	constructor(code: KioskDeviceErrorCode, detail: Record<string, unknown> = {}) {
		super('kiosk_devices', code, detail, status(code));
		this.name = 'KioskDeviceError';
	}
}
