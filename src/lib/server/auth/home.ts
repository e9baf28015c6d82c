import type { Role } from '../db/schema';

/** Where each role lands after sign-in. */
export function homeFor(role: Role): string {
	return role === 'admin' ? '/admin' : role === 'manager' ? '/manager' : '/counter';
}

/* Also used by the kiosk's identify page in the browser, so it lives outside $lib/server. */
export { safeNext } from '$lib/safe-next';
