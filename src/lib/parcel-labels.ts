import { m } from '$lib/paraglide/messages.js';
import type { AuthChannel, ParcelIdType, ParcelState } from '$lib/domain/parcels';

/** 书面 / 电话 / 线上 / 其他: the page and its CSV. */
export function authChannelLabel(c: AuthChannel): string {
	return {
		written: m.parcels_channel_written,
		phone: m.parcels_channel_phone,
		online: m.parcels_channel_online,
		other: m.parcels_channel_other
	}[c]();
}

export function idTypeLabel(t: ParcelIdType): string {
	return {
		id_card: m.parcels_id_type_id_card,
		passport: m.parcels_id_type_passport,
		permit: m.parcels_id_type_permit,
		driving_licence: m.parcels_id_type_driving_licence,
		other: m.parcels_id_type_other
	}[t]();
}

export function parcelStateLabel(s: ParcelState, overdue: boolean): string {
	if (overdue) return m.parcels_state_overdue();
	return s === 'collected' ? m.parcels_state_collected() : m.parcels_state_waiting();
}
