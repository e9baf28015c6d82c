import type { Role, StaffRole } from '../db/schema';

/**
 * Roles build on each other: a manager can do what a clerk can, an admin what a manager can.
 * Head office does no community's work (0): it only reads, see `mayRead`.
 */
const RANK: Record<StaffRole, number> = { head_office: 0, clerk: 1, manager: 2, admin: 3 };

/** Whether `role` may do `needed`'s work (write, or see the buttons that write). */
export function roleAtLeast(role: StaffRole, needed: Role): boolean {
	return RANK[role] >= RANK[needed];
}

/**
 * Company routes: 'company' is the head-office dashboard (head office and company admins),
 * 'company_admin' creating communities and giving memberships.
 */
export type CompanyAccess = 'company' | 'company_admin';
export type Access = 'public' | 'resident' | Role | CompanyAccess;

export interface AccessUser {
	role: StaffRole;
	companyAdmin: boolean;
}

/** Head office reads what a manager reads, in every community; never an admin's pages. */
const HEAD_OFFICE_READS: readonly Access[] = ['clerk', 'manager', 'company'];

/** Whether a staff member may open (GET) a route of this access. */
export function mayRead(user: AccessUser, access: Exclude<Access, 'public' | 'resident'>): boolean {
	if (access === 'company_admin') return user.companyAdmin;
	if (access === 'company') return user.companyAdmin || user.role === 'head_office';
	if (user.role === 'head_office') return HEAD_OFFICE_READS.includes(access);
	return roleAtLeast(user.role, access);
}

/** What head office may post: its own password, and which community it looks at. */
export const HEAD_OFFICE_WRITES = ['/account/password', '/account/community'];

/**
 * Whether a staff member may post to a route of this access at `path`: head office is
 * read-only (the policy that keeps it so, checked by the hook before any action runs).
 */
export function mayWrite(
	user: AccessUser,
	access: Exclude<Access, 'public' | 'resident'>,
	path: string
): boolean {
	if (user.role === 'head_office') return HEAD_OFFICE_WRITES.includes(path);
	return mayRead(user, access);
}

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
	{ route: '/(company)/company/communities', access: 'company_admin' },
	{ route: '/(company)', access: 'company' },
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
	// An unpaired hall screen shows its pairing code here.
	'/kiosk/pair',
	// A resident's phone that opened a link naming no community chooses one here.
	'/kiosk/choose',
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
	{ path: '/company/communities', access: 'company_admin' },
	{ path: '/company', access: 'company' },
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
