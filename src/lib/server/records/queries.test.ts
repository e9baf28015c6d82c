import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import {
	addVehicle,
	assignSpace,
	buildings,
	createSpace,
	listPeople,
	listSpaces,
	listUnits,
	listVehicles,
	unitRecord
} from './index';

let db: Db;
let f: Fixture;
const NOW = Date.parse('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
});

const codes = (filter: Partial<{ building: string; entrance: string; q: string }>) =>
	listUnits(db, f.communityId, { building: '', entrance: '', q: '', ...filter }, TODAY).rows.map(
		(r) => r.code
	);

describe('record lists (the SQL of records/sql.ts)', () => {
	it('lists units by building, entrance, code prefix, owner name or phone digits (from 4)', () => {
		expect(buildings(db, f.communityId)).toEqual([{ building: '1', entrances: ['1'], units: 3 }]);
		expect(codes({})).toEqual(['1-1-101', '1-1-102', '1-1-201']);
		expect(
			listUnits(db, f.communityId, { building: '', entrance: '', q: '' }, TODAY).rows[0]
		).toMatchObject({ code: '1-1-101', owners: '张伟' });
		expect(codes({ building: '1', entrance: '1' })).toHaveLength(3);
		expect(codes({ building: '2' })).toEqual([]);
		expect(codes({ q: '1-1-2' })).toEqual(['1-1-201']);
		expect(codes({ q: '李' })).toEqual(['1-1-102']);
		expect(codes({ q: '0003' })).toEqual(['1-1-201']);
		// Three digits are too few to search phones; LIKE wildcards are taken literally.
		expect(codes({ q: '003' })).toEqual([]);
		expect(codes({ q: '%' })).toEqual([]);
	});

	it('finds people by name, phone or ID number, with the units they hold today', () => {
		expect(listPeople(db, f.communityId, '', TODAY)).toHaveLength(3);
		const [p] = listPeople(db, f.communityId, '张', TODAY);
		expect(p).toMatchObject({ name: '张伟', units: '1-1-101' });
		expect(p.idMasked).not.toContain('330100198001010000');
		expect(listPeople(db, f.communityId, '330100198001010001', TODAY)).toMatchObject([
			{ name: '李娜' }
		]);
	});

	it('finds a person by the last digits of the ID number (from 4, any case), not by its middle', () => {
		db.$client
			.prepare(
				`UPDATE owners SET id_number = '11010519491231002X', phone = '13912345678' WHERE id = ?`
			)
			.run(f.ownerIds[2]);
		const names = (q: string) => listPeople(db, f.communityId, q, TODAY).map((p) => p.name);
		expect(names('002x')).toEqual(['王芳']);
		expect(names('1231002X')).toEqual(['王芳']);
		expect(names('11010519491231002X')).toEqual(['王芳']);
		expect(names('4912')).toEqual([]);
		expect(names('02X')).toEqual([]);
	});

	it('shows a space with its holder and a vehicle on the unit’s record', () => {
		const actor = { id: f.managerId, communityId: f.communityId };
		createSpace(db, actor, { code: 'B-001', areaCenti: 1250, kind: 'underground' }, NOW);
		assignSpace(
			db,
			actor,
			{ spaceCode: 'B-001', unitCode: '1-1-102', holding: 'rented', startDate: TODAY, reason: '' },
			NOW
		);
		addVehicle(
			db,
			actor,
			{
				plate: '浙A12345',
				unitCode: '1-1-102',
				spaceCode: 'B-001',
				personId: null,
				startDate: TODAY
			},
			NOW
		);
		expect(listSpaces(db, f.communityId, TODAY)).toMatchObject([
			{ code: 'B-001', unitCode: '1-1-102', holding: 'rented', startDate: TODAY }
		]);
		expect(listVehicles(db, f.communityId)).toMatchObject([
			{ plate: '浙A12345', spaceCode: 'B-001' }
		]);
		const r = unitRecord(db, f.communityId, f.unitIds[1], TODAY)!;
		expect(r.spaces).toMatchObject([{ code: 'B-001', holding: 'rented', endDate: null }]);
		expect(r.vehicles).toMatchObject([{ plate: '浙A12345', unitCode: '1-1-102' }]);
		expect(r.ties).toMatchObject([{ name: '李娜', role: 'owner', current: true }]);
		expect(r.audit.map((a) => a.action)).toEqual([]);
	});
});
