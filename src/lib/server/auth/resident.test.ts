import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { identifyResident, normaliseRoomCode } from './resident';

let db: Db;
let f: Fixture;
const t0 = Date.parse('2026-11-23T02:00:00Z');

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
});

describe('identifyResident', () => {
	it('accepts the room code and the last four digits of the owner phone', () => {
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'kiosk-a', t0)).toEqual({ ok: true, unitId: f.unitIds[0], unitCode: '1-1-101' });
		expect(identifyResident(db, f.communityId, ' 1 1 101 ', '0001', 'kiosk-a', t0).ok).toBe(true);
	});

	it('refuses wrong digits, unknown rooms, other communities and empty input alike', () => {
		expect(identifyResident(db, f.communityId, '1-1-101', '0002', 'k', t0)).toEqual({ ok: false, reason: 'invalid' });
		expect(identifyResident(db, f.communityId, '9-9-909', '0001', 'k', t0)).toEqual({ ok: false, reason: 'invalid' });
		expect(identifyResident(db, f.communityId, '1-1-101', '', 'k', t0)).toEqual({ ok: false, reason: 'empty' });
		expect(identifyResident(db, f.communityId, '1-1-101', '12345', 'k', t0).ok).toBe(false);
	});

	it('limits wrong attempts to 5 per room per 15 minutes, even with the right digits, then frees up', () => {
		for (let i = 0; i < 5; i++) expect(identifyResident(db, f.communityId, '1-1-101', '9999', `kiosk-${i}`, t0 + i).ok).toBe(false);
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'kiosk-z', t0 + 10)).toMatchObject({ ok: false, reason: 'limited' });
		expect(identifyResident(db, f.communityId, '1-1-101', '0001', 'kiosk-z', t0 + 15 * 60_000 + 10).ok).toBe(true);
	});

	it('limits one kiosk trying many rooms', () => {
		for (let i = 0; i < 5; i++) identifyResident(db, f.communityId, `2-2-20${i}`, '1234', 'kiosk-a', t0 + i);
		expect(identifyResident(db, f.communityId, '1-1-102', '0002', 'kiosk-a', t0 + 10)).toMatchObject({ ok: false, reason: 'limited' });
		expect(identifyResident(db, f.communityId, '1-1-102', '0002', 'kiosk-b', t0 + 10).ok).toBe(true);
	});
});

describe('normaliseRoomCode', () => {
	it('folds spaces and full-width dashes', () => {
		expect(normaliseRoomCode('3－2－1502')).toBe('3-2-1502');
		expect(normaliseRoomCode(' 3 2 1502 ')).toBe('3-2-1502');
	});
});
