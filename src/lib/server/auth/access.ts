import type { Role } from '../db/schema';

/** Roles build on each other: a manager can do what a clerk can, an admin what a manager can. */
const RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

export type Access = 'public' | 'resident' | Role;

/**
 * Who may open what, by path prefix; the first match wins. Anything not listed needs a staff
 * sign-in (secure by default). Loads and actions check again with `requireStaff`.
 */
export const ACCESS_RULES: { prefix: string; access: Access }[] = [
	{ prefix: '/login', access: 'public' },
	{ prefix: '/logout', access: 'public' },
	{ prefix: '/locale', access: 'public' },
	{ prefix: '/healthz', access: 'public' },
	{ prefix: '/verify', access: 'public' },
	{ prefix: '/__test', access: 'public' },
	{ prefix: '/kiosk/me', access: 'resident' },
	{ prefix: '/kiosk', access: 'public' },
	{ prefix: '/admin', access: 'admin' },
	{ prefix: '/manager', access: 'manager' },
	{ prefix: '/reports', access: 'manager' },
	{ prefix: '/approvals', access: 'manager' },
	{ prefix: '/settings', access: 'manager' }
];

function matches(path: string, prefix: string) {
	return path === prefix || path.startsWith(prefix + '/') || path.startsWith(prefix + '.') || path.startsWith(prefix + '?');
}

export function accessFor(path: string): Access {
	if (path === '/' ) return 'public';
	if (path.startsWith('/_app/') || path === '/favicon.svg' || path === '/robots.txt' || path.startsWith('/fonts/')) return 'public';
	for (const rule of ACCESS_RULES) if (matches(path, rule.prefix)) return rule.access;
	return 'clerk';
}
