import { m } from '$lib/paraglide/messages.js';
import { ICON } from '$lib/kiosk-icons';

export interface KioskTile {
	id: string;
	href: string;
	/** SVG path (24×24 box, even-odd fill): no emoji font needed on the hall PC. */
	icon: string;
	label: string;
	hint: string;
	/** The page needs an identified resident: the start screen sends a resident who is not yet identified through /kiosk/identify first. */
	resident?: boolean;
}

/** The big buttons on the kiosk start screen. Each kiosk capability adds its tile here. */
export function kioskTiles(): KioskTile[] {
	return [
		{
			id: 'queue',
			href: '/kiosk/queue',
			icon: ICON.ticket,
			label: m.kiosk_tile_queue(),
			hint: m.kiosk_tile_queue_hint()
		},
		{
			id: 'bills',
			href: '/kiosk/me/bills',
			icon: ICON.card,
			label: m.kiosk_tile_bills(),
			hint: m.kiosk_tile_bills_hint(),
			resident: true
		},
		{
			id: 'report',
			href: '/kiosk/me/report',
			icon: ICON.note,
			label: m.kiosk_tile_report(),
			hint: m.kiosk_tile_report_hint(),
			resident: true
		},
		{
			id: 'requests',
			href: '/kiosk/me/requests',
			icon: ICON.search,
			label: m.kiosk_tile_requests(),
			hint: m.kiosk_tile_requests_hint(),
			resident: true
		},
		{
			id: 'info',
			href: '/kiosk/info',
			icon: ICON.board,
			label: m.kiosk_tile_info(),
			hint: m.kiosk_tile_info_hint()
		}
	];
}

/** Where a tile leads: resident pages go through identification first (and come back after it). */
export function tileHref(tile: KioskTile, identified: boolean): string {
	return tile.resident && !identified
		? '/kiosk/identify?next=' + encodeURIComponent(tile.href)
		: tile.href;
}
