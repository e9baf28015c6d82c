import { redirect, type Cookies } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { nowMs } from '$lib/server/clock';
import { sessionCookieOptions } from '$lib/server/auth/cookie';
import { allCommunities, kioskFallbackCommunityId } from '$lib/server/community/default';
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
import { communityOfCode, COMMUNITY_PARAM } from '$lib/domain/phone-link';
import { residentSource } from './source';

type KioskEvent = { locals: App.Locals; cookies: Cookies; url: URL; request: Request };

/** The community a phone chose (by its link's `?c=` or the chooser), by code. */
export const PHONE_COMMUNITY_COOKIE = 'kiosk_community';
/** A resident's phone keeps its centre for a year: the poster is scanned once. */
const PHONE_COMMUNITY_LIFETIME_MS = 365 * 24 * 3600_000;

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

/**
 * Whom this kiosk request serves; `withResident: false` for the screen itself (identification).
 * A phone that opened a link naming its community keeps that community in a cookie.
 */
export function kioskPlaceOf(event: KioskEvent, withResident = true): KioskPlace {
	const { cookies, url } = event;
	const s = kioskScreen(event);
	const phone = residentSource(event.request, cookies, url) === 'mobile';
	// Only a phone reads the codes, so a hall screen never even looks them up.
	const all = phone ? allCommunities(getDb()) : [];
	const linked = communityOfCode(all, url.searchParams.get(COMMUNITY_PARAM));
	const remembered = communityOfCode(all, cookies.get(PHONE_COMMUNITY_COOKIE));
	const place = kioskPlace({
		resident: withResident ? (event.locals.resident?.communityId ?? null) : null,
		paired: s.device?.pairing?.communityId ?? null,
		fallback: s.fallback,
		phone,
		linked: linked?.id ?? null,
		remembered: remembered?.id ?? null
	});
	if (place.kind === 'phone' && place.remember && linked)
		cookies.set(
			PHONE_COMMUNITY_COOKIE,
			linked.code,
			sessionCookieOptions(url, PHONE_COMMUNITY_LIFETIME_MS)
		);
	return place;
}

/** Where an unpaired screen goes: the pairing screen, remembering whether it is the hall display. */
export function pairingPath(url: URL): string {
	return `/kiosk/pair?kind=${url.pathname.startsWith('/kiosk/display') ? 'display' : 'kiosk'}`;
}

/** Where a phone that named no community chooses one, coming back to the page it opened. */
export function choosePath(url: URL): string {
	return `/kiosk/choose?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/**
 * The community a public kiosk page serves: the identified resident's, else the paired device's,
 * else the one a phone chose, else the fallback. An unpaired hall screen with no fallback is sent
 * to the pairing screen, a phone to the list of communities (a pairing code means nothing to it).
 */
export function kioskCommunityId(event: KioskEvent, withResident = true): number {
	const place = kioskPlaceOf(event, withResident);
	if (place.kind === 'unpaired') redirect(303, pairingPath(event.url));
	if (place.kind === 'choose') redirect(303, choosePath(event.url));
	return place.communityId;
}
