import { beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import {
	auditLog,
	communities,
	keyLoans,
	keyReturns,
	keys,
	owners,
	staffUsers,
	unitOwners,
	units
} from '../db/schema';
import { forgetCommunity } from '../community';
import { pdfText } from '../pdf/pdf-text';
import { DEMO_UNIT_KEYS } from './seed';
import { keyLogPdf } from '../pdf/key-log';
import {
	changeDisposition,
	createKey,
	getKey,
	keyAuditTrail,
	keyLoansOf,
	lendKey,
	listKeys,
	logEntries,
	overdueLoans,
	returnKey,
	seedKeys,
	type Actor,
	type LendInput,
	type NewKeyInput,
	type ReturnKeyInput
} from './index';

const NOW = Date.parse('2026-11-23T01:00:00Z'); // Monday 09:00 in Shanghai
const MIN = 60_000;
const H = 3600_000;

let db: Db;
let f: Fixture;
let clerk: Actor;

function newKey(over: Partial<NewKeyInput> = {}): NewKeyInput {
	return {
		tagNo: 'k-001',
		kind: 'unit',
		unitCode: '1-1-101',
		description: '入户门',
		slot: 'A-01',
		depositConsentDate: '2026-11-20',
		depositConsentMethod: 'written',
		note: '',
		...over
	};
}

function lendInput(over: Partial<LendInput> = {}): LendInput {
	return {
		borrowerName: '黄海',
		borrowerIdType: 'id_card',
		borrowerIdNumber: '330103199501017714',
		borrowerPhone: '13777001122',
		borrowerCompany: '我爱我家',
		borrowerRelation: '中介',
		purpose: 'viewing',
		purposeNote: '',
		consent: { phone: '13800000001', atMs: NOW - 2 * MIN, byStaffId: f.clerkId, answer: 'agreed' },
		escortStaffId: null,
		collateral: { idType: 'id_card', idNumber: '330103199501017714' },
		expectedReturnAt: NOW + 2 * H,
		idempotencyKey: crypto.randomUUID(),
		...over
	};
}

function returnInput(over: Partial<ReturnKeyInput> = {}): ReturnKeyInput {
	return {
		returnedAt: NOW + H,
		receivedBy: f.clerkId,
		lost: false,
		slotConfirmed: true,
		collateralReturned: true,
		note: '',
		idempotencyKey: crypto.randomUUID(),
		...over
	};
}

function counts() {
	const n = (t: typeof keyLoans | typeof keyReturns | typeof keys | typeof auditLog) =>
		db.select().from(t).all().length;
	return { keys: n(keys), loans: n(keyLoans), returns: n(keyReturns), audit: n(auditLog) };
}

function registered(over: Partial<NewKeyInput> = {}): number {
	const r = createKey(db, clerk, newKey(over), NOW - 24 * H);
	if (!r.ok) throw new Error(r.errors.join());
	return r.id;
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
});

/** The clerk moves key `id` to `target`; no consent and no note unless given. */
const dispose = (
	id: number,
	target: 'active' | 'lost' | 'returned_to_owner',
	over: Partial<Parameters<typeof changeDisposition>[3]> = {}
) =>
	changeDisposition(
		db,
		clerk,
		id,
		{ target, depositConsentDate: null, depositConsentMethod: null, note: '', ...over },
		NOW
	);

