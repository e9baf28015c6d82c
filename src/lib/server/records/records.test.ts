import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { identifyResident } from '../auth/resident';
import { resetFailureAudit } from '../audit';
import { unitAccount } from '../fees';
import { ownerDateOfMonth } from '../../domain/records';
import {
	RecordsError,
	addTie,
	correctPhone,
	createPerson,
	endTie,
	personRecord,
	reviewTransfer,
	transferOwnership,
	unitRecord,
	unitTiesAsOf,
	unitsTiesAsOf,
	updateUnit,
	type NewTie,
	type PersonFields,
	type TransferInput
} from './index';
import { seedRecords } from './seed';

let db: Db;
let f: Fixture;
const NOW = Date.parse('2026-11-23T02:00:00Z'); // 2026-11-23 in Shanghai
const TODAY = '2026-11-23';

const person = (name: string, phone: string): PersonFields => ({
	name,
	phone,
	idType: 'id_card',
	idNumber: '11010519491231002X',
	ownerType: 'individual',
	note: ''
});

/** A tie of the person to unit 1-1-101, open-ended, with no reason given. */
const tieTo = (
	personId: number,
	role: NewTie['role'],
	startDate: string | null = null
): NewTie => ({
	unitId: f.unitIds[0],
	personId,
	role,
	startDate,
	endDate: null,
	reason: ''
});

/** Unit 1-1-101 sold today to an existing person, the old household ended. */
const saleTo = (newOwnerId: number, reason = ''): TransferInput => ({
	unitId: f.unitIds[0],
	date: TODAY,
	newOwnerId,
	newPerson: null,
	endHousehold: true,
	reason
});

function actor() {
	return { id: f.managerId, communityId: f.communityId };
}

function auditRows(action: string) {
	return db.$client
		.prepare(
			'SELECT actor_id AS actorId, target_id AS targetId, detail FROM audit_log WHERE action = ?'
		)
		.all(action) as { actorId: number; targetId: string; detail: string }[];
}

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	resetFailureAudit();
	// The fixture's ties carry no dates: say the first owner holds 1-1-101 since 2020.
	db.$client
		.prepare(`UPDATE unit_owners SET start_date = '2020-05-01' WHERE unit_id = ?`)
		.run(f.unitIds[0]);
});

