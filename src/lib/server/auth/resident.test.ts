import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { identifyDelayMs, identifyResident, normaliseRoomCode } from './resident';
import { auditLog } from '../db/schema';
import { resetFailureAudit } from '../audit';

let db: Db;
let f: Fixture;
const t0 = Date.parse('2026-11-23T02:00:00Z');

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	resetFailureAudit();
});

describe('identifyResident', () => {
	it('accepts the room code and the last four digits of the owner phone', () => {
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'kiosk-a', t0)).toEqual({
			ok: true,
			unitId: f.unitIds[0],
			unitCode: '1-1-101'
		});
		expect(identifyResident(db, f.communityId, ' 1 1 101 ', '0001', 'kiosk-a', t0).ok).toBe(true);
	});

	it('refuses wrong digits, unknown rooms, other communities and empty input alike, saying how many tries are left', () => {
		expect(identifyResident(db, f.communityId, '1-1-101', '0002', 'k', t0)).toEqual({
			ok: false,
			reason: 'invalid',
			mode: 'short',
			triesLeft: 4
		});
		expect(identifyResident(db, f.communityId, '9-9-909', '0001', 'k', t0)).toEqual({
			ok: false,
			reason: 'invalid',
			mode: 'short',
			triesLeft: 4
		});
		expect(identifyResident(db, f.communityId, '1-1-101', '', 'k', t0)).toEqual({
			ok: false,
			reason: 'empty'
		});
		expect(identifyResident(db, f.communityId, '1-1-101', '12345', 'k', t0).ok).toBe(false);
	});

	it('a room guessed 5 times (from any addresses) asks for the full phone number instead of refusing its owner (issue 11)', () => {
		for (let i = 0; i < 5; i++)
			expect(
				identifyResident(db, f.communityId, '1-1-101', '9999', `10.0.0.${i}`, t0 + i)
			).toMatchObject({ ok: false, reason: 'invalid' });
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', '10.0.9.9', t0 + 10)).toEqual({
			ok: false,
			reason: 'need_full'
		});
		expect(
			identifyResident(db, f.communityId, '1-1-101', '138 0000 0001', '10.0.9.9', t0 + 20)
		).toEqual({ ok: true, unitId: f.unitIds[0], unitCode: '1-1-101' });
		// A wrong full number says how many full tries this address has left.
		expect(
			identifyResident(db, f.communityId, '1-1-101', '13800000009', '10.0.9.9', t0 + 30)
		).toEqual({ ok: false, reason: 'invalid', mode: 'full', triesLeft: 4 });
		// An hour later 4 digits are taken again.
		expect(
			identifyResident(db, f.communityId, '1-1-101', '0001', '10.0.9.9', t0 + 60 * 60_000 + 10).ok
		).toBe(true);
	});

	it('five wrong full numbers refuse that address for that room only', () => {
		for (let i = 0; i < 5; i++)
			identifyResident(db, f.communityId, '1-1-101', '13900000000', 'kiosk-a', t0 + i);
		expect(
			identifyResident(db, f.communityId, '1-1-101', '13800000001', 'kiosk-a', t0 + 10)
		).toMatchObject({ ok: false, reason: 'limited', minutes: 15 });
		expect(
			identifyResident(db, f.communityId, '1-1-101', '13800000001', 'kiosk-b', t0 + 10).ok
		).toBe(true);
		expect(identifyResident(db, f.communityId, '1-1-102', '0002', 'kiosk-a', t0 + 10).ok).toBe(
			true
		);
	});

	it('other people’s typos at the same kiosk never keep a resident out (issue 11)', () => {
		for (let i = 0; i < 30; i++)
			identifyResident(
				db,
				f.communityId,
				`2-2-2${String(i).padStart(2, '0')}`,
				'1234',
				'kiosk-a',
				t0 + i
			);
		expect(identifyResident(db, f.communityId, '1-1-102', '0002', 'kiosk-a', t0 + 100).ok).toBe(
			true
		);
		// …but that kiosk's answers now come more slowly.
		expect(identifyDelayMs(db, 'kiosk-a', t0 + 200)).toBe(5000);
		expect(identifyDelayMs(db, 'kiosk-b', t0 + 200)).toBe(0);
	});

	it('failures are audited without the digits typed', () => {
		identifyResident(db, f.communityId, '1-1-101', '9876', 'k', t0);
		const rows = db.select().from(auditLog).all();
		expect(rows.map((r) => r.action)).toEqual(['kiosk.identify.failed']);
		expect(JSON.stringify(rows)).not.toContain('9876');
	});
});

describe('normaliseRoomCode', () => {
	it('folds spaces and full-width dashes', () => {
		expect(normaliseRoomCode('3－2－1502')).toBe('3-2-1502');
		expect(normaliseRoomCode(' 3 2 1502 ')).toBe('3-2-1502');
	});
});
