import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { MAX_KEYS, MAX_PERSONS } from '../../domain/movein-checklist';
import {
	buildingNoticeSchema,
	completeSchema,
	noteSchema,
	openCaseSchema,
	revokeSchema,
	tickSchema,
	unitNoticeSchema
} from './forms';

describe('move-in form schemas (moved from the routes)', () => {
	it('open: reads checkboxes and persons; a proxy needs a name', () => {
		const ok = parseForm(openCaseSchema(), {
			unitCode: ' 8-1-802 ',
			ownerType: 'individual',
			mortgage: 'on',
			persons: '2'
		});
		expect(ok).toEqual({
			ok: true,
			data: {
				unitCode: '8-1-802',
				ownerType: 'individual',
				mortgage: true,
				proxy: false,
				persons: 2,
				proxyName: '',
				proxyIdNumber: ''
			}
		});
		const noName = parseForm(openCaseSchema(), {
			unitCode: '8-1-802',
			ownerType: 'individual',
			proxy: 'on',
			persons: '1'
		});
		expect(noName.ok).toBe(false);
		if (!noName.ok) expect(Object.keys(noName.errors)).toEqual(['proxyName']);
		for (const persons of ['0', String(MAX_PERSONS + 1), '1.5', 'x'])
			expect(
				parseForm(openCaseSchema(), { unitCode: '8-1-802', ownerType: 'individual', persons }).ok
			).toBe(false);
		expect(
			parseForm(openCaseSchema(), { unitCode: '8-1-802', ownerType: 'alien', persons: '1' }).ok
		).toBe(false);
		expect(
			parseForm(openCaseSchema(), {
				unitCode: '8-1-802',
				ownerType: 'individual',
				persons: '1',
				mortgage: 'yes'
			}).ok
		).toBe(false);
	});

	it('items: a known item code; note and reason required where they say why', () => {
		expect(parseForm(tickSchema(), { itemCode: 'purchase_contract' })).toEqual({
			ok: true,
			data: { itemCode: 'purchase_contract', note: '' }
		});
		expect(parseForm(tickSchema(), { itemCode: 'nonsense' }).ok).toBe(false);
		expect(parseForm(noteSchema(), { itemCode: 'purchase_contract', note: '  ' }).ok).toBe(false);
		expect(
			parseForm(noteSchema(), { itemCode: 'purchase_contract', note: 'copy to follow' }).ok
		).toBe(true);
		expect(parseForm(revokeSchema(), { itemCode: 'purchase_contract', reason: '' }).ok).toBe(false);
		expect(
			parseForm(revokeSchema(), { itemCode: 'purchase_contract', reason: 'x'.repeat(201) }).ok
		).toBe(false);
	});

	it('complete: keys between 1 and MAX_KEYS', () => {
		expect(parseForm(completeSchema(), { keys: '3' })).toEqual({
			ok: true,
			data: { keys: 3, recipient: '' }
		});
		for (const keys of ['0', String(MAX_KEYS + 1), '2.5', ''])
			expect(parseForm(completeSchema(), { keys }).ok).toBe(false);
	});

	it('notice: a real date, a unit or a building', () => {
		expect(parseForm(unitNoticeSchema(), { unitCode: '8-1-802', date: '2026-11-01' }).ok).toBe(
			true
		);
		expect(parseForm(unitNoticeSchema(), { unitCode: '8-1-802', date: '2026-02-30' }).ok).toBe(
			false
		);
		expect(parseForm(buildingNoticeSchema(), { building: '', date: '2026-11-01' }).ok).toBe(false);
		expect(parseForm(buildingNoticeSchema(), { building: '8', date: '2026-11-01' }).ok).toBe(true);
	});
});
