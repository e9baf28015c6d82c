import type { Role } from '../db/schema';

/** Roles build on each other: a manager can do what a clerk can, an admin what a manager can. */
const RANK: Record<Role, number> = { clerk: 1, manager: 2, admin: 3 };

export function roleAtLeast(role: Role, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

export type Access = 'public' | 'resident' | Role;

/** Whether a route id (or path) is `base` or lies below it, on segment boundaries. */
function within(id: string, base: string): boolean {
	return id === base || id.startsWith(base + '/');
}

/**
 * Who may open what, by the route tree: the group a route lives in decides, as the group's
 * layout guard does (`requireStaff(…, 'manager')` in (manager), `'admin'` in (manager)/admin,
 * `requireResident` in kiosk/me). The first match wins. Loads and actions check again.
 */
export const ROUTE_GROUPS: { route: string; access: Access }[] = [
	{ route: '/(manager)/admin', access: 'admin' },
	{ route: '/(manager)', access: 'manager' },
	{ route: '/(staff)', access: 'clerk' },
	{ route: '/kiosk/me', access: 'resident' }
];

/** Public routes, each with everything below it. Public routes live in no group, so these are paths too. */
export const PUBLIC_ROUTES = [
	'/login',
	'/logout',
	'/locale',
	'/healthz',
	'/verify',
	'/__test',
	'/kiosk/identify',
	'/kiosk/queue',
	'/kiosk/info',
	'/kiosk/display',
	// A notice's picture, served only while the notice shows on the start screen.
	'/kiosk/notices'
];
/** Public pages without what is below them (below them is someone's, or nothing yet). */
const PUBLIC_PAGES = ['/', '/kiosk'];

/**
 * Requests that match no route (404s) by path, refused as a route there would be: group folders
 * do not show in paths, so the sections of the staff groups are named here.
 */
const NO_ROUTE_SECTIONS: { path: string; access: Access }[] = [
	{ path: '/admin', access: 'admin' },
	{ path: '/manager', access: 'manager' },
	{ path: '/reports', access: 'manager' },
	// Below the kiosk, a missing page is the kiosk's 404, not a sign-in.
	{ path: '/kiosk', access: 'public' }
];

/** Static files only reach the hook when missing; they stay public 404s. */
function isAsset(path: string): boolean {
	return (
		path.startsWith('/_app/') ||
		path === '/favicon.png' ||
		path === '/robots.txt' ||
		path.startsWith('/fonts/')
	);
}

function publicOrResident(id: string): Access | null {
	if (within(id, '/kiosk/me')) return 'resident';
	if (PUBLIC_PAGES.includes(id) || PUBLIC_ROUTES.some((r) => within(id, r))) return 'public';
	return null;
}

/**
 * The hook's decision for a request: by its route id (`event.route.id`), or by its path when no
 * route matched. Anything in no known group needs a staff sign-in (secure by default).
 */
export function accessFor(routeId: string | null, path: string): Access {
	if (routeId !== null) {
		const group = ROUTE_GROUPS.find((g) => within(routeId, g.route));
		return group?.access ?? publicOrResident(routeId) ?? 'clerk';
	}
	if (isAsset(path)) return 'public';
	// A path with a suffix (`/admin.json`) belongs to the section it extends.
	const bare = path.replace(/[.?].*$/, '');
	return (
		publicOrResident(bare) ?? NO_ROUTE_SECTIONS.find((s) => within(bare, s.path))?.access ?? 'clerk'
	);
}
