import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture, codeOf, clerkOf, newFormKey } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, itemClaims, itemDeposits, itemReleasePasses, itemReleases } from '../db/schema';
import {
	claimDeposit,
	createDeposit,
	createRelease,
	itemCounts,
	ItemError,
	listDeposits,
	listReleases,
	passRelease,
	type DepositInput,
	type ReleaseInput
} from '.';
import { openMatters } from '../shifts';
import { forgetCommunity } from '../community';
import { seedItems } from './seed';

// 2026-11-23 10:00 in Asia/Shanghai.
const T = Date.parse('2026-11-23T02:00:00Z');
const D = 24 * 3_600_000;
const TODAY = '2026-11-23';

describe('items kept and released', () => {
	let db: Db;
	let f: Fixture;
	let clerk: { id: number; communityId: number; role: 'clerk' };
	const key = newFormKey;
	const deposit = (over: Partial<DepositInput> = {}): DepositInput => ({
		unit: '1-1-101',
		depositorName: '王芳',
		depositorPhone: '13800001111',
		items: '快递纸箱',
		itemCount: 2,
		claimer: 'depositor',
		claimerName: '',
		claimerPhone: '',
		claimBy: '2026-11-25',
		formKey: key(),
		...over
	});
	const release = (over: Partial<ReleaseInput> = {}): ReleaseInput => ({
		unit: '1-1-102',
		items: '沙发一套',
		itemCount: 1,
		carrierName: '李师傅',
		carrierPhone: '13900002222',
		plate: '浙a12345',
		consent: 'phone',
		consentBy: '陈先生',
		consentPhone: '13700003333',
		consentIdType: '',
		consentIdLast4: '',
		consentNote: '',
		validUntil: TODAY,
		formKey: key(),
		...over
	});
	const id = { idType: 'id_card' as const, idLast4: '123x', note: '' };
	const code = codeOf(ItemError);
	beforeEach(() => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db);
		clerk = clerkOf(f);
	});

	it('takes goods once per form, numbering slips by day with a code', () => {
		const k = deposit({ formKey: 'form-once-0001' });
		const a = createDeposit(db, clerk, k, T);
		expect(createDeposit(db, clerk, k, T + 1000)).toEqual(a);
		const b = createDeposit(db, clerk, deposit(), T);
		expect([a.claimNo, b.claimNo]).toEqual(['JC20261123-001', 'JC20261123-002']);
		const rows = listDeposits(db, f.communityId, { view: 'open' }, TODAY);
		expect(rows).toHaveLength(2);
		expect(rows[0].claimCode).toMatch(/^\d{6}$/);
		expect(rows[0].claimCode).not.toBe(rows[1].claimCode);
		expect(
			db
				.select()
				.from(auditLog)
				.all()
				.map((r) => r.action)
		).toEqual(['item.deposit', 'item.deposit']);
	});

	it('claims by number or code with an ID, once, and only by the one allowed', () => {
		const a = createDeposit(db, clerk, deposit({ claimer: 'named', claimerName: '李四' }), T);
		const [row] = listDeposits(db, f.communityId, { view: 'all' }, TODAY);
		expect(
			code(() => claimDeposit(db, clerk, { ref: a.claimNo, claimantName: '王芳', ...id }, T))
		).toBe('not_claimer');
		expect(
			code(() =>
				claimDeposit(db, clerk, { ref: row.claimCode, claimantName: '李四', ...id, idLast4: '' }, T)
			)
		).toBe('id_missing');
		expect(
			claimDeposit(db, clerk, { ref: row.claimCode, claimantName: '李四', ...id }, T + 1000)
		).toEqual(a);
		expect(
			code(() =>
				claimDeposit(db, clerk, { ref: a.claimNo.toLowerCase(), claimantName: '李四', ...id }, T)
			)
		).toBe('already_claimed');
		// A used code finds nothing any more (it may be given to new goods).
		expect(
			code(() => claimDeposit(db, clerk, { ref: row.claimCode, claimantName: '李四', ...id }, T))
		).toBe('not_found');
		expect(listDeposits(db, f.communityId, { view: 'closed' }, TODAY)).toMatchObject([
			{
				state: 'claimed',
				claimantName: '李四',
				claimIdType: 'id_card',
				claimIdLast4: '123X',
				claimedBy: 'clerk'
			}
		]);
		// The database itself refuses a second claim event.
		expect(() =>
			db
				.insert(itemClaims)
				.values({
					depositId: a.id,
					claimantName: '李四',
					idType: 'id_card',
					idLast4: '0000',
					createdBy: clerk.id,
					createdAt: T
				})
				.run()
		).toThrow(/UNIQUE/);
	});

	it('is overdue past its claim date, and refuses bad dates and units, writing nothing', () => {
		createDeposit(db, clerk, deposit({ claimBy: TODAY }), T);
		expect(itemCounts(db, f.communityId, TODAY)).toMatchObject({ kept: 1, keptOverdue: 0 });
		expect(itemCounts(db, f.communityId, '2026-11-24')).toMatchObject({ kept: 1, keptOverdue: 1 });
		expect(listDeposits(db, f.communityId, { view: 'overdue' }, '2026-11-24')).toMatchObject([
			{ overdue: true }
		]);
		expect(code(() => createDeposit(db, clerk, deposit({ claimBy: '2026-11-22' }), T))).toBe(
			'claim_by_past'
		);
		expect(code(() => createDeposit(db, clerk, deposit({ claimBy: '2026-12-24' }), T))).toBe(
			'claim_by_too_far'
		);
		expect(code(() => createDeposit(db, clerk, deposit({ unit: '9-9-999' }), T))).toBe(
			'unknown_unit'
		);
		expect(code(() => createDeposit(db, clerk, deposit({ claimer: 'named' }), T))).toBe(
			'claimer_name_missing'
		);
		expect(db.select().from(itemDeposits).all()).toHaveLength(1);
	});

	it('keeps goods at most items.keepDays', () => {
		const short = createTestDb();
		const g = createFixture(short, { items: { keepDays: 3 } });
		forgetCommunity(); // settings are cached by community id, and every test db has id 1
		const c = { id: g.clerkId, communityId: g.communityId, role: 'clerk' as const };
		expect(code(() => createDeposit(short, c, deposit({ claimBy: '2026-11-27' }), T))).toBe(
			'claim_by_too_far'
		);
		expect(createDeposit(short, c, deposit({ claimBy: '2026-11-26' }), T).claimNo).toBe(
			'JC20261123-001'
		);
	});

	it('releases with consent, passes once while valid', () => {
		const r = createRelease(db, clerk, release(), T);
		expect(r.releaseNo).toBe('FX20261123-001');
		expect(itemCounts(db, f.communityId, TODAY)).toMatchObject({ pending: 1, expired: 0 });
		passRelease(db, clerk, r.id, '门岗已核', T + 1000);
		expect(code(() => passRelease(db, clerk, r.id, '', T + 2000))).toBe('already_passed');
		expect(listReleases(db, f.communityId, { view: 'closed' }, TODAY)).toMatchObject([
			{
				state: 'passed',
				plate: '浙A12345',
				passedBy: 'clerk',
				note: '门岗已核',
				unitCode: '1-1-102'
			}
		]);
		expect(db.select().from(itemReleasePasses).all()).toHaveLength(1);
		expect(itemCounts(db, f.communityId, TODAY)).toMatchObject({ pending: 0 });
	});

	it('refuses an unknown unit, no consent, incomplete consent and a past date, writing nothing', () => {
		expect(code(() => createRelease(db, clerk, release({ unit: '9-9-999' }), T))).toBe(
			'unknown_unit'
		);
		expect(code(() => createRelease(db, clerk, release({ consent: '' }), T))).toBe('no_consent');
		expect(code(() => createRelease(db, clerk, release({ consentPhone: '' }), T))).toBe(
			'consent_phone_missing'
		);
		expect(code(() => createRelease(db, clerk, release({ consent: 'in_person' }), T))).toBe(
			'consent_id_missing'
		);
		expect(code(() => createRelease(db, clerk, release({ validUntil: '2026-11-22' }), T))).toBe(
			'valid_past'
		);
		expect(db.select().from(itemReleases).all()).toHaveLength(0);
	});

	it('an expired release cannot pass the gate', () => {
		const r = createRelease(db, clerk, release(), T);
		expect(code(() => passRelease(db, clerk, r.id, '', T + D))).toBe('release_expired');
		expect(listReleases(db, f.communityId, { view: 'overdue' }, '2026-11-24')).toMatchObject([
			{ id: r.id, expired: true }
		]);
		expect(itemCounts(db, f.communityId, '2026-11-24')).toMatchObject({ pending: 0, expired: 1 });
	});

	it('keeps another community apart and is insert-only', () => {
		const r = createRelease(db, clerk, release(), T);
		const other = { id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' as const };
		expect(code(() => passRelease(db, other, r.id, '', T))).toBe('not_found');
		const d = createDeposit(db, clerk, deposit(), T);
		expect(
			code(() => claimDeposit(db, other, { ref: d.claimNo, claimantName: '王芳', ...id }, T))
		).toBe('not_found');
		expect(() => db.update(itemDeposits).set({ items: 'x' }).run()).toThrow();
		expect(() => db.delete(itemReleases).run()).toThrow();
	});

	it('hands the open ones over at shift change', () => {
		createDeposit(db, clerk, deposit({ claimBy: TODAY }), T);
		const r = createRelease(db, clerk, release(), T);
		const h = openMatters(db, f.communityId, T + 3_600_000);
		expect(h.registersOpen).toMatchObject([
			{ register: 'item', ref: 'JC20261123-001', unitCode: '1-1-101', overdue: false },
			{ register: 'item', ref: 'FX20261123-001', unitCode: '1-1-102' }
		]);
		expect(h.registersOpen[0].summary).toContain('快递纸箱');
		passRelease(db, clerk, r.id, '', T + 1000);
		const later = openMatters(db, f.communityId, T + D);
		expect(later.registersOpen).toMatchObject([{ ref: 'JC20261123-001', overdue: true }]);
	});

	it('seeds the demo cupboard and gate once: kept, overdue, claimed, waiting, passed', () => {
		seedItems(db, { communityId: f.communityId, today: new Date(T) }, '1-1-101');
		seedItems(db, { communityId: f.communityId, today: new Date(T) }, '1-1-101');
		expect(itemCounts(db, f.communityId, TODAY)).toEqual({
			kept: 2,
			keptOverdue: 1,
			pending: 1,
			expired: 0
		});
		expect(db.select().from(itemClaims).all()).toHaveLength(1);
		expect(db.select().from(itemReleasePasses).all()).toHaveLength(1);
		expect(listDeposits(db, f.communityId, { view: 'overdue' }, TODAY)).toMatchObject([
			{ items: '纸箱（书籍）', itemCount: 2 }
		]);
	});
});
