import { m } from '$lib/paraglide/messages.js';

/** The wall texts the standard (第六条) says must hang in the hall, as kiosk pages. */
export const INFO_TOPICS = [
	'fees',
	'services',
	'report',
	'renovation',
	'commitments',
	'staff'
] as const;
export type InfoTopic = (typeof INFO_TOPICS)[number];

export const topicTitle = (t: InfoTopic): string =>
	({
		fees: m.kiosk_info_fees,
		services: m.charges_kiosk_services,
		report: m.kiosk_info_report,
		renovation: m.kiosk_info_renovation,
		commitments: m.kiosk_info_commitments,
		staff: m.kiosk_info_staff
	})[t]();