describe('register', () => {
	it('creates a unit key (tag normalised) and audits it', () => {
		const id = registered({ tagNo: ' k-001 ' });
		const k = getKey(db, f.communityId, id, NOW)!;
		expect(k).toMatchObject({
			tagNo: 'K-001',
			kind: 'unit',
			unitCode: '1-1-101',
			opens: '1-1-101 入户门',
			slot: 'A-01',
			state: 'in_cabinet',
			openLoan: null
		});
		expect(keyAuditTrail(db, f.communityId, id).map((a) => a.action)).toEqual(['key.create']);
	});

	it('refuses a taken tag, an unknown unit, a missing consent — nothing written', () => {
		registered();
		const before = counts();
		const r = createKey(
			db,
			clerk,
			newKey({ tagNo: 'K-001 ', unitCode: '9-9-999', depositConsentDate: null }),
			NOW
		);
		expect(r).toEqual({
			ok: false,
			errors: ['tag_taken', 'unit_not_found', 'deposit_consent_required']
		});
		expect(counts()).toEqual(before);
	});

	it('a unit of another community is not found', () => {
		const r = createKey(db, clerk, newKey({ unitCode: '9-9-909' }), NOW);
		expect(r).toEqual({ ok: false, errors: ['unit_not_found'] });
	});

	it('the same tag may exist in another community', () => {
		registered();
		const other = db
			.insert(staffUsers)
			.values({
				communityId: f.otherCommunityId,
				username: 'o',
				displayName: 'o',
				workNo: 'O1',
				role: 'clerk',
				passwordHash: 'x',
				createdAt: NOW
			})
			.returning()
			.get();
		const r = createKey(
			db,
			{ id: other.id, communityId: f.otherCommunityId, role: 'clerk' },
			newKey({ unitCode: '9-9-909' }),
			NOW
		);
		expect(r.ok).toBe(true);
	});

	it('a common-area key needs what it opens and stores no consent', () => {
		expect(createKey(db, clerk, newKey({ kind: 'common', description: '' }), NOW)).toEqual({
			ok: false,
			errors: ['area_required']
		});
		const r = createKey(
			db,
			clerk,
			newKey({ kind: 'common', description: '配电房', unitCode: '1-1-101' }),
			NOW
		);
		expect(r.ok).toBe(true);
		const k = getKey(db, f.communityId, r.ok ? r.id : 0, NOW)!;
		expect(k).toMatchObject({
			kind: 'common',
			unitId: null,
			opens: '配电房',
			depositConsentDate: null
		});
	});

	it('edits are audited with what changed; a no-op writes nothing', async () => {
		const { updateKey } = await import('./index');
		const id = registered();
		const before = counts();
		expect(
			updateKey(
				db,
				clerk,
				id,
				{
					tagNo: 'K-001',
					description: '入户门',
					slot: 'A-01',
					depositConsentDate: '2026-11-20',
					depositConsentMethod: 'written',
					note: ''
				},
				NOW
			)
		).toEqual({ ok: true, id });
		expect(counts()).toEqual(before);
		expect(
			updateKey(
				db,
				clerk,
				id,
				{
					tagNo: 'K-001',
					description: '入户门',
					slot: 'C-09',
					depositConsentDate: '2026-11-20',
					depositConsentMethod: 'written',
					note: ''
				},
				NOW
			)
		).toEqual({ ok: true, id });
		const trail = keyAuditTrail(db, f.communityId, id);
		expect(trail[0]).toMatchObject({
			action: 'key.update',
			detail: { changes: { slot: ['A-01', 'C-09'] } }
		});
		expect(getKey(db, f.communityId, id, NOW)!.slot).toBe('C-09');
	});

	it('an edit cannot take another key’s tag', async () => {
		const { updateKey } = await import('./index');
		registered();
		const id2 = registered({ tagNo: 'K-002' });
		expect(
			updateKey(
				db,
				clerk,
				id2,
				{
					tagNo: 'k-001',
					description: '',
					slot: 'A-02',
					depositConsentDate: '2026-11-20',
					depositConsentMethod: 'written',
					note: ''
				},
				NOW
			)
		).toEqual({ ok: false, errors: ['tag_taken'] });
	});

	it('another community’s key is not found', () => {
		const id = registered();
		expect(getKey(db, f.otherCommunityId, id, NOW)).toBeNull();
		expect(
			lendKey(
				db,
				{ id: f.clerkId, communityId: f.otherCommunityId, role: 'clerk' },
				id,
				lendInput(),
				NOW
			)
		).toEqual({ ok: false, errors: ['not_found'] });
	});
});

