import { error, redirect } from '@sveltejs/kit';
import type { StaffIdentity, ResidentIdentity } from './session';
import { mayRead, type Access } from './access';

interface GuardLocals {
	user: StaffIdentity | null;
	resident: ResidentIdentity | null;
}

/** Where a staff member with a pending forced password change is sent (and the only page that opens). */
export const PASSWORD_PAGE = '/account/password';

/**
 * For loads and actions: the signed-in staff member who may open `access` (a role, or a company
 * page), or redirect/403. Head office passes for what it may read; the hook refuses its posts.
 */
export function requireStaff(
	locals: GuardLocals,
	access: Exclude<Access, 'public' | 'resident'> = 'clerk',
	url?: URL
): StaffIdentity {
	if (!locals.user)
		redirect(303, '/login' + (url ? '?next=' + encodeURIComponent(url.pathname + url.search) : ''));
	if (!mayRead(locals.user, access)) error(403, 'forbidden');
	// Checked in hooks too; here again so no load or action runs before a forced change is done.
	if (locals.user.mustChangePassword && url?.pathname !== PASSWORD_PAGE)
		redirect(303, PASSWORD_PAGE);
	return locals.user;
}

/** For kiosk/phone pages: the identified resident, or back to the kiosk start. */
export function requireResident(locals: GuardLocals): ResidentIdentity {
	if (!locals.resident) redirect(303, '/kiosk/identify');
	return locals.resident;
}
