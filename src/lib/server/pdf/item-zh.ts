/** The fixed Chinese words of the 寄存 / 放行 documents (slips and logs). No $lib imports. */
import type { Consent, IdType } from '../../domain/items';

export const ID_TYPE_ZH: Record<IdType, string> = {
	id_card: '身份证',
	passport: '护照',
	hk_macau: '港澳通行证',
	other: '其他证件'
};

export const CONSENT_ZH: Record<Consent, string> = {
	in_person: '业主到场',
	phone: '电话确认',
	written: '书面同意'
};

/** How the owner consented, in one line: 电话确认 13800001111，接听：张先生. */
export function consentLine(r: {
	consent: Consent;
	consentBy: string;
	consentPhone: string;
	consentIdType: IdType | null;
	consentIdLast4: string;
	consentNote: string;
}): string {
	const parts = [CONSENT_ZH[r.consent]];
	if (r.consent === 'in_person') {
		parts.push(r.consentBy);
		if (r.consentIdType) parts.push(`${ID_TYPE_ZH[r.consentIdType]}尾号 ${r.consentIdLast4}`);
	}
	if (r.consent === 'phone') parts.push(r.consentPhone, `接听：${r.consentBy}`);
	if (r.consent === 'written' && r.consentBy) parts.push(r.consentBy);
	if (r.consentNote) parts.push(r.consentNote);
	return parts.filter(Boolean).join('，');
}