describe('lending', () => {
	it('lends with phone consent and an ID held; the key shows as lent', () => {
		const id = registered();
		const r = lendKey(db, clerk, id, lendInput(), NOW);
		expect(r.ok).toBe(true);
		const k = getKey(db, f.communityId, id, NOW)!;
		expect(k.state).toBe('lent');
		expect(k.openLoan).toMatchObject({
			borrowerName: '黄海',
			consentBasis: 'phone',
			consentPhone: '13800000001',
			consentAnswer: 'agreed',
			collateralIdType: 'id_card',
			lentAt: NOW,
			slot: 'A-01',
			overdue: false
		});
		expect(k.openLoan!.lentBy?.displayName).toBe('clerk');
	});

	it('a double submit (same token) lends once', () => {
		const id = registered();
		const input = lendInput();
		const a = lendKey(db, clerk, id, input, NOW);
		const b = lendKey(db, clerk, id, input, NOW + 1000);
		expect(a.ok && b.ok && a.id === b.id).toBe(true);
		expect(b).toMatchObject({ replay: true });
		expect(counts().loans).toBe(1);
	});

	it('bad input: key already out, missing consent, neither escort nor collateral, return in the past — nothing written', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		const before = counts();
		expect(lendKey(db, clerk, id, lendInput(), NOW)).toEqual({ ok: false, errors: ['key_lent'] });
		const id2 = registered({ tagNo: 'K-002', unitCode: '1-1-102' });
		const before2 = counts();
		expect(lendKey(db, clerk, id2, lendInput({ consent: null }), NOW)).toEqual({
			ok: false,
			errors: ['consent_required']
		});
		expect(lendKey(db, clerk, id2, lendInput({ collateral: null }), NOW)).toEqual({
			ok: false,
			errors: ['escort_or_collateral_required']
		});
		expect(lendKey(db, clerk, id2, lendInput({ expectedReturnAt: NOW - MIN }), NOW)).toEqual({
			ok: false,
			errors: ['expected_return_past']
		});
		expect(
			lendKey(
				db,
				clerk,
				id2,
				lendInput({
					consent: { phone: '13800000002', atMs: NOW, byStaffId: f.clerkId, answer: 'refused' }
				}),
				NOW
			)
		).toEqual({ ok: false, errors: ['consent_refused'] });
		expect(counts()).toEqual(before2);
		expect(before2.loans).toBe(before.loans);
	});

	it('the owner borrows without a call (matched by ID number on file); the call is not recorded', () => {
		const id = registered();
		const r = lendKey(
			db,
			clerk,
			id,
			lendInput({
				borrowerIdNumber: '330100198001010000',
				consent: null,
				borrowerCompany: '',
				borrowerRelation: '本人'
			}),
			NOW
		);
		expect(r.ok).toBe(true);
		expect(getKey(db, f.communityId, id, NOW)!.openLoan).toMatchObject({
			consentBasis: 'owner',
			consentPhone: null,
			consentAt: null,
			consentBy: null
		});
	});

	it('a person the owner authorised borrows without a call; a mere resident needs one', () => {
		const id = registered();
		const person = (name: string, idNumber: string, role: 'authorised' | 'resident') => {
			const o = db
				.insert(owners)
				.values({
					communityId: f.communityId,
					name,
					phone: '13900000000',
					idNumber,
					createdAt: NOW
				})
				.returning()
				.get();
			db.insert(unitOwners).values({ unitId: f.unitIds[0], ownerId: o.id, role }).run();
		};
		person('陈立新', '33010619850715003x', 'authorised');
		person('租户', '330106199001010011', 'resident');
		expect(
			lendKey(
				db,
				clerk,
				id,
				lendInput({ borrowerIdNumber: '330106199001010011', consent: null }),
				NOW
			)
		).toEqual({ ok: false, errors: ['consent_required'] });
		const r = lendKey(
			db,
			clerk,
			id,
			lendInput({ borrowerIdNumber: '33010619850715003X', consent: null }),
			NOW
		);
		expect(r.ok).toBe(true);
		expect(getKey(db, f.communityId, id, NOW)!.openLoan!.consentBasis).toBe('authorised');
	});

	it('the owner of another unit is not the owner of this one', () => {
		const id = registered();
		expect(
			lendKey(
				db,
				clerk,
				id,
				lendInput({ borrowerIdNumber: '330100198001010001', consent: null }),
				NOW
			)
		).toEqual({ ok: false, errors: ['consent_required'] });
	});

	it('a common-area key needs no consent; an escort alone is enough', () => {
		const id = registered({ kind: 'common', description: '天台', tagNo: 'G-1' });
		const r = lendKey(
			db,
			clerk,
			id,
			lendInput({ consent: null, collateral: null, escortStaffId: f.clerk2Id }),
			NOW
		);
		expect(r.ok).toBe(true);
		expect(getKey(db, f.communityId, id, NOW)!.openLoan).toMatchObject({
			consentBasis: 'not_required',
			escort: { displayName: 'clerk2' },
			collateralIdNumber: null
		});
	});

	it('an inactive staff member cannot escort', () => {
		const id = registered();
		db.update(staffUsers).set({ active: false }).where(eq(staffUsers.id, f.clerk2Id)).run();
		expect(
			lendKey(db, clerk, id, lendInput({ collateral: null, escortStaffId: f.clerk2Id }), NOW)
		).toEqual({ ok: false, errors: ['escort_unknown'] });
	});

	it('a lost key or one handed back to its owner cannot be lent', () => {
		const id = registered();
		expect(dispose(id, 'lost').ok).toBe(true);
		expect(lendKey(db, clerk, id, lendInput(), NOW)).toEqual({ ok: false, errors: ['key_lost'] });
	});

	it('the log is append-only: SQLite refuses UPDATE and DELETE', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		returnKey(db, clerk, id, returnInput(), NOW + H);
		expect(() => db.update(keyLoans).set({ borrowerName: 'x' }).run()).toThrow(/append-only/);
		expect(() => db.delete(keyLoans).run()).toThrow(/append-only/);
		expect(() => db.update(keyReturns).set({ note: 'x' }).run()).toThrow(/append-only/);
		expect(() => db.delete(keyReturns).run()).toThrow(/append-only/);
	});
});

