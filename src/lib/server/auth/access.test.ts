import { describe, it, expect } from 'vitest';
import { isHttpError, isRedirect } from '@sveltejs/kit';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { accessFor, mayRead, mayWrite, roleAtLeast, type Access } from './access';
import { policyOf } from '../../../../tests/reliability/lib/access';
import { requireResident, requireStaff } from './guards';
import { homeFor, safeNext } from './home';
import type { StaffIdentity } from './session';

describe('accessFor by route id', () => {
	it.each<[string, Access]>([
		['/', 'public'],
		['/login', 'public'],
		['/logout', 'public'],
		['/locale', 'public'],
		['/healthz', 'public'],
		['/verify', 'public'],
		['/verify/[code]', 'public'],
		['/__test/clock', 'public'],
		['/kiosk', 'public'],
		['/kiosk/identify', 'public'],
		['/kiosk/display', 'public'],
		['/kiosk/info/[topic]', 'public'],
		['/kiosk/queue/[id]/ticket.pdf', 'public'],
		['/kiosk/me', 'resident'],
		['/kiosk/me/bills', 'resident'],
		['/kiosk/me/statement.pdf', 'resident'],
		['/(staff)/counter', 'clerk'],
		['/(staff)/fees/[unitCode]', 'clerk'],
		['/(staff)/receipts/[receiptNo].pdf', 'clerk'],
		['/account/password', 'clerk'],
		['/(manager)/manager', 'manager'],
		['/(manager)/reports/daily.pdf', 'manager'],
		['/(manager)/manager/waivers/[id]', 'manager'],
		['/(manager)/admin', 'admin'],
		['/(manager)/admin/staff', 'admin'],
		['/(manager)/admin/settings', 'admin'],
		['/(company)/company', 'company'],
		['/(company)/company/export.csv', 'company'],
		['/(company)/company/communities', 'company_admin'],
		['/account/community', 'clerk']
	])('%s → %s', (routeId, access) => {
		// The path plays no part once a route matched.
		expect(accessFor(routeId, '/login')).toBe(access);
	});

	it('a route in no known group needs a staff sign-in (secure by default)', () => {
		for (const id of [
			'/something-new',
			'/api/export',
			'/kiosk/new-page',
			'/kiosk-admin',
			'/(other)/x',
			'/loginx',
			'/healthzz',
			'/(staffish)/x',
			'/(manager)x'
		]) {
			expect(accessFor(id, '/')).toBe('clerk');
		}
	});

	it('the resident group comes before the public kiosk pages; /kiosk/meter is not /kiosk/me', () => {
		expect(accessFor('/kiosk/me/requests/[no]', '/')).toBe('resident');
		expect(accessFor('/kiosk/meter', '/')).toBe('clerk');
	});

	it("agrees with the reliability suite's policy on every route of the app", () => {
		const ids = routeIds();
		expect(ids.length).toBeGreaterThan(40);
		for (const id of ids) expect([id, accessFor(id, '/')]).toEqual([id, policyOf(id)]);
	});
});

describe('accessFor without a route (404)', () => {
	it.each<[string, Access]>([
		['/_app/immutable/entry/missing.js', 'public'],
		['/favicon.png', 'public'],
		['/fonts/missing.ttf', 'public'],
		['/login/x', 'public'],
		['/verify/SF-2026-000001/x', 'public'],
		['/kiosk/nothing', 'public'],
		['/kiosk/meter', 'public'],
		['/kiosk/me/nothing', 'resident'],
		['/kiosk/me.json', 'resident'],
		['/counter/x', 'clerk'],
		['/something-new', 'clerk'],
		['/loginx', 'clerk'],
		['/manager-tools', 'clerk'],
		['/administrator', 'clerk'],
		['/manager/x', 'manager'],
		['/reports/x', 'manager'],
		['/admin/x', 'admin'],
		['/admin.json', 'admin'],
		['/company/x', 'company'],
		['/company/communities/x', 'company_admin'],
		// Dead rules are gone: these pages never existed and need only a sign-in, like any unknown path.
		['/approvals', 'clerk'],
		['/settings', 'clerk']
	])('%s → %s', (path, access) => {
		expect(accessFor(null, path)).toBe(access);
	});
});

