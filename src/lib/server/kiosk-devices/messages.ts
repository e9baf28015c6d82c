// Translations of refused pairings and revocations. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { KioskDeviceErrorCode } from './errors';

export const kioskDeviceMessages: ErrorMessages<KioskDeviceErrorCode> = {
	messages: {
		wrong_code: () => m.kiosk_devices_wrong_code(),
		limited: (d) => m.kiosk_devices_limited({ minutes: String(d.minutes ?? 15) }),
		not_found: () => m.kiosk_devices_not_found(),
		already_revoked: (d) => m.kiosk_devices_already_revoked({ name: String(d.name ?? '') })
	},
	fields: { wrong_code: 'code', limited: 'code' },
	fallback: () => m.kiosk_devices_not_found()
};
