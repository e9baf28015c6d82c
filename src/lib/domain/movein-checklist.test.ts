import { describe, expect, it } from 'vitest';
import {
	buildChecklist,
	completionBlocks,
	daysSinceNotice,
	isItemCode,
	isOwnerType,
	ITEM_CODES,
	missingRequired,
	MOVEIN_OWNER_TYPES,
	prepayCountFrom,
	prepayMonths,
	type ChecklistItem,
	type ItemCode,
	type MoveInOwnerType
} from './movein-checklist';
import { OWNER_TYPES } from '../server/db/schema/core';

/*
 * The expected lists are written out by hand from DOMAIN.md §5 (not derived from the builder):
 * [code, required, form, originals, copies, pieces].
 */
type Row = [ItemCode, boolean, ChecklistItem['form'], number, number, number];

const BASIC: Row[] = [
	['purchase_contract', true, 'original', 1, 0, 0],
	['payment_receipts', true, 'original', 1, 0, 0]
];
const MORTGAGE: Row[] = [
	['loan_contract', true, 'original', 1, 0, 0],
	['mortgage_contract', true, 'original_and_copy', 1, 1, 0],
	['bank_posting_slip', true, 'original', 1, 0, 0]
];
const IDENTITY: Record<MoveInOwnerType, Row[]> = {
	individual: [['owner_id_or_passport', true, 'original_and_copy', 1, 1, 0]],
	foreign: [['foreign_passport_visa', true, 'original_and_copy', 1, 1, 0]],
	hk_mo_tw: [['hk_mo_tw_permit', true, 'original_and_copy', 1, 1, 0]],
	company: [
		['business_licence_duplicate', true, 'original', 1, 0, 0],
		['legal_rep_identity', true, 'original', 1, 0, 0],
		['legal_rep_authorisation', true, 'original', 1, 0, 0],
		['company_seal', true, 'present', 0, 0, 1]
	],
	minor: [
		['guardian_id', true, 'original', 1, 0, 0],
		['household_register', true, 'original', 1, 0, 0],
		['parents_marriage_certificate', true, 'original_or_copy', 1, 0, 0],
		['only_child_certificate', false, 'original_or_copy', 1, 0, 0],
		['medical_birth_certificate', false, 'original_or_copy', 1, 0, 0],
		['police_guardianship_proof', false, 'original_or_copy', 1, 0, 0]
	]
};
const PROXY: Row[] = [
	['proxy_authorisation', true, 'original', 1, 0, 0],
	['proxy_id', true, 'original', 1, 0, 0]
];
const tail = (persons: number): Row[] => [
	['household_photos', true, 'present', 0, 0, 2 * persons],
	['notice_letter_materials', true, 'original', 1, 0, 0],
	['house_balance', true, 'original', 1, 0, 0],
	['maintenance_fund', true, 'original', 1, 0, 0],
	['deed_tax', true, 'original', 1, 0, 0]
];

const GROUP_OF: Record<string, ChecklistItem['group']> = {};
for (const [c] of BASIC) GROUP_OF[c] = 'documents';
for (const [c] of MORTGAGE) GROUP_OF[c] = 'mortgage';
for (const rows of Object.values(IDENTITY)) for (const [c] of rows) GROUP_OF[c] = 'identity';
for (const [c] of PROXY) GROUP_OF[c] = 'proxy';
for (const [c] of tail(1))
	GROUP_OF[c] = ['household_photos', 'notice_letter_materials'].includes(c) ? 'household' : 'fees';

function expected(
	ownerType: MoveInOwnerType,
	mortgage: boolean,
	proxy: boolean,
	persons = 1
): ChecklistItem[] {
	const rows = [
		...BASIC,
		...(mortgage ? MORTGAGE : []),
		...IDENTITY[ownerType],
		...(proxy ? PROXY : []),
		...tail(persons)
	];
	return rows.map(([code, required, form, originals, copies, pieces]) => ({
		code,
		group: GROUP_OF[code],
		required,
		form,
		originals,
		copies,
		pieces
	}));
}

