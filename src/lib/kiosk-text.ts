/**
 * 大字模式 lasts one visit: a session cookie the server reads (so the first paint is already
 * large) and that every kiosk reset clears (the idle reset here, the kiosk sign-out on the server).
 */
export const LARGE_TEXT_COOKIE = 'kiosk_large';

export function largeTextOn(): boolean {
	return document.cookie.split('; ').includes(`${LARGE_TEXT_COOKIE}=1`);
}

export function setLargeText(on: boolean): void {
	document.cookie = on
		? `${LARGE_TEXT_COOKIE}=1; path=/; samesite=lax`
		: `${LARGE_TEXT_COOKIE}=; path=/; samesite=lax; max-age=0`;
}
