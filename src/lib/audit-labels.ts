import { m } from '$lib/paraglide/messages.js';
import type { AuditArea } from '$lib/domain/audit-areas';

/** The audit log's words: an area's name and who acted (the viewer, its CSV, the admin home). */

const AREA_LABELS: Record<AuditArea, () => string> = {
	fees: m.audit_area_fees,
	waivers: m.audit_area_waivers,
	renovation: m.audit_area_renovation,
	movein: m.audit_area_movein,
	keys: m.audit_area_keys,
	tickets: m.audit_area_tickets,
	shifts: m.audit_area_shifts,
	arrears: m.audit_area_arrears,
	records: m.audit_area_records,
	directory: m.audit_area_directory,
	desk: m.audit_area_desk,
	access: m.audit_area_access,
	settings: m.audit_area_settings,
	other: m.audit_area_other
};

export function areaLabel(a: AuditArea): string {
	return AREA_LABELS[a]();
}

/** Who did it: the account's name, or the resident/system for entries without one. */
export function actorLabel(r: { actor: string | null; actorKind: string }): string {
	if (r.actor) return r.actor;
	return r.actorKind === 'resident' ? m.audit_actor_resident() : m.audit_actor_system();
}
