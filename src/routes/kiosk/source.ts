import type { Cookies } from '@sveltejs/kit';

/*
 * Kiosk or phone? The same pages serve the hall's touch screen and residents' phones; the source
 * recorded on reports and queue numbers says which. A page opened with `?via=mobile` or
 * `?via=kiosk` (e.g. the QR code on the hall poster links to /kiosk?via=mobile&c=LMXG) remembers the
 * choice in a cookie for the browser session; without one, a phone's user agent ("Mobi",
 * Android, iPhone…) means mobile and anything else (the hall PC's Chromium) the kiosk.
 */

export type ResidentSource = 'kiosk' | 'mobile';
export const VIA_COOKIE = 'kiosk_via';
const PHONE_UA = /Mobi|Android|iPhone|iPad|iPod|HarmonyOS|MicroMessenger/i;

/** Remembers an explicit `?via=` (called from the kiosk layout's load). */
export function rememberVia(url: URL, cookies: Cookies): void {
	const via = url.searchParams.get('via');
	if (via === 'mobile' || via === 'kiosk')
		cookies.set(VIA_COOKIE, via, {
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: url.protocol === 'https:'
		});
}

export function residentSource(request: Request, cookies: Cookies, url?: URL): ResidentSource {
	const via = url?.searchParams.get('via') ?? cookies.get(VIA_COOKIE);
	if (via === 'mobile' || via === 'kiosk') return via;
	return PHONE_UA.test(request.headers.get('user-agent') ?? '') ? 'mobile' : 'kiosk';
}

export const DEVICE_COOKIE = 'kiosk_device';

/**
 * This screen's id for the queue's take limits: a random cookie, made on the first number. The
 * hall kiosk keeps it for a year; a phone only for its browser session ("per phone session").
 */
export function deviceId(cookies: Cookies, url: URL, source: ResidentSource): string {
	const known = cookies.get(DEVICE_COOKIE);
	if (known && /^[0-9a-f-]{36}$/.test(known)) return known;
	const id = crypto.randomUUID();
	cookies.set(DEVICE_COOKIE, id, {
		path: '/',
		httpOnly: true,
		sameSite: 'lax',
		secure: url.protocol === 'https:',
		...(source === 'kiosk' ? { maxAge: 365 * 86400 } : {})
	});
	return id;
}