const COMBINATIONS = MOVEIN_OWNER_TYPES.flatMap((ownerType) =>
	[false, true].flatMap((mortgage) =>
		[false, true].map((proxy) => ({ ownerType, mortgage, proxy }))
	)
);

describe('buildChecklist: every owner type × mortgage × proxy', () => {
	it('covers 20 combinations', () => {
		expect(COMBINATIONS).toHaveLength(20);
	});

	it.each(COMBINATIONS)(
		'$ownerType, mortgage=$mortgage, proxy=$proxy',
		({ ownerType, mortgage, proxy }) => {
			const items = buildChecklist({ ownerType, mortgage, proxy });
			expect(items).toEqual(expected(ownerType, mortgage, proxy));
			// Codes are unique, known and listed in ITEM_CODES order (the printing order).
			const codes = items.map((i) => i.code);
			expect(new Set(codes).size).toBe(codes.length);
			const positions = codes.map((c) => ITEM_CODES.indexOf(c));
			expect(positions.every((p) => p >= 0)).toBe(true);
			expect([...positions].sort((a, b) => a - b)).toEqual(positions);
			// Mortgage and proxy items appear exactly when asked for.
			expect(codes.includes('mortgage_contract')).toBe(mortgage);
			expect(codes.includes('loan_contract')).toBe(mortgage);
			expect(codes.includes('bank_posting_slip')).toBe(mortgage);
			expect(codes.includes('proxy_authorisation')).toBe(proxy);
			expect(codes.includes('proxy_id')).toBe(proxy);
			// Always there: contract, receipts, photos, letter, the three handover fees.
			for (const c of [
				'purchase_contract',
				'payment_receipts',
				'household_photos',
				'notice_letter_materials',
				'house_balance',
				'maintenance_fund',
				'deed_tax'
			] as const) {
				expect(codes).toContain(c);
			}
			// Identity items of other owner types never leak in.
			for (const other of MOVEIN_OWNER_TYPES.filter((t) => t !== ownerType)) {
				for (const [c] of IDENTITY[other]) expect(codes).not.toContain(c);
			}
			// Optional items exist only for minors.
			expect(items.some((i) => !i.required)).toBe(ownerType === 'minor');
			// Shape: documents have one original, copies only with original_and_copy; presented things have pieces.
			for (const i of items) {
				if (i.form === 'present') expect(i.pieces).toBeGreaterThan(0);
				else expect([i.originals, i.pieces]).toEqual([1, 0]);
				expect(i.copies).toBe(i.form === 'original_and_copy' ? 1 : 0);
			}
		}
	);

	it('every item code is used by some combination', () => {
		const used = new Set(COMBINATIONS.flatMap((c) => buildChecklist(c).map((i) => i.code)));
		expect([...used].sort()).toEqual([...ITEM_CODES].sort());
	});

	it('company owner with mortgage through a proxy, in full', () => {
		expect(
			buildChecklist({ ownerType: 'company', mortgage: true, proxy: true }).map((i) => i.code)
		).toEqual([
			'purchase_contract',
			'payment_receipts',
			'loan_contract',
			'mortgage_contract',
			'bank_posting_slip',
			'business_licence_duplicate',
			'legal_rep_identity',
			'legal_rep_authorisation',
			'company_seal',
			'proxy_authorisation',
			'proxy_id',
			'household_photos',
			'notice_letter_materials',
			'house_balance',
			'maintenance_fund',
			'deed_tax'
		]);
	});
});

