import { m } from '$lib/paraglide/messages.js';
import type { NavItem } from '$lib/components/AppShell.svelte';

/*
 * The navigation of the two staff shells. Each capability adds its entry here; `key` is the
 * Alt+key shortcut shown beside it (counter clerks work from the keyboard).
 */
export function counterNav(): NavItem[] {
	return [
		{ href: '/counter', label: m.nav_counter(), key: '1' },
		{ href: '/fees', label: m.fees_nav(), key: '2' },
		{ href: '/waivers', label: m.waivers_nav(), key: '3' },
		{ href: '/renovation', label: m.renovation_nav(), key: '4' },
		{ href: '/movein', label: m.movein_nav(), key: '5' },
		{ href: '/keys', label: m.keys_nav(), key: '6' },
		{ href: '/tickets', label: m.tickets_nav(), key: '7' },
		{ href: '/receipts', label: m.receipts_nav(), key: '8' },
		{ href: '/queue', label: m.kiosk_queue_nav(), key: '9' },
		{ href: '/shift', label: m.reports_shift_nav(), key: '0' },
		{ href: '/records', label: m.records_nav() },
		{ href: '/arrears', label: m.arrears_nav() },
		{ href: '/errands', label: m.errands_nav() },
		{ href: '/parcels', label: m.parcels_nav() },
		{ href: '/visitors', label: m.visitors_nav() },
		{ href: '/items', label: m.items_nav() },
		{ href: '/appointments', label: m.appointments_nav() },
		{ href: '/directory', label: m.directory_nav() },
		{ href: '/notices', label: m.notices_nav() }
	];
}

export function managerNav(user: { role: string; companyAdmin?: boolean }): NavItem[] {
	const role = user.role;
	const items: NavItem[] = [{ href: '/manager', label: m.nav_manager(), key: '1' }];
	items.push({ href: '/manager/billing', label: m.fees_billing_nav(), key: '2' });
	items.push({ href: '/manager/waivers', label: m.waivers_manager_nav(), key: '3' });
	items.push({ href: '/journal', label: m.journal_nav(), key: '4' });
	items.push({ href: '/manager/audit', label: m.audit_nav() });
	items.push({ href: '/reports', label: m.reports_nav(), key: '5' });
	items.push({ href: '/arrears', label: m.arrears_nav(), key: '6' });
	items.push({ href: '/manager/voids', label: m.receipts_voids_nav(), key: '7' });
	items.push({ href: '/records', label: m.records_nav(), key: '8' });
	items.push({ href: '/manager/kiosks', label: m.kiosk_devices_nav() });
	if (role === 'admin') items.push({ href: '/admin', label: m.nav_admin(), key: '9' });
	if (role === 'head_office' || user.companyAdmin)
		items.push({ href: '/company', label: m.company_nav() });
	items.push({ href: '/counter', label: m.nav_counter(), key: '0' });
	return items;
}

/** The head office's shell: the comparison of centres, the month report, the company admin's communities. */
export function companyNav(user: { companyAdmin?: boolean }): NavItem[] {
	const items: NavItem[] = [
		{ href: '/company', label: m.company_nav(), key: '1' },
		{ href: '/company/report', label: m.company_report_nav(), key: '2' }
	];
	if (user.companyAdmin)
		items.push({ href: '/company/communities', label: m.company_communities_nav(), key: '3' });
	items.push({ href: '/manager', label: m.nav_manager(), key: '4' });
	return items;
}