describe('transferOwnership (过户)', () => {
	it('ends the old owner tie and starts the new one on the same day, in one step with audit', () => {
		const { newOwnerId, ended } = transferOwnership(
			db,
			actor(),
			{
				unitId: f.unitIds[0],
				date: '2026-11-01',
				newOwnerId: null,
				newPerson: person('赵新', '13911112222'),
				endHousehold: true,
				reason: '二手房买卖，已核对不动产权证'
			},
			NOW
		);
		expect(ended).toHaveLength(1);
		const all = db.$client
			.prepare(
				'SELECT owner_id AS ownerId, role, start_date AS s, end_date AS e, end_reason AS r FROM unit_owners WHERE unit_id = ? ORDER BY id'
			)
			.all(f.unitIds[0]);
		expect(all).toEqual([
			{ ownerId: f.ownerIds[0], role: 'owner', s: '2020-05-01', e: '2026-11-01', r: 'transfer' },
			{ ownerId: newOwnerId, role: 'owner', s: '2026-11-01', e: null, r: null }
		]);
		const [row] = auditRows('records.transfer');
		expect(row.actorId).toBe(f.managerId);
		expect(JSON.parse(row.detail)).toMatchObject({
			date: '2026-11-01',
			from: [f.ownerIds[0]],
			to: newOwnerId,
			reason: '二手房买卖，已核对不动产权证'
		});
	});

	it('bills before the date stay with the old owner; the month of a transfer on the 1st goes to the new one', () => {
		const { newOwnerId } = transferOwnership(
			db,
			actor(),
			{
				unitId: f.unitIds[0],
				date: '2026-11-01',
				newOwnerId: f.ownerIds[1],
				newPerson: null,
				endHousehold: false,
				reason: '过户'
			},
			NOW
		);
		expect(newOwnerId).toBe(f.ownerIds[1]);
		const ownerOf = (month: string) =>
			unitTiesAsOf(db, f.unitIds[0], ownerDateOfMonth(month), ['owner']).map((t) => t.ownerId);
		expect(ownerOf('2026-10')).toEqual([f.ownerIds[0]]);
		expect(ownerOf('2026-11')).toEqual([f.ownerIds[1]]);
		expect(unitTiesAsOf(db, f.unitIds[0], '2026-10-31').map((t) => t.name)).toEqual(['张伟']);
		expect(unitTiesAsOf(db, f.unitIds[0], '2026-11-01').map((t) => t.name)).toEqual(['李娜']);
		// The counter's fee account names the owner of its as-of day.
		expect(unitAccount(db, f.communityId, f.unitIds[0], '2026-10-15')!.owners[0].name).toBe('张伟');
		expect(unitAccount(db, f.communityId, f.unitIds[0], TODAY)!.owners[0].name).toBe('李娜');
		// The new owner now holds two units, the old one none today.
		const many = unitsTiesAsOf(db, f.unitIds, TODAY, ['owner']);
		expect(many.get(f.unitIds[0])!.map((t) => t.ownerId)).toEqual([f.ownerIds[1]]);
		const li = personRecord(db, f.communityId, f.ownerIds[1], TODAY)!;
		expect(li.ties.filter((t) => t.current).map((t) => t.unitCode)).toEqual(['1-1-101', '1-1-102']);
		const zhang = personRecord(db, f.communityId, f.ownerIds[0], TODAY)!;
		expect(zhang.ties).toMatchObject([
			{ unitCode: '1-1-101', current: false, endReason: 'transfer' }
		]);
	});

	it('refuses a date before the current ownership began, a future date, or the same owner, and writes nothing', () => {
		const base = {
			unitId: f.unitIds[0],
			newOwnerId: f.ownerIds[1],
			newPerson: null,
			endHousehold: true,
			reason: 'x'
		};
		const code = codeOf(RecordsError);
		expect(code(() => transferOwnership(db, actor(), { ...base, date: '2019-01-01' }, NOW))).toBe(
			'date_before_tie'
		);
		expect(code(() => transferOwnership(db, actor(), { ...base, date: '2026-11-24' }, NOW))).toBe(
			'date_future'
		);
		expect(
			code(() =>
				transferOwnership(db, actor(), { ...base, newOwnerId: f.ownerIds[0], date: TODAY }, NOW)
			)
		).toBe('same_owner');
		expect(
			code(() =>
				transferOwnership(
					db,
					actor(),
					{
						...base,
						newOwnerId: null,
						newPerson: person('某', '13900000000'),
						unitId: 999999,
						date: TODAY
					},
					NOW
				)
			)
		).toBe('unit_not_found');
		expect(unitTiesAsOf(db, f.unitIds[0], TODAY).map((t) => t.ownerId)).toEqual([f.ownerIds[0]]);
		expect(auditRows('records.transfer')).toHaveLength(0);
		expect(db.$client.prepare(`SELECT COUNT(*) AS n FROM owners WHERE name = '某'`).get()).toEqual({
			n: 0
		});
	});

	it('the review shows what the transfer would end and who would own, and writes nothing', () => {
		const input = {
			unitId: f.unitIds[0],
			date: '2026-11-01',
			newOwnerId: null,
			newPerson: person('赵新', '13911112222'),
			endHousehold: true,
			reason: '过户'
		};
		expect(reviewTransfer(db, actor(), input, NOW)).toEqual({
			date: '2026-11-01',
			newOwner: '赵新',
			ending: [{ name: '张伟', role: 'owner' }]
		});
		expect(unitTiesAsOf(db, f.unitIds[0], TODAY).map((t) => t.name)).toEqual(['张伟']);
		expect(auditRows('records.transfer')).toHaveLength(0);
		expect(
			db.$client.prepare(`SELECT COUNT(*) AS n FROM owners WHERE name = '赵新'`).get()
		).toEqual({
			n: 0
		});
		expect(() => reviewTransfer(db, actor(), { ...input, date: '2030-01-01' }, NOW)).toThrow(
			RecordsError
		);
	});

	it('ends the old household with the owners when asked, and keeps a tenant', () => {
		const wife = createPerson(db, actor(), person('张妻', '13900000011'), NOW);
		const tenant = createPerson(db, actor(), person('租客', '13900000012'), NOW);
		addTie(db, actor(), tieTo(wife, 'household', '2020-05-01'), NOW);
		addTie(db, actor(), tieTo(tenant, 'tenant', '2026-01-01'), NOW);
		transferOwnership(db, actor(), saleTo(f.ownerIds[2]), NOW);
		expect(unitTiesAsOf(db, f.unitIds[0], TODAY).map((t) => [t.name, t.role])).toEqual([
			['王芳', 'owner'],
			['租客', 'tenant']
		]);
	});
});

