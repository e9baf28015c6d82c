// Labels of the key area's codes, in the page's language (shared by the key pages and the counter panel).
import { m } from '$lib/paraglide/messages.js';

const STATE: Record<string, () => string> = {
	in_cabinet: () => m.keys_state_in_cabinet(),
	lent: () => m.keys_state_lent(),
	lost: () => m.keys_state_lost(),
	returned_to_owner: () => m.keys_state_returned_to_owner()
};
const PURPOSE: Record<string, () => string> = {
	viewing: () => m.keys_purpose_viewing(),
	repair: () => m.keys_purpose_repair(),
	renovation: () => m.keys_purpose_renovation(),
	other: () => m.keys_purpose_other()
};
const ID_TYPE: Record<string, () => string> = {
	id_card: () => m.keys_id_type_id_card(),
	passport: () => m.keys_id_type_passport(),
	home_return_permit: () => m.keys_id_type_home_return_permit(),
	taiwan_permit: () => m.keys_id_type_taiwan_permit(),
	hk_mo_id: () => m.keys_id_type_hk_mo_id(),
	business_licence: () => m.keys_id_type_business_licence(),
	other: () => m.keys_id_type_other()
};
const ANSWER: Record<string, () => string> = {
	agreed: () => m.keys_answer_agreed(),
	refused: () => m.keys_answer_refused(),
	no_answer: () => m.keys_answer_no_answer()
};
const METHOD: Record<string, () => string> = {
	written: () => m.keys_consent_method_written(),
	phone: () => m.keys_consent_method_phone(),
	in_person: () => m.keys_consent_method_in_person(),
	other: () => m.keys_consent_method_other()
};
const AUDIT: Record<string, () => string> = {
	'key.create': () => m.keys_audit_create(),
	'key.update': () => m.keys_audit_update(),
	'key.disposition': () => m.keys_audit_disposition()
};

const label = (table: Record<string, () => string>) => (code: string | null | undefined) =>
	code && table[code] ? table[code]() : (code ?? '');

export const stateLabel = label(STATE);
export const purposeLabel = label(PURPOSE);
export const idTypeLabel = label(ID_TYPE);
export const answerLabel = label(ANSWER);
export const methodLabel = label(METHOD);
export const auditLabel = label(AUDIT);
export const ID_TYPE_CODES = Object.keys(ID_TYPE);

export const stateBadge = (state: string) =>
	state === 'lent' ? 'warn' : state === 'in_cabinet' ? '' : state === 'lost' ? 'danger' : 'grey';

export const staffName = (s: { displayName: string; workNo: string } | null | undefined) =>
	s ? `${s.displayName} ${s.workNo}` : '';

/** "35 分钟", "2 小时 5 分", "1 天 3 小时". */
export function durationLabel(minutes: number): string {
	if (minutes < 60) return m.keys_minutes({ n: minutes });
	if (minutes < 24 * 60)
		return m.keys_hours_minutes({ h: Math.floor(minutes / 60), min: minutes % 60 });
	return m.keys_days_hours({ d: Math.floor(minutes / 1440), h: Math.floor((minutes % 1440) / 60) });
}
