import { hashSecret, randomString } from '../auth/session';

/** The cookie that names a hall kiosk or display for pairing (a random secret; the server keeps its hash). Not the queue's `kiosk_device` id, which is a plain id for take limits. */
export const DEVICE_COOKIE = 'kiosk_pairing';
/** Chromium keeps a cookie at most 400 days; the token is sent again whenever the device is seen. */
export const DEVICE_COOKIE_LIFETIME_MS = 400 * 86_400_000;

/** A new device token (160 bits). */
export function newDeviceToken(): string {
	return randomString(20);
}

/** The stored form of a token from a cookie, or null when it cannot be one of ours. */
export function deviceTokenHash(token: string | undefined): string | null {
	return token && /^[a-z2-7]{32}$/.test(token) ? hashSecret(token) : null;
}
