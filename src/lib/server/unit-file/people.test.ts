import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { transferInFixture } from '../records/test-fixture';
import { unitFile } from './index';

/*
 * The unit file's people on a date, by the one as-of rule (`tieInForce`), never "end_date IS
 * NULL": a tie that ends next year is in force today, one that starts next year is not yet.
 */
let db: Db;
let f: Fixture;
const NOW = Date.parse('2026-11-23T02:00:00Z');
const TODAY = '2026-11-23';

const fileOf = (unit: number, asOf = TODAY) =>
	unitFile(db, f.communityId, f.unitIds[unit], { asOf, timeZone: 'Asia/Shanghai', now: NOW })!;
const people = (unit: number, asOf = TODAY) =>
	fileOf(unit, asOf).ties.map((t) => ({
		name: t.name,
		role: t.role,
		current: t.current,
		others: t.otherUnits.map((o) => o.code)
	}));

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	const sql = (text: string, ...args: (string | number)[]) => db.$client.prepare(text).run(...args);
	sql(`UPDATE unit_owners SET start_date = '2020-05-01' WHERE unit_id = ?`, f.unitIds[0]);
	// 李娜 has sold 1-1-102 with effect from New Year (recorded ahead), and buys 1-1-101 in October.
	sql(`UPDATE unit_owners SET end_date = '2027-01-01' WHERE unit_id = ?`, f.unitIds[1]);
	transferInFixture(db, f, { unit: 0, date: '2026-10-15', newOwner: 1 }, NOW);
	// 王芳 (owner of 1-1-201) co-owns 1-1-101 only from February.
	sql(
		`INSERT INTO unit_owners (unit_id, owner_id, role, start_date) VALUES (?, ?, 'co_owner', '2027-02-01')`,
		f.unitIds[0],
		f.ownerIds[2]
	);
});

describe('unit file: people as of the file’s date', () => {
	it('after a 过户: the new owner is current with the unit she still holds, the old one past, a future tie not yet', () => {
		expect(people(0)).toEqual([
			{ name: '李娜', role: 'owner', current: true, others: ['1-1-102'] },
			{ name: '王芳', role: 'co_owner', current: false, others: ['1-1-201'] },
			{ name: '张伟', role: 'owner', current: false, others: [] }
		]);
	});

	it('a tie starting next year is no other unit of hers today; one ended is none after', () => {
		expect(people(2)).toEqual([{ name: '王芳', role: 'owner', current: true, others: [] }]);
		expect(people(1)[0]).toMatchObject({ name: '李娜', current: true, others: ['1-1-101'] });
		// In March: 李娜 has left 1-1-102, 王芳 co-owns 1-1-101.
		expect(people(0, '2027-03-01')).toEqual([
			{ name: '李娜', role: 'owner', current: true, others: [] },
			{ name: '王芳', role: 'co_owner', current: true, others: ['1-1-201'] },
			{ name: '张伟', role: 'owner', current: false, others: [] }
		]);
		expect(people(1, '2027-03-01')[0]).toMatchObject({ name: '李娜', current: false });
	});
});
