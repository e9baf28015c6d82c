import type { QueuePriority, QueueService } from '$lib/domain/queue';

/*
 * The kiosk's pictures, one per choice a resident makes (start tiles, services, priorities): SVG
 * paths in a 24×24 box, even-odd fill, so the hall PC needs no emoji font and a resident who reads
 * little still finds the right tile. Those of the signed-in pages only are in kiosk-icons-me.ts:
 * the start screen preloads the code of what it links to, this file with it.
 */
export const ICON = {
	ticket:
		'M3 7a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2v3a2 2 0 0 0 0 4v3a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2v-3a2 2 0 0 0 0-4zM9 9h6v2H9zm0 4h6v2H9z',
	card: 'M2 6a2 2 0 0 1 2-2h16a2 2 0 0 1 2 2v12a2 2 0 0 1-2 2H4a2 2 0 0 1-2-2zm0 2v3h20V8zm3 7v2h6v-2z',
	note: 'M4 3h11l5 5v13H4zm3 8v2h10v-2zm0 4v2h7v-2z',
	search:
		'M10 3a7 7 0 1 0 4.2 12.6l5.6 5.6 1.4-1.4-5.6-5.6A7 7 0 0 0 10 3zm0 2a5 5 0 1 1 0 10 5 5 0 0 1 0-10z',
	board: 'M5 3h14v18H5zm3 4v2h8V7zm0 4v2h8v-2zm0 4v2h5v-2z',
	wrench:
		'M14.7 3.3a5 5 0 0 0-5.3 6.6L2.6 16.7l4.7 4.7 6.8-6.8a5 5 0 0 0 6.6-5.3l-3.1 3.1-3.2-.9-.9-3.2z',
	roller: 'M3 3h14v6H3zm16 2h2v7h-9v3h-2v-5h9zm-9 11h2v6h-2z',
	house: 'M3 11 12 3l9 8v10h-6v-6H9v6H3z',
	key: 'M8 6a6 6 0 1 0 5.7 8H15v3h3v-3h2v3h2v-7h-8.3A6 6 0 0 0 8 6zm0 4a2 2 0 1 1 0 4 2 2 0 0 1 0-4z',
	question:
		'M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20zm-1 15h2v2h-2zm1-12a4 4 0 0 1 2.4 7.2c-.9.7-1.4 1.1-1.4 1.8h-2c0-1.6 1-2.4 1.8-3A2 2 0 1 0 10 9H8a4 4 0 0 1 4-4z',
	person: 'M12 3a4 4 0 1 1 0 8 4 4 0 0 1 0-8zM4 21a8 8 0 0 1 16 0z',
	elder:
		'M10 2a3 3 0 1 1 0 6 3 3 0 0 1 0-6zM6 22l1.5-9L5 15l-1.4-1.4L8 9h4l2.5 3.5L17 13v2l-3.5-1-1.5-2-1 10H9l-.3-6-.9 6zM17 15h1.6v7H17z',
	alert: 'M12 2 1 21h22zm-1 7v6h2V9zm0 8v2h2v-2z'
} as const;

export const SERVICE_ICON: Record<QueueService, string> = {
	payment: ICON.card,
	renovation: ICON.roller,
	movein: ICON.house,
	report: ICON.wrench,
	keys: ICON.key,
	other: ICON.question
};

export const PRIORITY_ICON: Record<QueuePriority, string> = {
	normal: ICON.person,
	elderly: ICON.elder,
	urgent: ICON.alert
};
