import { describe, expect, it } from 'vitest';
import type { Cookies } from '@sveltejs/kit';
import { residentSource, VIA_COOKIE } from './source';

const jar = (via?: string) =>
	({ get: (name: string) => (name === VIA_COOKIE ? via : undefined) }) as unknown as Cookies;
const req = (ua: string) =>
	new Request('http://localhost/kiosk', { headers: { 'user-agent': ua } });
const DESKTOP =
	'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';
const IPHONE =
	'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
const ANDROID =
	'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Mobile Safari/537.36';

describe('kiosk or phone', () => {
	it('takes the hall PC for the kiosk and a phone browser for mobile', () => {
		expect(residentSource(req(DESKTOP), jar())).toBe('kiosk');
		expect(residentSource(req(IPHONE), jar())).toBe('mobile');
		expect(residentSource(req(ANDROID), jar())).toBe('mobile');
		expect(residentSource(req(''), jar())).toBe('kiosk');
	});
	it('follows an explicit ?via= first, then the remembered one', () => {
		expect(residentSource(req(DESKTOP), jar(), new URL('http://x/kiosk?via=mobile'))).toBe(
			'mobile'
		);
		expect(residentSource(req(IPHONE), jar(), new URL('http://x/kiosk?via=kiosk'))).toBe('kiosk');
		expect(residentSource(req(DESKTOP), jar('mobile'))).toBe('mobile');
		expect(residentSource(req(IPHONE), jar('kiosk'))).toBe('kiosk');
		expect(residentSource(req(IPHONE), jar('bogus'), new URL('http://x/kiosk?via=tv'))).toBe(
			'mobile'
		);
	});
});
