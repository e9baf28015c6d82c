/**
 * Words for move-in codes (items, groups, forms, owner types, occupancy), from the message files.
 * `locale` forces a language (the printed checklist is always Chinese); otherwise the request's.
 */
import { m } from '../../paraglide/messages.js';
import {
	type ChecklistItem,
	type ItemCode,
	type ItemGroup,
	type MoveInOwnerType
} from '../../domain/movein-checklist';
import type { Occupancy } from '../db/schema';

type Locale = 'zh-CN' | 'en';
type Msg = (inputs?: Record<string, never>, options?: { locale?: Locale }) => string;
const opt = (locale?: Locale) => (locale ? { locale } : {});

const ITEM: Record<ItemCode, Msg> = {
	purchase_contract: m.movein_item_purchase_contract,
	payment_receipts: m.movein_item_payment_receipts,
	loan_contract: m.movein_item_loan_contract,
	mortgage_contract: m.movein_item_mortgage_contract,
	bank_posting_slip: m.movein_item_bank_posting_slip,
	owner_id_or_passport: m.movein_item_owner_id_or_passport,
	foreign_passport_visa: m.movein_item_foreign_passport_visa,
	hk_mo_tw_permit: m.movein_item_hk_mo_tw_permit,
	business_licence_duplicate: m.movein_item_business_licence_duplicate,
	legal_rep_identity: m.movein_item_legal_rep_identity,
	legal_rep_authorisation: m.movein_item_legal_rep_authorisation,
	company_seal: m.movein_item_company_seal,
	guardian_id: m.movein_item_guardian_id,
	household_register: m.movein_item_household_register,
	parents_marriage_certificate: m.movein_item_parents_marriage_certificate,
	only_child_certificate: m.movein_item_only_child_certificate,
	medical_birth_certificate: m.movein_item_medical_birth_certificate,
	police_guardianship_proof: m.movein_item_police_guardianship_proof,
	proxy_authorisation: m.movein_item_proxy_authorisation,
	proxy_id: m.movein_item_proxy_id,
	household_photos: m.movein_item_household_photos,
	notice_letter_materials: m.movein_item_notice_letter_materials,
	house_balance: m.movein_item_house_balance,
	maintenance_fund: m.movein_item_maintenance_fund,
	deed_tax: m.movein_item_deed_tax
};

const GROUP: Record<ItemGroup, Msg> = {
	documents: m.movein_group_documents,
	mortgage: m.movein_group_mortgage,
	identity: m.movein_group_identity,
	proxy: m.movein_group_proxy,
	household: m.movein_group_household,
	fees: m.movein_group_fees
};

const OWNER_TYPE: Record<MoveInOwnerType, Msg> = {
	individual: m.movein_owner_type_individual,
	foreign: m.movein_owner_type_foreign,
	hk_mo_tw: m.movein_owner_type_hk_mo_tw,
	company: m.movein_owner_type_company,
	minor: m.movein_owner_type_minor
};

const OCCUPANCY: Record<Occupancy, Msg> = {
	not_handed_over: m.movein_occupancy_not_handed_over,
	vacant_after_move_in: m.movein_occupancy_vacant_after_move_in,
	occupied: m.movein_occupancy_occupied
};

export const itemLabel = (code: ItemCode, locale?: Locale) => ITEM[code]({}, opt(locale));
export const groupLabel = (group: ItemGroup, locale?: Locale) => GROUP[group]({}, opt(locale));
export const ownerTypeLabel = (t: MoveInOwnerType, locale?: Locale) =>
	OWNER_TYPE[t]({}, opt(locale));
export const occupancyLabel = (o: Occupancy, locale?: Locale) => OCCUPANCY[o]({}, opt(locale));

/** "原件及复印件各一份", "4 张(每人 2 张)", "出示"… */
export function formLabel(item: ChecklistItem, locale?: Locale): string {
	const o = opt(locale);
	switch (item.form) {
		case 'original':
			return m.movein_form_original({}, o);
		case 'original_and_copy':
			return m.movein_form_original_and_copy({}, o);
		case 'original_or_copy':
			return m.movein_form_original_or_copy({}, o);
		case 'present':
			return item.code === 'household_photos'
				? m.movein_form_photos({ pieces: item.pieces }, o)
				: m.movein_form_present({}, o);
	}
}

/** "2026-11 至 2027-04" (one month shows once). */
export function monthsRange(months: readonly string[]): string {
	if (months.length === 0) return '';
	return months.length === 1
		? months[0]
		: m.movein_months_range({ from: months[0], to: months.at(-1)! });
}

/** A refusal in the user's language, with the details the clerk needs to act on it. */
