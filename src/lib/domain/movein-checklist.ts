/**
 * Move-in (接房) document checklist, DOMAIN.md §5, from the service standard's counter script
 * ("您好,您接房时需提供的资料主要有…", seeds/003 chapter 2 (三)).
 *
 * The checklist depends only on the owner type, mortgage yes/no and proxy yes/no (plus the number
 * of people for the photos). Item codes are stable: they are stored in the item events of a case,
 * so never rename one; labels live in the message files (`movein_item_<code>`).
 *
 * Readings the standard leaves open, chosen here:
 * - "借款合同、抵押贷款合同原件及复印件各一份": following DOMAIN.md, the loan contract is seen in
 *   original, the mortgage contract in original plus one copy kept.
 * - the "原件及复印件各一份" of the owner's identity document applies to every kind of personal
 *   identity document (ID card/passport, foreign passport with visa, HK/Macau/Taiwan permit).
 * - the minor's only-child certificate, medical birth certificate and police guardianship proof
 *   are needed only "where the household register falls short": optional items.
 * - the fees due at handover (house balance, maintenance fund, deed tax) are collected elsewhere;
 *   the counter records that it has seen their receipts, and they are required for completion
 *   ("在房屋交付时您应缴纳的相关费用").
 * - photos are "您和家庭居住成员…各二张": 2 per person (owner and every household member).
 */

import { addMonths, daysBetween, isValidMonth } from '../dates';

export const MOVEIN_OWNER_TYPES = [
	'individual',
	'foreign',
	'hk_mo_tw',
	'company',
	'minor'
] as const;
export type MoveInOwnerType = (typeof MOVEIN_OWNER_TYPES)[number];

export const ITEM_GROUPS = [
	'documents',
	'mortgage',
	'identity',
	'proxy',
	'household',
	'fees'
] as const;
export type ItemGroup = (typeof ITEM_GROUPS)[number];

/**
 * How an item is handed in: an original that is seen (and returned), an original plus a copy that
 * is kept, either an original or a copy, or a thing that is simply presented (photos, the seal).
 */
export const ITEM_FORMS = ['original', 'original_and_copy', 'original_or_copy', 'present'] as const;
export type ItemForm = (typeof ITEM_FORMS)[number];

/** Every item code, in printing order. Codes are persisted: add, never rename. */
export const ITEM_CODES = [
	'purchase_contract',
	'payment_receipts',
	'loan_contract',
	'mortgage_contract',
	'bank_posting_slip',
	'owner_id_or_passport',
	'foreign_passport_visa',
	'hk_mo_tw_permit',
	'business_licence_duplicate',
	'legal_rep_identity',
	'legal_rep_authorisation',
	'company_seal',
	'guardian_id',
	'household_register',
	'parents_marriage_certificate',
	'only_child_certificate',
	'medical_birth_certificate',
	'police_guardianship_proof',
	'proxy_authorisation',
	'proxy_id',
	'household_photos',
	'notice_letter_materials',
	'house_balance',
	'maintenance_fund',
	'deed_tax'
] as const;
export type ItemCode = (typeof ITEM_CODES)[number];

export interface ChecklistItem {
	code: ItemCode;
	group: ItemGroup;
	required: boolean;
	form: ItemForm;
	/** Originals to be seen (0 for `present`). */
	originals: number;
	/** Copies handed in and kept on file. */
	copies: number;
	/** Pieces of a `present` item (photos: 2 × persons; seal: 1); 0 for documents. */
	pieces: number;
}

export interface ChecklistInput {
	ownerType: MoveInOwnerType;
	mortgage: boolean;
	proxy: boolean;
	/** Owner plus household members living in the unit (photos are 2 each). Default 1. */
	persons?: number;
}

export const PHOTOS_PER_PERSON = 2;
export const MAX_PERSONS = 20;
/** Keys handed over at completion: at least one, sanity cap. */
export const MAX_KEYS = 50;

function doc(
	code: ItemCode,
	group: ItemGroup,
	form: Exclude<ItemForm, 'present'>,
	required = true
): ChecklistItem {
	return {
		code,
		group,
		required,
		form,
		originals: 1,
		copies: form === 'original_and_copy' ? 1 : 0,
		pieces: 0
	};
}

function present(code: ItemCode, group: ItemGroup, pieces: number): ChecklistItem {
	return { code, group, required: true, form: 'present', originals: 0, copies: 0, pieces };
}