describe('kiosk identification after a transfer', () => {
	it('the old owner’s phone no longer opens the unit; the new owner’s does', () => {
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'k', NOW).ok).toBe(true);
		const newOwner = createPerson(db, actor(), person('赵新', '13911112222'), NOW);
		transferOwnership(db, actor(), saleTo(newOwner, '过户'), NOW);
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'k2', NOW).ok).toBe(false);
		expect(identifyResident(db, f.communityId, '1-1-101', '2222', 'k3', NOW)).toMatchObject({
			ok: true,
			unitId: f.unitIds[0]
		});
	});

	it('an ended tenancy and an emergency contact do not identify; a current tenant does', () => {
		const tenant = createPerson(db, actor(), person('租客', '13900000077'), NOW);
		const contact = createPerson(db, actor(), person('紧急', '13900000088'), NOW);
		const tie = addTie(db, actor(), tieTo(tenant, 'tenant', '2026-01-01'), NOW);
		addTie(db, actor(), tieTo(contact, 'emergency'), NOW);
		expect(identifyResident(db, f.communityId, '1-1-101', '0077', 'a', NOW).ok).toBe(true);
		expect(identifyResident(db, f.communityId, '1-1-101', '0088', 'b', NOW).ok).toBe(false);
		endTie(db, actor(), tie, TODAY, 'lease_ended', '租约到期', NOW);
		expect(identifyResident(db, f.communityId, '1-1-101', '0077', 'c', NOW).ok).toBe(false);
	});
});

describe('endTie', () => {
	it('ends a lease early, but not one already over nor after its end', () => {
		const tenant = createPerson(db, actor(), person('租客', '13900000077'), NOW);
		const lease = { unitId: f.unitIds[1], personId: tenant, role: 'tenant' as const, reason: '' };
		const running = addTie(
			db,
			actor(),
			{ ...lease, startDate: '2026-06-01', endDate: '2027-06-01' },
			NOW
		);
		const over = addTie(
			db,
			actor(),
			{ ...lease, startDate: '2025-01-01', endDate: '2025-12-31' },
			NOW
		);
		const code = codeOf(RecordsError);
		expect(code(() => endTie(db, actor(), over, TODAY, 'moved_out', '', NOW))).toBe(
			'already_ended'
		);
		expect(code(() => endTie(db, actor(), running, '2026-05-31', 'moved_out', '', NOW))).toBe(
			'end_before_start'
		);
		expect(code(() => endTie(db, actor(), running, '2026-11-24', 'moved_out', '', NOW))).toBe(
			'date_future'
		);
		expect(code(() => endTie(db, actor(), running, TODAY, 'moved_out', '提前退租', NOW))).toBe(
			'ok'
		);
		expect(unitTiesAsOf(db, f.unitIds[1], TODAY, ['tenant'])).toEqual([]);
		expect(unitTiesAsOf(db, f.unitIds[1], '2026-11-22', ['tenant']).map((t) => t.endDate)).toEqual([
			TODAY
		]);
	});
});