describe('returns', () => {
	it('closes the loan: key back in its slot, collateral handed back', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		const r = returnKey(db, clerk, id, returnInput({ receivedBy: f.clerk2Id }), NOW + H);
		expect(r.ok).toBe(true);
		const k = getKey(db, f.communityId, id, NOW + H)!;
		expect(k.state).toBe('in_cabinet');
		const [loan] = keyLoansOf(db, f.communityId, id, NOW + H);
		expect(loan.returned).toMatchObject({
			returnedAt: NOW + H,
			receivedBy: { displayName: 'clerk2' },
			slot: 'A-01',
			collateralReturned: true,
			lost: false
		});
	});

	it('a key can be lent again after its return', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		returnKey(db, clerk, id, returnInput(), NOW + H);
		expect(
			lendKey(
				db,
				clerk,
				id,
				lendInput({
					consent: { phone: '1', atMs: NOW + H, byStaffId: f.clerkId, answer: 'agreed' },
					expectedReturnAt: NOW + 3 * H
				}),
				NOW + H
			).ok
		).toBe(true);
		expect(keyLoansOf(db, f.communityId, id, NOW + H)).toHaveLength(2);
	});

	it('bad input: key not lent, slot not confirmed, collateral kept — nothing written', () => {
		const id = registered();
		const before = counts();
		expect(returnKey(db, clerk, id, returnInput(), NOW)).toEqual({
			ok: false,
			errors: ['key_not_lent']
		});
		expect(counts()).toEqual(before);
		lendKey(db, clerk, id, lendInput(), NOW);
		const lent = counts();
		expect(
			returnKey(
				db,
				clerk,
				id,
				returnInput({ slotConfirmed: false, collateralReturned: false }),
				NOW + H
			)
		).toEqual({ ok: false, errors: ['slot_not_confirmed', 'collateral_not_returned'] });
		expect(returnKey(db, clerk, id, returnInput({ returnedAt: NOW + 2 * H }), NOW + H)).toEqual({
			ok: false,
			errors: ['return_time_future']
		});
		expect(counts()).toEqual(lent);
	});

	it('a double submit returns once; a second return (new token) is refused', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		const input = returnInput();
		const a = returnKey(db, clerk, id, input, NOW + H);
		const b = returnKey(db, clerk, id, input, NOW + H);
		expect(a.ok && b.ok && a.id === b.id).toBe(true);
		expect(returnKey(db, clerk, id, returnInput(), NOW + H)).toEqual({
			ok: false,
			errors: ['key_not_lent']
		});
		expect(counts().returns).toBe(1);
	});

	it('no collateral held: nothing to hand back', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput({ collateral: null, escortStaffId: f.clerk2Id }), NOW);
		expect(returnKey(db, clerk, id, returnInput({ collateralReturned: false }), NOW + H).ok).toBe(
			true
		);
		expect(keyLoansOf(db, f.communityId, id, NOW + H)[0].returned!.collateralReturned).toBeNull();
	});

	it('a key the borrower lost closes the loan and is marked lost (audited)', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		expect(
			returnKey(db, clerk, id, returnInput({ lost: true, slotConfirmed: false }), NOW + H).ok
		).toBe(true);
		expect(getKey(db, f.communityId, id, NOW + H)!.state).toBe('lost');
		expect(keyAuditTrail(db, f.communityId, id)[0]).toMatchObject({
			action: 'key.disposition',
			detail: { from: 'active', to: 'lost' }
		});
	});
});

