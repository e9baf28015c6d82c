import { describe, it, expect, beforeEach } from 'vitest';
import { createTestDb } from '../db/test-db';
import type { Db } from '../db';
import { loginAttempts } from '../db/schema';
import { addressBlock, blockedMinutes, clearFailures, countFailures, recordFailure, STAFF_LOGIN_LIMIT } from './rate-limit';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const MIN = 60_000;
const USER = 'login:user:clerk';
const IP = 'login:ip:10.0.0.7';

let db: Db;
beforeEach(() => {
	db = createTestDb();
});

const fail = (buckets: string[], times: number, start = T0, stepMs = 1000) => {
	for (let i = 0; i < times; i++) recordFailure(db, buckets, start + i * stepMs);
};

describe('the staff limit', () => {
	it('is 10 failures per 15 minutes', () => {
		expect(STAFF_LOGIN_LIMIT).toEqual({ max: 10, windowMs: 15 * MIN });
	});

	it('nine failures leave the next attempt open; the tenth closes it', () => {
		fail([USER], 9);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 10_000)).toBe(0);
		recordFailure(db, [USER], T0 + 9_000);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 10_000)).toBe(15);
	});

	it('counts per username and per address separately', () => {
		fail([USER, IP], 10);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 20_000)).toBeGreaterThan(0);
		expect(blockedMinutes(db, [IP], STAFF_LOGIN_LIMIT, T0 + 20_000)).toBeGreaterThan(0);
		// Another user from another address is not affected.
		expect(blockedMinutes(db, ['login:user:manager', 'login:ip:10.0.0.8'], STAFF_LOGIN_LIMIT, T0 + 20_000)).toBe(0);
	});

	it('one address trying many usernames is stopped by the address bucket', () => {
		for (let i = 0; i < 10; i++) recordFailure(db, [`login:user:guess${i}`, IP], T0 + i * 1000);
		expect(blockedMinutes(db, ['login:user:someone-new', IP], STAFF_LOGIN_LIMIT, T0 + 20_000)).toBeGreaterThan(0);
	});

	it('the window slides: the oldest failure leaving it frees a slot, so nobody is locked out for good', () => {
		// Ten failures a minute apart, from T0 to T0+9 min.
		fail([USER], 10, T0, MIN);
		// At T0+10 min the first one leaves the window at T0+15 min: 5 minutes to wait.
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 10 * MIN)).toBe(5);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 15 * MIN - 1)).toBe(1);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 15 * MIN)).toBe(0);
		// One more failure closes it again, but only until the next oldest leaves.
		recordFailure(db, [USER], T0 + 15 * MIN);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 15 * MIN)).toBe(1);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 16 * MIN)).toBe(0);
		// Long after the last failure everything is open.
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 40 * MIN)).toBe(0);
	});

	it('reports at least one minute while blocked', () => {
		fail([USER], 10);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 15 * MIN - 2)).toBe(1);
	});

	it('clearing a bucket (after a success) opens it and leaves the others', () => {
		fail([USER, IP], 10);
		clearFailures(db, [USER]);
		expect(countFailures(db, USER)).toBe(0);
		expect(countFailures(db, IP)).toBe(10);
		expect(blockedMinutes(db, [USER], STAFF_LOGIN_LIMIT, T0 + 20_000)).toBe(0);
	});

	it('rows older than a day are pruned when a new failure is recorded', () => {
		recordFailure(db, [USER], T0 - 25 * 60 * MIN);
		recordFailure(db, [USER], T0);
		expect(db.select().from(loginAttempts).all().map((r) => r.at)).toEqual([T0]);
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
