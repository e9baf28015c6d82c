import type { TicketKind } from '$lib/domain/tickets';
import { ICON } from '$lib/kiosk-icons';

/* The pictures of a signed-in resident's pages only (report kinds and places, ratings): see
   kiosk-icons.ts for why they are apart. */
export const ME_ICON = {
	shield: 'M12 2l8 3v6c0 5-3.4 9.4-8 11-4.6-1.6-8-6-8-11V5zm-1 5v7h2V7zm0 8v2h2v-2z',
	bubble: 'M3 4h18v13H9l-5 4v-4H3zm8 2v6h2V6zm0 7v2h2v-2z',
	building:
		'M4 21V3h10v6h6v12zM7 6v2h2V6zm4 0v2h2V6zm-4 4v2h2v-2zm4 0v2h2v-2zm-4 4v2h2v-2zm4 0v2h2v-2zm5-2v2h2v-2zm0 4v2h2v-2z',
	smile:
		'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-7 5h2a3 3 0 0 0 6 0h2a5 5 0 0 1-10 0z',
	neutral: 'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-6 6h8v2H8z',
	frown:
		'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zM8 8h2v3H8zm6 0h2v3h-2zm-7 9a5 5 0 0 1 10 0h-2a3 3 0 0 0-6 0z',
	trees: 'M7 3l5 8H9l4 6H8v4H6v-4H1l4-6H2zm10 4 4 6h-2.5l3.5 5h-4v3h-2v-3h-2.3z'
} as const;

export const KIND_ICON: Record<TicketKind, string> = {
	engineering: ICON.wrench,
	property: ME_ICON.shield,
	service_complaint: ME_ICON.bubble,
	developer_complaint: ME_ICON.building,
	enquiry: ICON.question
};
