import { describe, it, expect } from 'vitest';
import { parseForm } from '../forms';
import {
	applicationSchema,
	parseDeductions,
	parseRefund,
	parseWallArea,
	parseWorkers,
	toApplicationInput
} from './forms';
import { translateError } from '../refusal';
import { RenovationError } from './errors';

const IDEM = '0f8fad5b-d9cb-469f-a165-70867728950e';

function fd(entries: Record<string, string>): FormData {
	const f = new FormData();
	for (const [k, v] of Object.entries(entries)) f.append(k, v);
	return f;
}

const base = {
	unitCode: ' 5-1-101 ',
	applicantKind: 'owner',
	contractorKind: 'self',
	plannedStart: '2026-11-23',
	plannedEnd: '2027-01-31',
	scope: '铺地板',
	wallDemolition: 'no',
	doc_design_drawings: 'on',
	doc_construction_drawings: 'on',
	idem: IDEM
};

describe('application form', () => {
	it('accepts an owner’s 自装 application without the hidden fields', () => {
		const r = parseForm(applicationSchema, fd(base));
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect(toApplicationInput(r.data)).toMatchObject({
			unitCode: '5-1-101',
			selfRenovation: true,
			contractorName: '',
			wallDemolition: false,
			documents: {
				design_drawings: true,
				construction_drawings: true,
				contractor_qualification: false,
				business_licence: false
			}
		});
	});

	it('a contractor needs name and licence; a designee name, phone and relation; dates in order', () => {
		const r = parseForm(
			applicationSchema,
			fd({
				...base,
				contractorKind: 'contractor',
				applicantKind: 'designee',
				plannedEnd: '2026-11-01'
			})
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(
			[
				'applicantName',
				'applicantPhone',
				'applicantRelation',
				'contractorLicence',
				'contractorName',
				'plannedEnd'
			].sort()
		);
	});

	it('refuses bad dates, markup and a stale token', () => {
		const r = parseForm(
			applicationSchema,
			fd({ ...base, plannedStart: '2026-02-30', scope: '<script>', idem: 'x' })
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['idem', 'plannedStart', 'scope']);
	});
});

describe('worker rows', () => {
	const row = (i: number, over: Record<string, string> = {}) => ({
		[`w${i}_name`]: '赵建军',
		[`w${i}_id`]: '330102 19850715123x',
		[`w${i}_phone`]: '13957100001',
		[`w${i}_idcopy`]: 'on',
		[`w${i}_photo`]: 'on',
		[`w${i}_expiry`]: '2027-01-31',
		...over
	});

	it('reads filled rows, skips blank ones and remembers their form row', () => {
		const r = parseWorkers(
			fd({
				workers: '3',
				...row(0),
				w1_name: '',
				w1_id: '',
				w1_phone: '',
				...row(2, { w2_name: '钱小兵' })
			})
		);
		expect(r).toMatchObject({ ok: true, rows: [0, 2] });
		if (!r.ok) return;
		expect(r.workers[0]).toEqual({
			name: '赵建军',
			idNumber: '33010219850715123X',
			phone: '13957100001',
			idCopyOnFile: true,
			photoOnFile: true,
			expiresOn: '2027-01-31'
		});
	});

	it('marks bad IDs, phones, dates and missing photo/ID copy per field', () => {
		const r = parseWorkers(
			fd({
				workers: '1',
				...row(0, { w0_id: '12345', w0_phone: 'abc', w0_expiry: '2027-13-01', w0_photo: '' })
			})
		);
		expect(r.ok).toBe(false);
		if (r.ok) return;
		expect(Object.keys(r.errors).sort()).toEqual(['w0_expiry', 'w0_id', 'w0_phone', 'w0_photo']);
	});

	it('ignores an absurd row count', () => {
		expect(parseWorkers(fd({ workers: '100000', ...row(0) }))).toEqual({
			ok: true,
			workers: [],
			rows: []
		});
	});

	it('maps a refusal back to the form row it came from', () => {
		const e = new RenovationError('duplicate_worker', {
			row: 2,
			name: '钱小兵',
			passNo: 'CR-2026-0001',
			unit: '5-1-101'
		});
		expect(Object.keys(translateError(e, { rows: [0, 2] })!.errors)).toEqual(['w2_id']);
		expect(translateError(new Error('boom'))).toBeNull();
	});
});

describe('deductions, refund and wall area', () => {
	it('deductions need a description and a valid amount in yuan', async () => {
		expect(
			await parseDeductions(
				fd({ deductions: '2', d0_desc: '电梯划伤', d0_amount: '300', d1_desc: '', d1_amount: '' })
			)
		).toEqual({
			ok: true,
			deductions: [{ description: '电梯划伤', amountFen: 30000, photos: [] }],
			rows: [0]
		});
		const bad = await parseDeductions(
			fd({ deductions: '2', d0_desc: '', d0_amount: '1', d1_desc: 'x', d1_amount: '-3' })
		);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['d0_desc', 'd1_amount']);
	});

	it('a deduction carries its photo file; a photo alone still needs the description and amount', async () => {
		const form = fd({
			deductions: '3',
			d0_desc: '电梯划伤',
			d0_amount: '300',
			d1_desc: '',
			d1_amount: '',
			d2_desc: '',
			d2_amount: ''
		});
		form.append(
			'd0_photo',
			new File([new Uint8Array([1, 2, 3])], 'lift.png', { type: 'image/png' })
		);
		form.append('d1_photo', new File([], '')); // what a browser sends for an empty file input
		const ok = await parseDeductions(form);
		expect(ok).toEqual({
			ok: true,
			deductions: [
				{
					description: '电梯划伤',
					amountFen: 30000,
					photos: [{ name: 'lift.png', bytes: new Uint8Array([1, 2, 3]) }]
				}
			],
			rows: [0]
		});
		form.append('d2_photo', new File([new Uint8Array([4])], 'wall.jpg'));
		const bad = await parseDeductions(form);
		expect(bad.ok).toBe(false);
		if (!bad.ok) expect(Object.keys(bad.errors).sort()).toEqual(['d2_amount', 'd2_desc']);
	});

	it('refund method: none allowed (nothing paid out), an unknown one refused', () => {
		expect(parseRefund(fd({ refundMethod: '', idem: IDEM }))).toMatchObject({
			ok: true,
			refund: { method: null }
		});
		expect(parseRefund(fd({ refundMethod: 'bitcoin', idem: IDEM })).ok).toBe(false);
		expect(parseRefund(fd({ refundMethod: 'cash', idem: 'nope' })).ok).toBe(false);
	});

	it('wall area: negative and unreadable input refused, none when not planned', () => {
		expect(parseWallArea(fd({ wallArea: '12.5' }), true)).toEqual({ ok: true, centi: 1250 });
		expect(parseWallArea(fd({ wallArea: '-5' }), true).ok).toBe(false);
		expect(parseWallArea(fd({ wallArea: 'abc' }), true).ok).toBe(false);
		expect(parseWallArea(fd({ wallArea: '-5' }), false)).toEqual({ ok: true, centi: 0 });
	});
});