describe('disposition', () => {
	it('cannot change while lent', () => {
		const id = registered();
		lendKey(db, clerk, id, lendInput(), NOW);
		expect(dispose(id, 'returned_to_owner')).toEqual({ ok: false, errors: ['key_lent'] });
	});

	it('handed back, then deposited again with a new consent', () => {
		const id = registered();
		expect(dispose(id, 'returned_to_owner', { note: '业主取回' }).ok).toBe(true);
		expect(getKey(db, f.communityId, id, NOW)!.state).toBe('returned_to_owner');
		expect(dispose(id, 'active')).toEqual({ ok: false, errors: ['deposit_consent_required'] });
		expect(
			dispose(id, 'active', { depositConsentDate: '2026-11-23', depositConsentMethod: 'phone' }).ok
		).toBe(true);
		const k = getKey(db, f.communityId, id, NOW)!;
		expect(k).toMatchObject({
			state: 'in_cabinet',
			depositConsentDate: '2026-11-23',
			depositConsentMethod: 'phone'
		});
		expect(keyAuditTrail(db, f.communityId, id).map((a) => a.action)).toEqual([
			'key.disposition',
			'key.disposition',
			'key.create'
		]);
	});
});

describe('lists, overdue and the log', () => {
	it('overdue: past the expected return and not back, with the borrower phone', () => {
		const a = registered();
		const b = registered({ tagNo: 'K-002', unitCode: '1-1-102' });
		lendKey(db, clerk, a, lendInput({ expectedReturnAt: NOW + H }), NOW);
		lendKey(
			db,
			clerk,
			b,
			lendInput({ expectedReturnAt: NOW + 3 * H, borrowerPhone: '13999999999' }),
			NOW
		);
		expect(overdueLoans(db, f.communityId, NOW + H)).toHaveLength(0);
		const later = overdueLoans(db, f.communityId, NOW + 4 * H);
		expect(later.map((l) => [l.tagNo, l.borrowerPhone])).toEqual([
			['K-001', '13777001122'],
			['K-002', '13999999999']
		]);
		returnKey(db, clerk, a, returnInput({ returnedAt: NOW + 4 * H }), NOW + 4 * H);
		expect(overdueLoans(db, f.communityId, NOW + 4 * H).map((l) => l.tagNo)).toEqual(['K-002']);
		expect(overdueLoans(db, f.otherCommunityId, NOW + 4 * H)).toHaveLength(0);
	});

	it('list filters by state and text', () => {
		const a = registered();
		registered({ tagNo: 'G-1', kind: 'common', description: '配电房' });
		lendKey(db, clerk, a, lendInput(), NOW);
		expect(listKeys(db, f.communityId, NOW).map((k) => [k.tagNo, k.state])).toEqual([
			['G-1', 'in_cabinet'],
			['K-001', 'lent']
		]);
		expect(listKeys(db, f.communityId, NOW, { state: 'lent' }).map((k) => k.tagNo)).toEqual([
			'K-001'
		]);
		expect(listKeys(db, f.communityId, NOW, { q: '配电' }).map((k) => k.tagNo)).toEqual(['G-1']);
		expect(listKeys(db, f.communityId, NOW, { q: 'k-00' }).map((k) => k.tagNo)).toEqual(['K-001']);
		expect(listKeys(db, f.communityId, NOW, { q: '1-1-101' }).map((k) => k.tagNo)).toEqual([
			'K-001'
		]);
	});

	it('the log covers loans lent or returned in the range', () => {
		const a = registered();
		const day = 24 * H;
		lendKey(
			db,
			clerk,
			a,
			lendInput({
				borrowerName: '甲',
				consent: { phone: '1', atMs: NOW - day, byStaffId: f.clerkId, answer: 'agreed' },
				expectedReturnAt: NOW - day + H
			}),
			NOW - day
		); // lent Sunday, returned Monday
		returnKey(db, clerk, a, returnInput({ returnedAt: NOW }), NOW);
		lendKey(
			db,
			clerk,
			a,
			lendInput({
				borrowerName: '乙',
				consent: { phone: '1', atMs: NOW + day, byStaffId: f.clerkId, answer: 'agreed' },
				expectedReturnAt: NOW + day + H
			}),
			NOW + day
		); // Tuesday
		const mon = [Date.parse('2026-11-22T16:00:00Z'), Date.parse('2026-11-23T16:00:00Z')] as const;
		expect(logEntries(db, f.communityId, ...mon, NOW + day).map((l) => l.borrowerName)).toEqual([
			'甲'
		]);
		expect(
			logEntries(db, f.communityId, mon[0] - day, mon[1] + day, NOW + day).map(
				(l) => l.borrowerName
			)
		).toEqual(['甲', '乙']);
		expect(logEntries(db, f.communityId, mon[1] + day, mon[1] + 2 * day, NOW + day)).toEqual([]);
	});

	it('the log PDF lists each loan in Chinese with masked ID numbers', async () => {
		const a = registered();
		lendKey(db, clerk, a, lendInput(), NOW);
		const b = registered({ tagNo: 'G-7', kind: 'common', description: '天台' });
		lendKey(
			db,
			clerk,
			b,
			lendInput({
				borrowerName: '刘建',
				consent: null,
				collateral: null,
				escortStaffId: f.clerk2Id
			}),
			NOW
		);
		returnKey(db, clerk, b, returnInput({ returnedAt: NOW + 30 * MIN }), NOW + H);
		const loans = logEntries(db, f.communityId, NOW - H, NOW + 2 * H, NOW + 3 * H);
		const text = pdfText(
			await keyLogPdf({
				communityName: '测试小区',
				centreName: '测试小区管理处',
				timeZone: 'Asia/Shanghai',
				from: '2026-11-23',
				to: '2026-11-23',
				printedAt: NOW + 3 * H,
				printedBy: 'clerk',
				loans
			})
		);
		for (const s of [
			'钥匙借用册',
			'2026-11-23 至 2026-11-23',
			'K-001',
			'1-1-101',
			'黄海',
			'13777001122',
			'看房',
			'同意',
			'3301****7714',
			'逾期未还',
			'G-7',
			'天台',
			'刘建',
			'公共区域钥匙',
			'陪同',
			'11-23 09:30',
			'归位：A-01'
		])
			expect(text).toContain(s);
		expect(text).not.toContain('330103199501017714');
	});

	it('an empty range prints an empty log', async () => {
		const text = pdfText(
			await keyLogPdf({
				communityName: '测试小区',
				centreName: '测试小区管理处',
				timeZone: 'Asia/Shanghai',
				from: '2026-01-01',
				to: '2026-01-31',
				printedAt: NOW,
				printedBy: 'clerk',
				loans: []
			})
		);
		expect(text).toContain('本期间无借用记录');
	});
});

