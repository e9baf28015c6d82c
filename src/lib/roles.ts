import { m } from '$lib/paraglide/messages.js';

/** The translated name of a staff role. */
export function roleLabel(role: string): string {
	if (role === 'head_office') return m.role_head_office();
	return role === 'admin' ? m.role_admin() : role === 'manager' ? m.role_manager() : m.role_clerk();
}
