import { m } from '$lib/paraglide/messages.js';
import type { NavItem } from '$lib/components/AppShell.svelte';

/*
 * The navigation of the two staff shells. Each capability adds its entry here; `key` is the
 * Alt+key shortcut shown beside it (counter clerks work from the keyboard).
 */
export function counterNav(): NavItem[] {
	return [{ href: '/counter', label: m.nav_counter(), key: '1' }];
}

export function managerNav(role: string): NavItem[] {
	const items: NavItem[] = [{ href: '/manager', label: m.nav_manager(), key: '1' }];
	if (role === 'admin') items.push({ href: '/admin', label: m.nav_admin(), key: '9' });
	items.push({ href: '/counter', label: m.nav_counter(), key: '0' });
	return items;
}
