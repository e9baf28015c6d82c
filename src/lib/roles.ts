import { m } from '$lib/paraglide/messages.js';

/** The translated name of a staff role. */
export function roleLabel(role: string): string {
	return role === 'admin' ? m.role_admin() : role === 'manager' ? m.role_manager() : m.role_clerk();
}
