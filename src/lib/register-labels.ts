import { m } from '$lib/paraglide/messages.js';
import type { RegisterCode } from '$lib/domain/desk-registers';

/** A front-desk register's name where its open entries are listed (the shift handover). */
export function registerLabel(code: RegisterCode): string {
	return {
		parcel: m.register_parcel,
		visitor: m.register_visitor,
		item: m.register_item,
		appointment: m.register_appointment
	}[code]();
}
