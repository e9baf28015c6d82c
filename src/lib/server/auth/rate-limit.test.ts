import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { loginAttempts } from '../db/schema';
import {
	addressBlock,
	attemptTimes,
	blockedMinutes,
	clearFailures,
	countFailures,
	recordFailure,
	releaseAttempt,
	reserveAttempt
} from './rate-limit';
import { windowWaitMs } from '$lib/domain/access-limits';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const MIN = 60_000;
const USER = 'login:acct:clerk';
const IP = 'login:ip:10.0.0.7';
const LIMIT = { max: 3, windowMs: 15 * MIN };

let db: Db;
beforeEach(() => {
	db = createTestDb();
});

/** Allows while both buckets are under LIMIT; counts the attempt in both. */
const reserve = (now: number) =>
	reserveAttempt(
		db,
		{ user: USER, ip: IP },
		LIMIT.windowMs,
		(t) => ({
			allow: windowWaitMs(t.user, LIMIT, now) === 0 && windowWaitMs(t.ip, LIMIT, now) === 0
		}),
		() => ['user', 'ip'],
		now
	);

describe('reserveAttempt', () => {
	it('counts an allowed attempt at once, so the next one sees it before the first is checked', () => {
		const a = reserve(T0);
		expect(a.decision.allow).toBe(true);
		expect(a.ids).toHaveLength(2);
		expect(countFailures(db, USER)).toBe(1);
		reserve(T0 + 1);
		reserve(T0 + 2);
		const fourth = reserve(T0 + 3);
		expect(fourth).toEqual({ decision: { allow: false }, ids: [] });
		expect(countFailures(db, USER)).toBe(3);
	});

	it('an attempt that succeeds is released and no longer counts; others stay', () => {
		const a = reserve(T0);
		reserve(T0 + 1);
		releaseAttempt(db, a.ids);
		expect(attemptTimes(db, USER, T0 - MIN)).toEqual([T0 + 1]);
		expect(attemptTimes(db, IP, T0 - MIN)).toEqual([T0 + 1]);
	});

	it('only the last lookback is read, and rows older than a day are pruned', () => {
		recordFailure(db, [USER], T0 - 25 * 60 * MIN);
		recordFailure(db, [USER], T0 - 20 * MIN);
		expect(reserve(T0).decision.allow).toBe(true);
		expect(
			db
				.select()
				.from(loginAttempts)
				.all()
				.map((r) => r.at)
				.sort()
		).toEqual([T0 - 20 * MIN, T0, T0]);
	});

	it('blockedMinutes: a plain sliding window over recorded failures', () => {
		for (let i = 0; i < 3; i++) recordFailure(db, [USER], T0 + i * MIN);
		expect(blockedMinutes(db, [USER, IP], LIMIT, T0 + 5 * MIN)).toBe(10);
		expect(blockedMinutes(db, [USER], LIMIT, T0 + 15 * MIN)).toBe(0);
		expect(blockedMinutes(db, [IP], LIMIT, T0 + 5 * MIN)).toBe(0);
	});

	it('clearing a bucket leaves the others', () => {
		recordFailure(db, [USER, IP], T0);
		clearFailures(db, [USER]);
		expect(countFailures(db, USER)).toBe(0);
		expect(countFailures(db, IP)).toBe(1);
	});
});

describe('addressBlock', () => {
	it.each([
		['10.0.0.7', '10.0.0.7'],
		['::ffff:10.0.0.7', '10.0.0.7'],
		['127.0.0.1', '127.0.0.1'],
		['::1', '0:0:0:0::/64'],
		['2001:db8:1:2:aaaa:bbbb:cccc:dddd', '2001:db8:1:2::/64'],
		['2001:0db8:0001:0002::1', '2001:db8:1:2::/64'],
		['2001:DB8:1:2::FFFF', '2001:db8:1:2::/64'],
		['fe80::1%eth0', 'fe80:0:0:0::/64']
	])('%s → %s', (address, block) => {
		expect(addressBlock(address)).toBe(block);
	});

	it('addresses in one IPv6 /64 share a block; another /64 does not', () => {
		expect(addressBlock('2001:db8:1:2::1')).toBe(addressBlock('2001:db8:1:2:ffff::9'));
		expect(addressBlock('2001:db8:1:3::1')).not.toBe(addressBlock('2001:db8:1:2::1'));
	});

	it('two IPv4 desks on one LAN do not share a block', () => {
		expect(addressBlock('192.168.1.20')).not.toBe(addressBlock('192.168.1.21'));
	});
});
