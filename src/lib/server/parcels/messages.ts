// Translations of refused parcel writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { ParcelErrorCode } from './errors';

const s = (v: unknown) => String(v ?? '');

export const parcelMessages: ErrorMessages<ParcelErrorCode> = {
	messages: {
		not_found: () => m.parcels_not_found(),
		unknown_unit: (d) => m.parcels_unknown_unit({ code: s(d.code) }),
		no_authorisation: (d) => m.parcels_no_authorisation({ code: s(d.code) }),
		duplicate_tracking: (d) => m.parcels_duplicate_tracking({ tracking: s(d.tracking) }),
		already_withdrawn: () => m.parcels_already_withdrawn(),
		already_collected: () => m.parcels_already_collected(),
		id_missing: () => m.parcels_id_missing(),
		not_authorised_collector: (d) =>
			m.parcels_not_authorised_collector({ collector: s(d.collector) }),
		photo_count: (d) => m.tickets_err_photo_count({ max: s(d.max) }),
		photo_size: (d) => m.tickets_err_photo_size({ name: s(d.name), mb: s(d.maxMb) }),
		photo_type: (d) => m.tickets_err_photo_type({ name: s(d.name) }),
		photo_pixels: (d) => m.tickets_err_photo_pixels({ name: s(d.name), mp: s(d.maxMp) })
	},
	fields: {
		unknown_unit: 'unit',
		no_authorisation: 'answeredBy',
		duplicate_tracking: 'trackingNo',
		photo_count: 'photo',
		photo_size: 'photo',
		photo_type: 'photo',
		photo_pixels: 'photo'
	},
	fallback: () => m.parcels_not_found()
};