/** The route ids of src/routes: every folder holding a page or an endpoint. */
function routeIds(): string[] {
	const root = fileURLToPath(new URL('../../../routes', import.meta.url));
	const out: string[] = [];
	const walk = (dir: string, id: string) => {
		const entries = readdirSync(dir, { withFileTypes: true });
		if (entries.some((e) => e.isFile() && /^\+(page|server)\b/.test(e.name))) out.push(id || '/');
		for (const e of entries) if (e.isDirectory()) walk(join(dir, e.name), `${id}/${e.name}`);
	};
	walk(root, '');
	return out;
}

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

describe('head office reads, never writes (issue 22)', () => {
	const hq = { role: 'head_office' as const, companyAdmin: false };
	const companyAdmin = { role: 'admin' as const, companyAdmin: true };
	const admin = { role: 'admin' as const, companyAdmin: false };

	it('opens what a manager opens and the company pages, not an admin’s', () => {
		expect(['clerk', 'manager', 'company'].every((a) => mayRead(hq, a as Access & 'clerk'))).toBe(
			true
		);
		expect(mayRead(hq, 'admin')).toBe(false);
		expect(mayRead(hq, 'company_admin')).toBe(false);
		expect(roleAtLeast('head_office', 'clerk')).toBe(false);
	});

	it('posts only its password and its current community', () => {
		expect(mayWrite(hq, 'clerk', '/fees/1-1-101')).toBe(false);
		expect(mayWrite(hq, 'company', '/company')).toBe(false);
		expect(mayWrite(hq, 'clerk', '/account/community')).toBe(true);
		expect(mayWrite(hq, 'clerk', '/account/password')).toBe(true);
	});

	it('company pages are for head office and company admins; an admin alone is not one', () => {
		expect(mayRead(companyAdmin, 'company_admin')).toBe(true);
		expect(mayWrite(companyAdmin, 'company_admin', '/company/communities')).toBe(true);
		expect(mayRead(admin, 'company')).toBe(false);
		expect(mayRead(admin, 'admin')).toBe(true);
		expect(homeFor('head_office')).toBe('/company');
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

const clerk: StaffIdentity = {
	id: 3,
	username: 'clerk',
	displayName: '李晓梅',
	workNo: 'C001',
	role: 'clerk',
	communityId: 1,
	communityName: '鹿鸣溪谷',
	homeCommunityId: 1,
	companyAdmin: false
};

describe('requireStaff', () => {
	it('redirects an anonymous visitor to sign-in, remembering where they were going', () => {
		const e = thrown(() =>
			requireStaff(
				{ user: null, resident: null },
				'clerk',
				new URL('http://x/counter?unit=1-1-101')
			)
		);
		expect(isRedirect(e) && e.status).toBe(303);
		expect(isRedirect(e) && e.location).toBe(
			'/login?next=' + encodeURIComponent('/counter?unit=1-1-101')
		);
	});

	it('a resident session is not a staff sign-in', () => {
		const e = thrown(() =>
			requireStaff({ user: null, resident: { unitId: 1, unitCode: '1-1-101', communityId: 1 } })
		);
		expect(isRedirect(e)).toBe(true);
	});

	it('answers 403 to a role that is too low', () => {
		const e = thrown(() => requireStaff({ user: clerk, resident: null }, 'manager'));
		expect(isHttpError(e) && e.status).toBe(403);
		const e2 = thrown(() =>
			requireStaff({ user: { ...clerk, role: 'manager' }, resident: null }, 'admin')
		);
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
		for (const locals of [
			{ user: null, resident: null },
			{ user: clerk, resident: null }
		]) {
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
		['/.//evil.example', null],
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
		expect(() => requireStaff({ user: forced, resident: null }, 'clerk', at('/counter'))).toThrow(
			expect.objectContaining({ status: 303, location: '/account/password' })
		);
		expect(() => requireStaff({ user: forced, resident: null }, 'clerk')).toThrow(
			expect.objectContaining({ location: '/account/password' })
		);
		expect(requireStaff({ user: forced, resident: null }, 'clerk', at('/account/password'))).toBe(
			forced
		);
	});
});