describe('buildChecklist: photos and bad input', () => {
	it.each([1, 2, 3, 5, 20])('two one-inch photos per person (%i persons)', (persons) => {
		for (const c of COMBINATIONS) {
			const photos = buildChecklist({ ...c, persons }).find((i) => i.code === 'household_photos');
			expect(photos?.pieces).toBe(2 * persons);
			expect(buildChecklist({ ...c, persons })).toEqual(
				expected(c.ownerType, c.mortgage, c.proxy, persons)
			);
		}
	});

	it.each([0, -1, 1.5, 21, Number.NaN])('refuses persons = %s', (persons) => {
		expect(() =>
			buildChecklist({ ownerType: 'individual', mortgage: false, proxy: false, persons })
		).toThrow(RangeError);
	});

	it('refuses an unknown owner type', () => {
		expect(() =>
			buildChecklist({ ownerType: 'alien' as MoveInOwnerType, mortgage: false, proxy: false })
		).toThrow(RangeError);
	});

	it('owner types match the schema enum; guards', () => {
		expect([...MOVEIN_OWNER_TYPES]).toEqual([...OWNER_TYPES]);
		expect(isOwnerType('company')).toBe(true);
		expect(isOwnerType('Company')).toBe(false);
		expect(isItemCode('deed_tax')).toBe(true);
		expect(isItemCode('deed')).toBe(false);
		expect(isItemCode(undefined)).toBe(false);
	});
});

describe('missingRequired / completionBlocks', () => {
	const items = buildChecklist({ ownerType: 'minor', mortgage: false, proxy: false });
	const required = items.filter((i) => i.required).map((i) => i.code);

	it('lists required items not received, in order; optional ones never block', () => {
		expect(missingRequired(items, new Set()).map((i) => i.code)).toEqual(required);
		expect(missingRequired(items, new Set(required))).toEqual([]);
		expect(missingRequired(items, new Set(required.slice(1))).map((i) => i.code)).toEqual([
			required[0]
		]);
	});

	it('blocks on items, unpaid months and keys; passes when all are fine', () => {
		const months = prepayMonths('2026-11', 6);
		expect(
			completionBlocks({ items, received: new Set(required), monthsPaid: true, months, keys: 2 })
		).toEqual([]);
		const blocks = completionBlocks({
			items,
			received: new Set(),
			monthsPaid: false,
			months,
			keys: 0
		});
		expect(blocks.map((b) => b.kind)).toEqual(['items_missing', 'months_unpaid', 'keys_invalid']);
		expect(
			completionBlocks({
				items,
				received: new Set(required),
				monthsPaid: true,
				months,
				keys: 51
			}).map((b) => b.kind)
		).toEqual(['keys_invalid']);
		expect(
			completionBlocks({
				items,
				received: new Set(required),
				monthsPaid: true,
				months,
				keys: 1.5
			}).map((b) => b.kind)
		).toEqual(['keys_invalid']);
		// No months to collect (setting 0): nothing to pay.
		expect(
			completionBlocks({
				items,
				received: new Set(required),
				monthsPaid: false,
				months: [],
				keys: 1
			})
		).toEqual([]);
	});
});

describe('months', () => {
	it('prepayMonths counts from the start month across the year end', () => {
		expect(prepayMonths('2026-11', 6)).toEqual([
			'2026-11',
			'2026-12',
			'2027-01',
			'2027-02',
			'2027-03',
			'2027-04'
		]);
		expect(prepayMonths('2026-01', 0)).toEqual([]);
		expect(() => prepayMonths('2026-13', 6)).toThrow(RangeError);
		expect(() => prepayMonths('2026-11', -1)).toThrow(RangeError);
	});

	it('prepayCountFrom covers up to the last month from the current one', () => {
		const months = prepayMonths('2026-11', 6);
		expect(prepayCountFrom('2026-11', months)).toBe(6);
		expect(prepayCountFrom('2026-12', months)).toBe(5);
		expect(prepayCountFrom('2027-04', months)).toBe(1);
		expect(prepayCountFrom('2027-05', months)).toBe(0);
		expect(prepayCountFrom('2026-10', months)).toBe(7);
		expect(prepayCountFrom('2026-11', [])).toBe(0);
	});

	it('daysSinceNotice', () => {
		expect(daysSinceNotice('2025-06-15', '2026-11-23')).toBe(526);
		expect(daysSinceNotice('2026-11-23', '2026-11-23')).toBe(0);
		expect(daysSinceNotice(null, '2026-11-23')).toBeNull();
	});
});
