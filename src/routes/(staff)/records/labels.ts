// Labels of the records' codes in the page's language (ID types, occupancy and owner types reuse
// the words the key, fee and move-in pages already use).
import { m } from '$lib/paraglide/messages.js';
import { idTypeLabel } from '../keys/labels';
import { formatArea } from '$lib/domain/renovation-fees';

export { idTypeLabel, formatArea };

/** A code → label function whose `codes` are the vocabulary's codes in order (for selects). */
function table(t: Record<string, () => string>) {
	const f = (code: string | null | undefined): string => (code ? (t[code]?.() ?? code) : '');
	return Object.assign(f, { codes: Object.keys(t) });
}

export const roleLabel = table({
	owner: () => m.records_role_owner(),
	co_owner: () => m.records_role_co_owner(),
	household: () => m.records_role_household(),
	tenant: () => m.records_role_tenant(),
	emergency: () => m.records_role_emergency(),
	resident: () => m.records_role_resident(),
	authorised: () => m.records_role_authorised()
});

export const useLabel = table({
	residential: () => m.records_use_residential(),
	commercial: () => m.records_use_commercial(),
	office: () => m.records_use_office(),
	storage: () => m.records_use_storage(),
	other: () => m.records_use_other()
});

export const occupancyLabel = table({
	not_handed_over: () => m.fees_occupancy_not_handed_over(),
	vacant_after_move_in: () => m.fees_occupancy_vacant_after_move_in(),
	occupied: () => m.fees_occupancy_occupied()
});

export const ownerTypeLabel = table({
	individual: () => m.movein_owner_type_individual(),
	foreign: () => m.movein_owner_type_foreign(),
	hk_mo_tw: () => m.movein_owner_type_hk_mo_tw(),
	company: () => m.movein_owner_type_company(),
	minor: () => m.movein_owner_type_minor()
});

export const endReasonLabel = table({
	moved_out: () => m.records_end_moved_out(),
	lease_ended: () => m.records_end_lease_ended(),
	deceased: () => m.records_end_deceased(),
	correction: () => m.records_end_correction(),
	other: () => m.records_end_other(),
	transfer: () => m.records_end_transfer(),
	ended: () => m.records_end_ended()
});

export const holdingLabel = table({
	owned: () => m.records_holding_owned(),
	rented: () => m.records_holding_rented()
});

export const kindLabel = table({
	surface: () => m.records_kind_surface(),
	underground: () => m.records_kind_underground(),
	mechanical: () => m.records_kind_mechanical()
});

export const auditLabel = table({
	'records.unit.create': () => m.records_audit_unit_create(),
	'records.unit.update': () => m.records_audit_unit_update(),
	'records.person.create': () => m.records_audit_person_create(),
	'records.person.update': () => m.records_audit_person_update(),
	'records.person.phone': () => m.records_audit_person_phone(),
	'records.tie.add': () => m.records_audit_tie_add(),
	'records.tie.end': () => m.records_audit_tie_end(),
	'records.transfer': () => m.records_audit_transfer()
});

/** The name of a changed field in the history. */
export const fieldLabel = table({
	building: () => m.records_field_building(),
	entrance: () => m.records_field_entrance(),
	room: () => m.records_field_room(),
	code: () => m.records_col_code(),
	areaCenti: () => m.records_field_area(),
	use: () => m.records_field_use(),
	occupancy: () => m.records_field_occupancy(),
	handoverNoticeDate: () => m.records_field_handover(),
	moveInDate: () => m.records_field_movein(),
	name: () => m.records_field_name(),
	phone: () => m.records_col_phone(),
	idType: () => m.records_field_id_type(),
	idNumber: () => m.records_field_id_number(),
	ownerType: () => m.records_field_owner_type(),
	note: () => m.records_field_note()
});

/** A changed field's value as the pages show it (area in m², codes by their words). */
export function fieldValue(field: string, value: unknown): string {
	if (value === null || value === undefined || value === '') return '—';
	if (field === 'areaCenti' && typeof value === 'number') return formatArea(value);
	if (field === 'use') return useLabel(String(value));
	if (field === 'occupancy') return occupancyLabel(String(value));
	if (field === 'ownerType') return ownerTypeLabel(String(value));
	if (field === 'idType') return idTypeLabel(String(value));
	return String(value);
}
