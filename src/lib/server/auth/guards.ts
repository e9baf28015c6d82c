import { error, redirect } from '@sveltejs/kit';
import type { Role } from '../db/schema';
import type { StaffIdentity, ResidentIdentity } from './session';
import { roleAtLeast } from './access';

interface GuardLocals {
	user: StaffIdentity | null;
	resident: ResidentIdentity | null;
}

/** For loads and actions: the signed-in staff member with at least `role`, or redirect/403. */
export function requireStaff(locals: GuardLocals, role: Role = 'clerk', url?: URL): StaffIdentity {
	if (!locals.user) redirect(303, '/login' + (url ? '?next=' + encodeURIComponent(url.pathname + url.search) : ''));
	if (!roleAtLeast(locals.user.role, role)) error(403, 'forbidden');
	return locals.user;
}

/** For kiosk/phone pages: the identified resident, or back to the kiosk start. */
export function requireResident(locals: GuardLocals): ResidentIdentity {
	if (!locals.resident) redirect(303, '/kiosk/identify');
	return locals.resident;
}