/** Identity documents by owner type ("能够证明您身份和关系的相关资料"). */
function identityItems(ownerType: MoveInOwnerType): ChecklistItem[] {
	switch (ownerType) {
		case 'individual':
			return [doc('owner_id_or_passport', 'identity', 'original_and_copy')];
		case 'foreign':
			return [doc('foreign_passport_visa', 'identity', 'original_and_copy')];
		case 'hk_mo_tw':
			return [doc('hk_mo_tw_permit', 'identity', 'original_and_copy')];
		case 'company':
			return [
				doc('business_licence_duplicate', 'identity', 'original'),
				doc('legal_rep_identity', 'identity', 'original'),
				doc('legal_rep_authorisation', 'identity', 'original'),
				present('company_seal', 'identity', 1)
			];
		case 'minor':
			return [
				doc('guardian_id', 'identity', 'original'),
				doc('household_register', 'identity', 'original'),
				doc('parents_marriage_certificate', 'identity', 'original_or_copy'),
				doc('only_child_certificate', 'identity', 'original_or_copy', false),
				doc('medical_birth_certificate', 'identity', 'original_or_copy', false),
				doc('police_guardianship_proof', 'identity', 'original_or_copy', false)
			];
	}
}

export function isOwnerType(v: unknown): v is MoveInOwnerType {
	return typeof v === 'string' && (MOVEIN_OWNER_TYPES as readonly string[]).includes(v);
}

export function isItemCode(v: unknown): v is ItemCode {
	return typeof v === 'string' && (ITEM_CODES as readonly string[]).includes(v);
}

/** The checklist for one move-in, in the order the counter asks for (and prints) the items. */
export function buildChecklist(input: ChecklistInput): ChecklistItem[] {
	if (!isOwnerType(input.ownerType))
		throw new RangeError(`unknown owner type: ${String(input.ownerType)}`);
	const persons = input.persons ?? 1;
	if (!Number.isSafeInteger(persons) || persons < 1 || persons > MAX_PERSONS) {
		throw new RangeError(`persons must be an integer 1–${MAX_PERSONS}, got ${String(persons)}`);
	}
	const items: ChecklistItem[] = [
		doc('purchase_contract', 'documents', 'original'),
		doc('payment_receipts', 'documents', 'original')
	];
	if (input.mortgage) {
		items.push(
			doc('loan_contract', 'mortgage', 'original'),
			doc('mortgage_contract', 'mortgage', 'original_and_copy'),
			doc('bank_posting_slip', 'mortgage', 'original')
		);
	}
	items.push(...identityItems(input.ownerType));
	if (input.proxy) {
		items.push(
			doc('proxy_authorisation', 'proxy', 'original'),
			doc('proxy_id', 'proxy', 'original')
		);
	}
	items.push(
		present('household_photos', 'household', PHOTOS_PER_PERSON * persons),
		doc('notice_letter_materials', 'household', 'original'),
		doc('house_balance', 'fees', 'original'),
		doc('maintenance_fund', 'fees', 'original'),
		doc('deed_tax', 'fees', 'original')
	);
	return items;
}

/** Required items not (yet) received, in checklist order. */
export function missingRequired(
	items: readonly ChecklistItem[],
	received: ReadonlySet<string>
): ChecklistItem[] {
	return items.filter((i) => i.required && !received.has(i.code));
}

/** The property-fee months collected at handover: `count` months from `startMonth` (YYYY-MM). */
export function prepayMonths(startMonth: string, count: number): string[] {
	if (!isValidMonth(startMonth)) throw new RangeError(`not a month: ${startMonth}`);
	if (!Number.isSafeInteger(count) || count < 0) throw new RangeError(`bad month count: ${count}`);
	return Array.from({ length: count }, (_, i) => addMonths(startMonth, i));
}

/**
 * How many months, counted from `currentMonth`, the fees page must prepay so that the case's last
 * month is covered (earlier months are ordinary bills by then). 0 when the last month has passed.
 */
export function prepayCountFrom(currentMonth: string, months: readonly string[]): number {
	const last = months.at(-1);
	if (!last || last < currentMonth) return 0;
	let n = 1;
	while (addMonths(currentMonth, n - 1) < last) n++;
	return n;
}

export type CompletionBlock =
	| { kind: 'items_missing'; items: ChecklistItem[] }
	| { kind: 'months_unpaid'; months: string[] }
	| { kind: 'keys_invalid' };

/**
 * Whether a case may complete: every required item received, the handover months paid, and at
 * least one key handed over. Returns every reason that blocks it (empty = may complete).
 */
export function completionBlocks(args: {
	items: readonly ChecklistItem[];
	received: ReadonlySet<string>;
	monthsPaid: boolean;
	months: readonly string[];
	keys: number;
}): CompletionBlock[] {
	const blocks: CompletionBlock[] = [];
	const missing = missingRequired(args.items, args.received);
	if (missing.length) blocks.push({ kind: 'items_missing', items: missing });
	if (!args.monthsPaid && args.months.length)
		blocks.push({ kind: 'months_unpaid', months: [...args.months] });
	if (!Number.isSafeInteger(args.keys) || args.keys < 1 || args.keys > MAX_KEYS)
		blocks.push({ kind: 'keys_invalid' });
	return blocks;
}

/** Days since the handover notice was sent (null when no notice date is on file). */
export function daysSinceNotice(noticeDate: string | null, today: string): number | null {
	return noticeDate ? daysBetween(noticeDate, today) : null;
}