describe('corrections', () => {
	it('a clerk corrects a phone with a reason; the old number and the reason are in the audit', () => {
		correctPhone(
			db,
			{ id: f.clerkId, communityId: f.communityId },
			f.ownerIds[0],
			'13700000009',
			'业主本人到场更正',
			NOW
		);
		const [row] = auditRows('records.person.phone');
		expect(row.actorId).toBe(f.clerkId);
		expect(JSON.parse(row.detail)).toEqual({
			changes: { phone: ['13800000001', '13700000009'] },
			reason: '业主本人到场更正'
		});
		expect(personRecord(db, f.communityId, f.ownerIds[0], TODAY)!.audit[0].action).toBe(
			'records.person.phone'
		);
		expect(() => correctPhone(db, actor(), f.ownerIds[0], '13700000009', 'x', NOW)).toThrow(
			RecordsError
		);
	});

	it('a unit’s area is corrected with old → new in the audit; a person of another community is not found', () => {
		const u = unitRecord(db, f.communityId, f.unitIds[0], TODAY)!;
		updateUnit(db, actor(), u.id, { ...u, areaCenti: 9050, reason: '测绘报告更正' }, NOW);
		const [row] = auditRows('records.unit.update');
		expect(JSON.parse(row.detail)).toEqual({
			changes: { areaCenti: [9000, 9050] },
			reason: '测绘报告更正'
		});
		expect(unitRecord(db, f.communityId, f.unitIds[0], TODAY)!.areaCenti).toBe(9050);
		expect(personRecord(db, f.otherCommunityId, f.ownerIds[0], TODAY)).toBeNull();
		expect(unitRecord(db, f.communityId, f.otherUnitId, TODAY)).toBeNull();
	});

	it('shows ID numbers masked in the records', () => {
		const p = personRecord(db, f.communityId, f.ownerIds[0], TODAY)!;
		expect(p.idMasked).toBe('3301****0000');
		expect(JSON.stringify(p)).not.toContain('330100198001010000');
		expect(JSON.stringify(unitRecord(db, f.communityId, f.unitIds[0], TODAY))).not.toContain(
			'330100198001010000'
		);
	});
});

describe('seedRecords', () => {
	it('gives the demo spaces, vehicles, a tenant, household members and a past owner, once', () => {
		const ins = db.$client.prepare(
			`INSERT INTO units (community_id, building, entrance, room, code, area_centi, occupancy, created_at)
			VALUES (?, '3', '1', ?, ?, 9000, 'occupied', 0) RETURNING id`
		);
		for (const room of ['401', '402', '501', '502']) {
			const { id } = ins.get(f.communityId, room, `3-1-${room}`) as { id: number };
			const o = createPerson(db, actor(), person(`业主${room}`, `139000${room}00`), NOW);
			addTie(
				db,
				actor(),
				{ unitId: id, personId: o, role: 'owner', startDate: null, endDate: null, reason: '' },
				NOW
			);
		}
		const ctx = { communityId: f.communityId, today: new Date(NOW) };
		seedRecords(db, ctx);
		seedRecords(db, ctx);
		const count = (sql: string) => (db.$client.prepare(sql).get() as { n: number }).n;
		expect(count('SELECT COUNT(*) AS n FROM parking_spaces')).toBe(4);
		expect(count('SELECT COUNT(*) AS n FROM vehicles')).toBe(2);
		expect(count(`SELECT COUNT(*) AS n FROM unit_owners WHERE role = 'tenant'`)).toBe(2);
		expect(count(`SELECT COUNT(*) AS n FROM unit_owners WHERE end_reason = 'transfer'`)).toBe(1);
		const u501 = db.$client.prepare(`SELECT id FROM units WHERE code = '3-1-501'`).get() as {
			id: number;
		};
		expect(unitTiesAsOf(db, u501.id, '2026-01-15', ['owner']).map((t) => t.name)).toEqual([
			'业主501'
		]);
		expect(unitTiesAsOf(db, u501.id, TODAY, ['owner']).map((t) => t.name)).toEqual(['许文博']);
	});
});
