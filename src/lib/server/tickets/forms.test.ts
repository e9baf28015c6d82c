import { describe, expect, it } from 'vitest';
import {
	actionSchemas,
	editSchema,
	intakeSchema,
	parseTicketForm,
	residentReportFields,
	residentReportSchema
} from './forms';
import { parseForm } from '../forms';

// The tickets forms' rules, moved from the FieldReader into zod schemas (issue 12).
const NOW = Date.UTC(2026, 10, 23, 1, 0); // 2026-11-23 09:00 in Shanghai
const TZ = 'Asia/Shanghai';
const units: Record<string, { id: number; code: string }> = {
	'1-1-101': { id: 1, code: '1-1-101' }
};
const findUnit = (code: string) => units[code] ?? null;
const staffIntake = intakeSchema({ timeZone: TZ, now: NOW, residentUnitCode: null, findUnit });
const base = {
	kind: 'property',
	source: 'counter',
	reporterName: '张伟',
	reporterPhone: '13800000001',
	text: '灯坏了',
	unitCode: '1-1-101'
};

describe('intake schema', () => {
	it('reads a counter report: trimmed values, unit codes as typed with full-width dashes, dispatch at once', () => {
		const r = parseTicketForm(staffIntake, {
			...base,
			unitCode: ' 1－1－101 ',
			reporterName: ' 张伟 ',
			department: 'cleaning',
			assignee: '王'
		});
		expect(r).toMatchObject({
			ok: true,
			data: {
				unit: { id: 1 },
				reporterName: '张伟',
				urgency: 'normal',
				receivedAt: NOW,
				dispatch: { department: 'cleaning', assignee: '王' },
				answer: ''
			}
		});
	});
	it('collects one error per field, rules across fields included', () => {
		const r = parseTicketForm(staffIntake, {
			...base,
			unitCode: '',
			location: '',
			reporterPhone: 'x',
			kind: 'x'.repeat(101),
			department: 'cleaning'
		});
		expect(r).toMatchObject({
			ok: false,
			errors: {
				location: { code: 'location_required' },
				reporterPhone: { code: 'phone' },
				kind: { code: 'too_long', max: 100 },
				assignee: { code: 'required' }
			}
		});
	});
	it('a resident reports for their own unit, received when sent; dispatch fields are ignored', () => {
		const own = intakeSchema({ timeZone: TZ, now: NOW, residentUnitCode: '1-1-101', findUnit });
		expect(parseTicketForm(own, { ...base, source: 'kiosk', unitCode: '1-1-102' })).toMatchObject({
			ok: false,
			errors: { unitCode: { code: 'resident_unit' } }
		});
		expect(
			parseTicketForm(own, { ...base, source: 'kiosk', receivedAt: 'garbage', department: 'spa' })
		).toMatchObject({ ok: true, data: { receivedAt: NOW, dispatch: null } });
	});
});

describe('action schemas', () => {
	const s = actionSchemas({ timeZone: TZ, now: NOW, earliest: NOW - 3_600_000, resident: false });
	it('the time it happened: empty is now; not in the future, not before the step it follows', () => {
		expect(parseTicketForm(s.approve, {})).toMatchObject({ ok: true, data: { at: NOW } });
		expect(parseTicketForm(s.approve, { at: '2026-11-23T09:01' })).toMatchObject({
			errors: { at: { code: 'time_future' } }
		});
		expect(parseTicketForm(s.approve, { at: '2026-11-23T07:59' })).toMatchObject({
			errors: { at: { code: 'time_before', at: NOW - 3_600_000 } }
		});
		expect(parseTicketForm(s.approve, { at: 'soon' })).toMatchObject({
			errors: { at: { code: 'time_format' } }
		});
	});
	it('a resident rates a visit now; the method and visitor are not read', () => {
		const r = actionSchemas({ timeZone: TZ, now: NOW, resident: true });
		expect(
			parseTicketForm(r.return_visit, { rating: 'satisfied', at: 'garbage', method: 'x' })
		).toMatchObject({ ok: true, data: { method: 'kiosk', at: NOW } });
	});
});

describe('edit schema', () => {
	const common = editSchema({ unitId: null, location: '3 号楼大堂', findUnit });
	it('checks the value as that field is checked at intake', () => {
		expect(parseTicketForm(common, { field: 'reporterPhone', value: 'call me' })).toMatchObject({
			errors: { value: { code: 'phone' } }
		});
		expect(parseTicketForm(common, { field: 'location', value: '' })).toMatchObject({
			errors: { value: { code: 'location_required' } }
		});
		expect(parseTicketForm(common, { field: 'unit', value: '9-9-999' })).toMatchObject({
			errors: { value: { code: 'unknown_unit', unit: '9-9-999' } }
		});
		expect(parseTicketForm(common, { field: 'unit', value: '1—1—101' })).toMatchObject({
			ok: true,
			data: { field: 'unit', value: '1-1-101', unitId: 1 }
		});
		expect(parseTicketForm(common, { field: 'text', value: 'x' })).toMatchObject({
			errors: { field: { code: 'invalid' } }
		});
	});
});

describe("a resident's report (kiosk and phone)", () => {
	const say = (issue: { path: PropertyKey[] }) => String(issue.path[0]);
	it('reads the resident’s fields: trimmed, a place only for common areas, urgent as 1 or empty', () => {
		const r = parseForm(
			residentReportSchema,
			{ kind: 'engineering', where: 'home', location: ' x ', text: ' 漏水 ', urgent: 'yes' },
			say
		);
		expect(r).toEqual({
			ok: true,
			data: { kind: 'engineering', where: 'home', location: 'x', text: '漏水', urgent: '' }
		});
	});
	it('refuses an unknown kind, a common area without a place and an empty text, each on its field', () => {
		const r = parseForm(residentReportSchema, { kind: 'party', where: 'common', text: '  ' }, say);
		expect(r.ok).toBe(false);
		if (!r.ok) expect(r.errors).toEqual({ kind: 'kind', location: 'location', text: 'text' });
	});
	it('gives back what was typed, cut one past the limit (so "too long" is still seen later)', () => {
		const v = residentReportFields.parse({ text: 'x'.repeat(5000), where: 'elsewhere' });
		expect(v.where).toBe('home');
		expect(v.kind).toBe('');
		expect(v.text.length).toBeLessThan(5000);
	});
});
