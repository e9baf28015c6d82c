import { m } from '$lib/paraglide/messages.js';

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

const ICON = {
	ticket:
		'M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4zM9 9h6v2H9zm0 4h6v2H9z',
	card: 'M2 6a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2zm0 2v3h20V8zm3 7v2h6v-2z',
	note: 'M4 3h11l5 5v13H4zm3 8v2h10v-2zm0 4v2h7v-2z',
	search:
		'M10 3a7 7 0 1 0 4.2 12.6l5.6 5.6 1.4-1.4-5.6-5.6A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z',
	board: 'M5 3h14v18H5zm3 4v2h8V7zm0 4v2h8v-2zm0 4v2h5v-2z'
};

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
