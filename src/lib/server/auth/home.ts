import type { StaffRole } from '../db/schema';

/** Where each role lands after sign-in. */
export function homeFor(role: StaffRole): string {
	if (role === 'head_office') return '/company';
	return role === 'admin' ? '/admin' : role === 'manager' ? '/manager' : '/counter';
}

/* Also used by the kiosk's identify page in the browser, so it lives outside $lib/server. */
export { safeNext } from '$lib/safe-next';
