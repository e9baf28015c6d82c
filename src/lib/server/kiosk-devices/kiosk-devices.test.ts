import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { codeOf, createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import {
	auditLog,
	communities,
	kioskDevicePairings,
	kioskDeviceRevocations,
	kioskDevices
} from '../db/schema';
import { resetFailureAudit } from '../audit';
import { kioskFallbackCommunityId } from '../community/default';
import { PAIRING_CODE_RENEW_BEFORE_MS, PAIRING_CODE_TTL_MS } from '../../domain/kiosk-pairing';
import { PAIRING_LIMIT } from '../../domain/access-limits';
import type { Actor } from '../auth/actor';
import {
	communityPairings,
	deviceByTokenHash,
	deviceTokenHash,
	ensureDevice,
	KioskDeviceError,
	newDeviceToken,
	pairDevice,
	pairingCodeFor,
	revokePairing,
	touchDevice
} from '.';

const T = Date.parse('2026-11-23T02:00:00Z');
const MIN = 60_000;
const code = codeOf(KioskDeviceError);

describe('kiosk devices (pairing a hall screen with a community)', () => {
	let db: Db;
	let f: Fixture;
	let manager: Actor;
	let otherManager: Actor;

	/** A new screen that has shown its pairing code at `at`: its token hash and the code. */
	function screen(kind: 'kiosk' | 'display' = 'kiosk', at = T) {
		const hash = deviceTokenHash(newDeviceToken())!;
		const device = ensureDevice(db, hash, kind, at);
		return { hash, ...pairingCodeFor(db, device, at) };
	}
	const pairings = () => db.select().from(kioskDevicePairings).all();

	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		manager = { id: f.managerId, communityId: f.communityId, role: 'manager' };
		otherManager = { id: f.adminId, communityId: f.otherCommunityId, role: 'manager' };
		resetFailureAudit();
	});
	afterEach(() => {
		delete process.env.KIOSK_COMMUNITY;
	});

	it('keeps only a hash of the token, and knows the device by it', () => {
		const token = newDeviceToken();
		expect(token).toMatch(/^[a-z2-7]{32}$/);
		const hash = deviceTokenHash(token)!;
		ensureDevice(db, hash, 'display', T);
		const rows = db.select().from(kioskDevices).all();
		expect(rows).toHaveLength(1);
		expect(rows[0].tokenHash).toBe(hash);
		expect(JSON.stringify(rows)).not.toContain(token);
		expect(deviceByTokenHash(db, hash)).toMatchObject({ kind: 'display', pairing: null });
		// Opening the pairing screen again is the same device, now as the kind of screen it shows.
		expect(ensureDevice(db, hash, 'kiosk', T + MIN).kind).toBe('kiosk');
		expect(db.select().from(kioskDevices).all()).toHaveLength(1);
		expect(deviceByTokenHash(db, hash)!.kind).toBe('kiosk');
		expect(deviceTokenHash('not-a-token')).toBeNull();
		expect(deviceTokenHash(undefined)).toBeNull();
	});

	it('shows the same code until shortly before it runs out, then a new one for 15 minutes', () => {
		const s = screen();
		expect(s.code).toMatch(/^[A-Z0-9]{6}$/);
		expect(s.expiresAt).toBe(T + PAIRING_CODE_TTL_MS);
		const later = T + PAIRING_CODE_TTL_MS - PAIRING_CODE_RENEW_BEFORE_MS - 1;
		expect(pairingCodeFor(db, deviceByTokenHash(db, s.hash)!, later).code).toBe(s.code);
		const renewAt = T + PAIRING_CODE_TTL_MS - PAIRING_CODE_RENEW_BEFORE_MS;
		const renewed = pairingCodeFor(db, deviceByTokenHash(db, s.hash)!, renewAt);
		expect(renewed.expiresAt).toBe(renewAt + PAIRING_CODE_TTL_MS);
		expect(deviceByTokenHash(db, s.hash)!.pairingCode).toBe(renewed.code);
	});

	it('pairs the screen showing the code with the manager’s community, once, and audits it', () => {
		const s = screen('display');
		const r = pairDevice(db, manager, { code: s.code, name: '大堂叫号屏' }, T + MIN);
		expect(r.kind).toBe('display');
		expect(deviceByTokenHash(db, s.hash)!.pairing).toMatchObject({
			communityId: f.communityId,
			name: '大堂叫号屏'
		});
		// The code is used up: typing it again pairs nothing.
		expect(deviceByTokenHash(db, s.hash)!.pairingCode).toBeNull();
		expect(code(() => pairDevice(db, manager, { code: s.code, name: 'x' }, T + 2 * MIN))).toBe(
			'wrong_code'
		);
		expect(pairings()).toHaveLength(1);
		const audit = db.select().from(auditLog).all();
		expect(audit.map((a) => a.action)).toEqual(['kiosk.device.paired', 'kiosk.pair.failed']);
		expect(audit[0]).toMatchObject({ communityId: f.communityId, actorId: f.managerId });
		expect(communityPairings(db, f.communityId).map((p) => p.name)).toEqual(['大堂叫号屏']);
		expect(communityPairings(db, f.otherCommunityId)).toEqual([]);
	});

	it('refuses a wrong or expired code and writes nothing but the guess and its audit line', () => {
		const s = screen();
		const before = db.select().from(kioskDevices).all();
		expect(code(() => pairDevice(db, manager, { code: 'AAAAAA', name: 'x' }, T + MIN))).toBe(
			'wrong_code'
		);
		expect(
			code(() => pairDevice(db, manager, { code: s.code, name: 'x' }, T + PAIRING_CODE_TTL_MS))
		).toBe('wrong_code');
		expect(pairings()).toEqual([]);
		expect(db.select().from(kioskDevices).all()).toEqual(before);
		const audit = db.select().from(auditLog).all();
		expect(audit.map((a) => a.action)).toEqual(['kiosk.pair.failed', 'kiosk.pair.failed']);
		// The code typed is never recorded (it would help the next guesser).
		expect(JSON.stringify(audit)).not.toContain(s.code);
	});

	it('makes an account that keeps guessing wait, even with the right code, and not anyone else', () => {
		const s = screen();
		for (let i = 0; i < PAIRING_LIMIT.max; i++)
			expect(code(() => pairDevice(db, manager, { code: 'AAAAAA', name: 'x' }, T + i))).toBe(
				'wrong_code'
			);
		let err: unknown;
		try {
			pairDevice(db, manager, { code: s.code, name: 'x' }, T + MIN);
		} catch (e) {
			err = e;
		}
		expect(err).toBeInstanceOf(KioskDeviceError);
		expect((err as KioskDeviceError).code).toBe('limited');
		expect((err as KioskDeviceError).status).toBe(429);
		expect((err as KioskDeviceError).detail).toEqual({ minutes: 14 });
		expect(pairings()).toEqual([]);
		// Another account is not held up by this one's guesses.
		const admin: Actor = { id: f.adminId, communityId: f.communityId, role: 'admin' };
		pairDevice(db, admin, { code: s.code, name: '大堂自助机' }, T + MIN);
		expect(pairings()).toHaveLength(1);
		// After the window the account may try again.
		const s2 = screen('kiosk', T + PAIRING_LIMIT.windowMs);
		pairDevice(db, manager, { code: s2.code, name: '二楼' }, T + PAIRING_LIMIT.windowMs + 1);
		expect(pairings()).toHaveLength(2);
	});

	it('a right code does not count as a guess', () => {
		for (let i = 0; i < PAIRING_LIMIT.max + 2; i++) {
			const s = screen('kiosk', T + i);
			pairDevice(db, manager, { code: s.code, name: `屏${i}` }, T + i);
		}
		expect(pairings()).toHaveLength(PAIRING_LIMIT.max + 2);
	});

	it('revokes: the device is unpaired, the revocation is an event, and it can be paired again', () => {
		const s = screen();
		const { pairingId } = pairDevice(db, manager, { code: s.code, name: '大堂自助机' }, T);
		expect(code(() => revokePairing(db, otherManager, pairingId, T + MIN))).toBe('not_found');
		expect(revokePairing(db, manager, pairingId, T + MIN)).toBe('大堂自助机');
		expect(deviceByTokenHash(db, s.hash)!.pairing).toBeNull();
		expect(code(() => revokePairing(db, manager, pairingId, T + 2 * MIN))).toBe('already_revoked');
		expect(db.select().from(kioskDeviceRevocations).all()).toHaveLength(1);
		expect(
			db
				.select()
				.from(auditLog)
				.all()
				.map((a) => a.action)
		).toEqual(['kiosk.device.paired', 'kiosk.device.revoked']);
		const again = pairingCodeFor(db, deviceByTokenHash(db, s.hash)!, T + 3 * MIN);
		pairDevice(db, otherManager, { code: again.code, name: '别的中心' }, T + 3 * MIN);
		expect(deviceByTokenHash(db, s.hash)!.pairing).toMatchObject({
			communityId: f.otherCommunityId
		});
		const list = communityPairings(db, f.communityId);
		expect(list).toHaveLength(1);
		expect(list[0]).toMatchObject({ name: '大堂自助机', revokedBy: 'manager' });
	});

	it('keeps pairings and revocations insert-only', () => {
		const s = screen();
		pairDevice(db, manager, { code: s.code, name: 'x' }, T);
		expect(() =>
			db.update(kioskDevicePairings).set({ communityId: f.otherCommunityId }).run()
		).toThrow(/append-only/);
		expect(() => db.delete(kioskDevicePairings).run()).toThrow(/append-only/);
	});

	it('marks a device seen at most once a minute', () => {
		const s = screen();
		const d = deviceByTokenHash(db, s.hash)!;
		expect(touchDevice(db, d, T + MIN - 1)).toBe(false);
		expect(touchDevice(db, d, T + MIN)).toBe(true);
		expect(deviceByTokenHash(db, s.hash)!.lastSeenAt).toBe(T + MIN);
	});

	it('forgets screens never paired and not seen for a day, never a paired one', () => {
		const idle = screen('kiosk', T);
		const paired = screen('kiosk', T);
		pairDevice(db, manager, { code: paired.code, name: 'x' }, T);
		const fresh = screen('kiosk', T + 24 * 60 * MIN + 1);
		expect(deviceByTokenHash(db, idle.hash)).toBeNull();
		expect(deviceByTokenHash(db, paired.hash)).not.toBeNull();
		expect(deviceByTokenHash(db, fresh.hash)).not.toBeNull();
	});

	describe('the fallback of an unpaired screen', () => {
		it('serves the only community of a single centre, and none once there are two', () => {
			const d = createTestDb();
			const add = (code: string) =>
				d
					.insert(communities)
					.values({ code, name: code, centreName: code, createdAt: T })
					.returning({ id: communities.id })
					.get().id;
			expect(kioskFallbackCommunityId(d)).toBeNull();
			const first = add('A1');
			expect(kioskFallbackCommunityId(d)).toBe(first);
			const second = add('B2');
			expect(kioskFallbackCommunityId(d)).toBeNull();
			process.env.KIOSK_COMMUNITY = 'B2';
			expect(kioskFallbackCommunityId(d)).toBe(second);
			d.delete(communities).where(eq(communities.id, second)).run();
			expect(kioskFallbackCommunityId(d)).toBeNull();
		});
	});
});
