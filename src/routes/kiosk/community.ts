import { redirect, type Cookies } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { kioskFallbackCommunityId } from '$lib/server/community/default';
import {
	DEVICE_COOKIE,
	DEVICE_COOKIE_LIFETIME_MS,
	deviceByTokenHash,
	deviceTokenHash,
	newDeviceToken,
	touchDevice,
	type KioskDevice
} from '$lib/server/kiosk-devices';
import { kioskPlace, type KioskPlace } from '$lib/domain/kiosk-pairing';

type KioskEvent = { locals: App.Locals; cookies: Cookies; url: URL };

export interface KioskScreen {
	/** The hash of this browser's device token (set on its first kiosk page). */
	tokenHash: string;
	device: KioskDevice | null;
	/** What an unpaired device serves (KIOSK_COMMUNITY or the only community), else null. */
	fallback: number | null;
}

// The layout and the page of one request both ask: the device is looked up once.
const screens = new WeakMap<App.Locals, KioskScreen>();

/**
 * This browser as a hall screen: its device token (a new one in a long-lived cookie on the first
 * visit), the device row if it has one, and the fallback community. A device in use is marked seen.
 */
export function kioskScreen({ locals, cookies, url }: KioskEvent): KioskScreen {
	const known = screens.get(locals);
	if (known) return known;
	const db = getDb();
	const now = nowMs();
	const given = cookies.get(DEVICE_COOKIE);
	const givenHash = deviceTokenHash(given);
	const device = givenHash ? deviceByTokenHash(db, givenHash) : null;
	const token = givenHash ? given! : newDeviceToken();
	// Sent again when seen, so a kiosk running for years never outlives its cookie.
	if (!givenHash || (device && touchDevice(db, device, now)))
		cookies.set(DEVICE_COOKIE, token, sessionCookieOptions(url, DEVICE_COOKIE_LIFETIME_MS));
	const screen = {
		tokenHash: givenHash ?? deviceTokenHash(token)!,
		device,
		fallback: device?.pairing ? null : kioskFallbackCommunityId(db)
	};
	screens.set(locals, screen);
	return screen;
}

/** Whom this kiosk request serves; `withResident: false` for the screen itself (identification). */
export function kioskPlaceOf(event: KioskEvent, withResident = true): KioskPlace {
	const s = kioskScreen(event);
	return kioskPlace(
		withResident ? (event.locals.resident?.communityId ?? null) : null,
		s.device?.pairing?.communityId ?? null,
		s.fallback
	);
}

/** Where an unpaired screen goes: the pairing screen, remembering whether it is the hall display. */
export function pairingPath(url: URL): string {
	return `/kiosk/pair?kind=${url.pathname.startsWith('/kiosk/display') ? 'display' : 'kiosk'}`;
}

/**
 * The community a public kiosk page serves: the identified resident's, else the paired device's,
 * else the fallback; an unpaired device with no fallback is sent to the pairing screen.
 */
export function kioskCommunityId(event: KioskEvent, withResident = true): number {
	const place = kioskPlaceOf(event, withResident);
	if (place.kind === 'unpaired') redirect(303, pairingPath(event.url));
	return place.communityId;
}
