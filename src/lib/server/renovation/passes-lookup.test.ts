import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { contractorApplication } from './test-fixture';
import type { Db } from '../db';
import { communities, units } from '../db/schema';
import { forgetCommunity } from '../community';
import {
	createApplication,
	passApplication,
	payFees,
	transition,
	type Actor,
	type ApplicationInput
} from './index';

const NOW = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai, 2026-11-23

let db: Db;
let f: Fixture;
let clerk: Actor;
let manager: Actor;

const app = (over: Partial<ApplicationInput> = {}) =>
	contractorApplication({ unitCode: '1-1-102', wallDemolition: false, ...over });

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
	manager = { id: f.managerId, communityId: f.communityId, role: 'manager' };
});

describe('passApplication', () => {
	it('finds a submitted application by number or room, with its room, and says passes are not allowed yet', () => {
		const { id, appNo } = createApplication(db, clerk, app(), NOW);
		const expected = {
			id,
			appNo,
			unitCode: '1-1-102',
			applicantName: '李娜',
			state: 'submitted',
			permitEnd: '2027-01-31',
			allowed: false
		};
		expect(passApplication(db, f.communityId, appNo)).toEqual(expected);
		expect(passApplication(db, f.communityId, appNo.toLowerCase())).toEqual(expected);
		expect(passApplication(db, f.communityId, ' 1-1-102 ')).toEqual(expected);
	});

	it('allows passes once the fees are paid, and ends them with the permit', () => {
		const { id, appNo } = createApplication(db, clerk, app(), NOW);
		transition(db, manager, id, { action: 'approve' }, { now: NOW });
		payFees(
			db,
			clerk,
			{
				renovationId: id,
				agreementSigned: true,
				wallAreaCenti: 0,
				workers: [],
				method: {
					method: 'wechat',
					methodRef: 'WX0001',
					bank: '',
					tenderedFen: null,
					payerName: '',
					idempotencyKey: crypto.randomUUID()
				}
			},
			NOW
		);
		expect(passApplication(db, f.communityId, appNo)).toMatchObject({
			state: 'paid',
			allowed: true,
			permitEnd: '2027-01-31'
		});
		transition(db, clerk, id, { action: 'issue_permit', until: '2027-01-15' }, { now: NOW });
		expect(passApplication(db, f.communityId, appNo)).toMatchObject({
			state: 'permit_issued',
			allowed: true,
			permitEnd: '2027-01-15'
		});
	});

	it('finds nothing for an unknown number, an empty reference, or another community', () => {
		const { appNo } = createApplication(db, clerk, app(), NOW);
		expect(passApplication(db, f.communityId, 'ZX-2026-9999')).toBeUndefined();
		expect(passApplication(db, f.communityId, '   ')).toBeUndefined();
		const other = db
			.insert(communities)
			.values({
				...db.select().from(communities).get()!,
				id: undefined,
				code: 'OTHER',
				name: '别的小区'
			})
			.returning()
			.get();
		db.insert(units)
			.values({ ...db.select().from(units).get()!, id: undefined, communityId: other.id })
			.run();
		expect(passApplication(db, other.id, appNo)).toBeUndefined();
		expect(passApplication(db, other.id, '1-1-102')).toBeUndefined();
	});
});