describe('demo seed', () => {
	it('registers ~30 keys with some lent and one overdue, and is idempotent', () => {
		// A demo-like world: the seed's staff usernames and the units its keys open, each with an owner.
		const demo = createTestDb();
		const communityId = demo
			.insert(communities)
			.values({ code: 'LMXG', name: '鹿鸣溪谷', centreName: '鹿鸣溪谷管理处', createdAt: NOW })
			.returning()
			.get().id;
		for (const username of ['clerk', 'clerk2'])
			demo
				.insert(staffUsers)
				.values({
					communityId,
					username,
					displayName: username,
					workNo: username,
					role: 'clerk',
					passwordHash: 'x',
					createdAt: NOW
				})
				.run();
		DEMO_UNIT_KEYS.forEach((code, i) => {
			const [building, entrance, room] = code.split('-');
			const unitId = demo
				.insert(units)
				.values({ communityId, building, entrance, room, code, areaCenti: 9000, createdAt: NOW })
				.returning()
				.get().id;
			const ownerId = demo
				.insert(owners)
				.values({
					communityId,
					name: `业主${i}`,
					phone: `1380000${String(i).padStart(4, '0')}`,
					idNumber: `3301001980010100${String(i).padStart(2, '0')}`,
					createdAt: NOW
				})
				.returning()
				.get().id;
			demo.insert(unitOwners).values({ unitId, ownerId, role: 'owner' }).run();
		});
		seedKeys(demo, { communityId, today: new Date(NOW) });
		const all = listKeys(demo, communityId, NOW);
		expect(all.length).toBeGreaterThanOrEqual(28);
		expect(all.filter((k) => k.state === 'lent')).toHaveLength(2);
		expect(overdueLoans(demo, communityId, NOW)).toHaveLength(1);
		expect(all.some((k) => k.state === 'lost')).toBe(true);
		expect(all.some((k) => k.state === 'returned_to_owner')).toBe(true);
		expect(all.some((k) => k.unitCode?.startsWith('7-'))).toBe(false);
		const history = logEntries(demo, communityId, NOW - 8 * 24 * H, NOW + H, NOW);
		expect(history.length).toBe(7);
		expect(history.some((l) => l.consentBasis === 'authorised')).toBe(true);
		seedKeys(demo, { communityId, today: new Date(NOW) });
		expect(listKeys(demo, communityId, NOW)).toHaveLength(all.length);
	});
});
