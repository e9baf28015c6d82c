import { describe, it, expect } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { accessFor, roleAtLeast, ACCESS_RULES, type Access } from './access';
import { requireResident, requireStaff } from './guards';
import { homeFor, safeNext } from './home';
import type { StaffIdentity } from './session';

describe('accessFor', () => {
	it.each<[string, Access]>([
		['/', 'public'],
		['/login', 'public'],
		['/logout', 'public'],
		['/locale', 'public'],
		['/healthz', 'public'],
		['/verify/SF-2026-000001', 'public'],
		['/_app/immutable/entry/start.js', 'public'],
		['/favicon.svg', 'public'],
		['/fonts/NotoSansSC-Regular.ttf', 'public'],
		['/kiosk', 'public'],
		['/kiosk/identify', 'public'],
		['/kiosk/display', 'public'],
		['/kiosk/me', 'resident'],
		['/kiosk/me/bills', 'resident'],
		['/counter', 'clerk'],
		['/fees/pay', 'clerk'],
		['/manager', 'manager'],
		['/reports/daily', 'manager'],
		['/approvals', 'manager'],
		['/settings', 'manager'],
		['/admin', 'admin'],
		['/admin/staff', 'admin'],
		['/admin/settings', 'admin'],
		['/admin.json', 'admin']
	])('%s → %s', (path, access) => {
		expect(accessFor(path)).toBe(access);
	});

	it('anything unlisted needs a staff sign-in (secure by default)', () => {
		for (const p of ['/something-new', '/api/export', '/kiosk-admin', '/administrator', '/loginx', '/healthzz', '/manager-tools']) {
			expect(accessFor(p)).toBe('clerk');
		}
	});

	it('the resident rule comes before the public kiosk rule (first match wins)', () => {
		const order = ACCESS_RULES.map((r) => r.prefix);
		expect(order.indexOf('/kiosk/me')).toBeLessThan(order.indexOf('/kiosk'));
	});

	it('/kiosk/meter is not mistaken for /kiosk/me', () => {
		expect(accessFor('/kiosk/meter')).toBe('public');
	});
});

describe('roleAtLeast', () => {
	it.each([
		['clerk', 'clerk', true],
		['clerk', 'manager', false],
		['clerk', 'admin', false],
		['manager', 'clerk', true],
		['manager', 'manager', true],
		['manager', 'admin', false],
		['admin', 'clerk', true],
		['admin', 'manager', true],
		['admin', 'admin', true]
	] as const)('%s may do %s work: %s', (role, needed, ok) => {
		expect(roleAtLeast(role, needed)).toBe(ok);
	});
});

function thrown(fn: () => unknown): unknown {
	try {
		fn();
	} catch (e) {
		return e;
	}
	throw new Error('expected a throw');
}

const clerk: StaffIdentity = { id: 3, username: 'clerk', displayName: '李晓梅', workNo: 'C001', role: 'clerk', communityId: 1 };

describe('requireStaff', () => {
	it('redirects an anonymous visitor to sign-in, remembering where they were going', () => {
		const e = thrown(() => requireStaff({ user: null, resident: null }, 'clerk', new URL('http://x/counter?unit=1-1-101')));
		expect(isRedirect(e) && e.status).toBe(303);
		expect(isRedirect(e) && e.location).toBe('/login?next=' + encodeURIComponent('/counter?unit=1-1-101'));
	});

	it('a resident session is not a staff sign-in', () => {
		const e = thrown(() => requireStaff({ user: null, resident: { unitId: 1, unitCode: '1-1-101', communityId: 1 } }));
		expect(isRedirect(e)).toBe(true);
	});

	it('answers 403 to a role that is too low', () => {
		const e = thrown(() => requireStaff({ user: clerk, resident: null }, 'manager'));
		expect(isHttpError(e) && e.status).toBe(403);
		const e2 = thrown(() => requireStaff({ user: { ...clerk, role: 'manager' }, resident: null }, 'admin'));
		expect(isHttpError(e2) && e2.status).toBe(403);
	});

	it('returns the user when the role suffices', () => {
		expect(requireStaff({ user: clerk, resident: null })).toBe(clerk);
		const admin = { ...clerk, role: 'admin' as const };
		expect(requireStaff({ user: admin, resident: null }, 'manager')).toBe(admin);
	});
});

describe('requireResident', () => {
	it('sends staff and anonymous visitors to the kiosk identification', () => {
		for (const locals of [{ user: null, resident: null }, { user: clerk, resident: null }]) {
			const e = thrown(() => requireResident(locals));
			expect(isRedirect(e) && e.location).toBe('/kiosk/identify');
		}
	});

	it('returns the resident', () => {
		const resident = { unitId: 1, unitCode: '1-1-101', communityId: 1 };
		expect(requireResident({ user: null, resident })).toBe(resident);
	});
});

describe('homeFor and safeNext', () => {
	it('each role lands on its own home', () => {
		expect(homeFor('clerk')).toBe('/counter');
		expect(homeFor('manager')).toBe('/manager');
		expect(homeFor('admin')).toBe('/admin');
	});

	it.each([
		['/counter', '/counter'],
		['/counter?unit=1-1-101', '/counter?unit=1-1-101'],
		['//evil.example/x', null],
		['/\\evil.example', null],
		['https://evil.example/', null],
		['javascript:alert(1)', null],
		['counter', null],
		// Browsers drop tabs and newlines from URLs: these would leave the site (issue 11).
		['/\t/evil.example/x', null],
		['/\n/evil.example/x', null],
		['/\r\n/evil.example', null],
		['/%09/evil.example/x', '/%09/evil.example/x'],
		['/counter\nSet-Cookie: x=1', null],
		['/\u0000/evil.example', null],
		['/counter\\..\\x', null],
		['/./\/evil.example', null],
		['/.//evil.example', null],
		['/kiosk/me#top', '/kiosk/me#top'],
		['', null],
		[null, null]
	])('next=%j → %j', (next, expected) => {
		expect(safeNext(next)).toBe(expected);
	});
});

describe('requireStaff with a pending forced password change', () => {
	const forced: StaffIdentity = { ...clerk, mustChangePassword: true };
	const at = (path: string) => new URL('http://x' + path);

	it('sends every page but the change-password page there', () => {
		expect(() => requireStaff({ user: forced, resident: null }, 'clerk', at('/counter'))).toThrow(expect.objectContaining({ status: 303, location: '/account/password' }));
		expect(() => requireStaff({ user: forced, resident: null }, 'clerk')).toThrow(expect.objectContaining({ location: '/account/password' }));
		expect(requireStaff({ user: forced, resident: null }, 'clerk', at('/account/password'))).toBe(forced);
	});
});
