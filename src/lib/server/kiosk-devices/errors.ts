import { areaError } from '../errors';

/** A refused pairing or revocation (thrown before or inside its transaction: nothing is written). */
export type KioskDeviceErrorCode = 'wrong_code' | 'limited' | 'not_found' | 'already_revoked';

export const KioskDeviceError = areaError<KioskDeviceErrorCode>(
	'kiosk_devices',
	'KioskDeviceError',
	{
		limited: 429,
		not_found: 404,
		already_revoked: 409
	}
);
export type KioskDeviceError = InstanceType<typeof KioskDeviceError>;
