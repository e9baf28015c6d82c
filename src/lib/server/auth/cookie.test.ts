import { describe, it, expect } from 'vitest';
import { sessionCookieOptions } from './cookie';

describe('sessionCookieOptions', () => {
	it('is HttpOnly, SameSite=Lax, for the whole site', () => {
		expect(sessionCookieOptions(new URL('http://desk.local/login'))).toEqual({
			path: '/',
			httpOnly: true,
			sameSite: 'lax',
			secure: false
		});
	});

	it('is Secure only over https (plain http on a LAN must still work)', () => {
		expect(sessionCookieOptions(new URL('https://desk.example/login')).secure).toBe(true);
		expect(sessionCookieOptions(new URL('http://192.168.1.20:3000/login')).secure).toBe(false);
	});

	it('carries the time left as Max-Age (never Expires), so a browser whose clock differs from the app clock keeps it', () => {
		const o = sessionCookieOptions(new URL('http://x/'), 12 * 3_600_000);
		expect(o).toMatchObject({ maxAge: 12 * 3600 });
		expect(o).not.toHaveProperty('expires');
	});

	it('never gives a zero or negative Max-Age (that would delete the cookie being set)', () => {
		expect(sessionCookieOptions(new URL('http://x/'), 500).maxAge).toBe(1);
		expect(sessionCookieOptions(new URL('http://x/'), -5000).maxAge).toBe(1);
	});
});
