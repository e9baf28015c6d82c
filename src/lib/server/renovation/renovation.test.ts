import { describe, it, expect, beforeEach } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PHOTO_MAX_BYTES } from '../../domain/photos';
import { createTestDb } from '../db/test-db';
import { createFixture, failInserts, type Fixture } from '../db/fixtures';
import { contractorApplication } from './test-fixture';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { unitOwners, units } from '../db/schema';
import { forgetCommunity } from '../community';
import { paymentByReceiptNo, voidPayment } from '../ledger';
import {
	createApplication,
	depositMovements,
	depositsHeld,
	issuePasses,
	payFees,
	renovationActivity,
	renovationBoard,
	renovationDetail,
	RenovationError,
	seedRenovations,
	settleDeposit,
	settlePass,
	transition,
	voucherByNo,
	readDeductionPhoto,
	listRenovations,
	findRenovation,
	voucherSummary,
	reviewFees,
	reviewSettlement,
	reviewStep,
	type Actor,
	type ApplicationInput,
	type MethodInput,
	type WorkerInput
} from './index';

let db: Db;
let f: Fixture;
let clerk: Actor;
let manager: Actor;
const DAY = 86_400_000;
const NOW = Date.parse('2026-11-23T01:00:00Z'); // 09:00 in Shanghai, 2026-11-23
const TODAY = '2026-11-23';

const IDS = [
	'330102198507151234',
	'330106199002287765',
	'33010419921105331X',
	'330102197811114415'
];

const app = contractorApplication;

function cash(tenderedFen = 1_000_000): MethodInput {
	return {
		method: 'cash',
		methodRef: '',
		bank: '',
		tenderedFen,
		payerName: '',
		idempotencyKey: crypto.randomUUID()
	};
}

function worker(i: number, over: Partial<WorkerInput> = {}): WorkerInput {
	return {
		name: ['赵建军', '钱小兵', '孙立', '李四海'][i],
		idNumber: IDS[i],
		phone: `1395710000${i}`,
		idCopyOnFile: true,
		photoOnFile: true,
		expiresOn: '2027-01-31',
		...over
	};
}

const refund = (
	over: Partial<{ method: 'cash' | 'transfer' | null; methodRef: string; payeeName: string }> = {}
) => ({
	method: 'cash' as const,
	methodRef: '',
	payeeName: '',
	idempotencyKey: crypto.randomUUID(),
	...over
});

function code(fn: () => unknown): string {
	try {
		fn();
	} catch (e) {
		if (e instanceof RenovationError) return e.code;
		if (e instanceof Error && e.name === 'LedgerError') return 'ledger:' + e.message;
		throw e;
	}
	return 'ok';
}

/** Row counts of every table a renovation step may write. */
function counts() {
	const tables = [
		'renovations',
		'renovation_events',
		'renovation_passes',
		'payments',
		'payment_lines',
		'deposit_settlements',
		'deposit_settlement_lines',
		'audit_log'
	];
	return Object.fromEntries(
		tables.map((t) => [
			t,
			(db.$client.prepare(`SELECT count(*) n FROM ${t}`).get() as { n: number }).n
		])
	);
}

/** An application taken to `approved` (contractor, wall demolition). */
function approved(over: Partial<ApplicationInput> = {}) {
	const { id } = createApplication(db, clerk, app(over), NOW);
	transition(db, manager, id, { action: 'approve' }, { now: NOW });
	return id;
}

/** …then paid with `n` passes, permit issued and work started. */
function started(n = 3, over: Partial<ApplicationInput> = {}) {
	const id = approved(over);
	const paid = payFees(
		db,
		clerk,
		{
			renovationId: id,
			agreementSigned: true,
			wallAreaCenti: over.wallDemolition === false ? 0 : 1250,
			workers: Array.from({ length: n }, (_, i) => worker(i)),
			method: cash()
		},
		NOW
	);
	transition(db, clerk, id, { action: 'issue_permit', until: '2027-01-31' }, { now: NOW });
	transition(db, clerk, id, { action: 'start' }, { now: NOW });
	return { id, receiptNo: paid.receiptNo };
}

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db);
	openTestShifts(db, f);
	clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
	manager = { id: f.managerId, communityId: f.communityId, role: 'manager' };
});

describe('the whole flow', () => {
	it('apply → approve → pay with 3 passes → permit → fail → re-inspect → refund with a ¥300 deduction → close', () => {
		const { id, appNo } = createApplication(db, clerk, app(), NOW);
		expect(appNo).toBe('ZX-2026-0001');
		let d = renovationDetail(db, f.communityId, id, TODAY)!;
		expect(d.renovation.state).toBe('submitted');
		// Owner's application left blank: the owner on file fills it in.
		expect(d.renovation.applicantName).toBe('张伟');
		expect(d.renovation.applicantPhone).toBe('13800000001');

		transition(db, manager, id, { action: 'approve', note: '图纸合格' }, { now: NOW });
		const paid = payFees(
			db,
			clerk,
			{
				renovationId: id,
				agreementSigned: true,
				wallAreaCenti: 1250,
				workers: [worker(0), worker(1), worker(2)],
				method: cash(300000)
			},
			NOW
		);
		// 2000 deposit + 3 × (50 + 10) passes + 3.00 × 90.00 m² debris + 15.00 × 12.50 m² wall debris
		const total = 200000 + 3 * 6000 + 27000 + 18750;
		expect(paid).toMatchObject({
			receiptNo: 'SF-2026-000001',
			totalFen: total,
			changeFen: 300000 - total,
			replayed: false
		});
		const rec = paymentByReceiptNo(db, f.communityId, paid.receiptNo)!;
		expect(rec.payment.purpose).toBe('renovation');
		expect(rec.payment.payerName).toBe('张伟');
		expect(rec.lines.map((l) => [l.kind, l.itemCode, l.amountFen])).toEqual([
			['deposit', 'renovation_deposit', 200000],
			['deposit', 'pass_deposit', 5000],
			['charge', 'pass_card_fee', 1000],
			['deposit', 'pass_deposit', 5000],
			['charge', 'pass_card_fee', 1000],
			['deposit', 'pass_deposit', 5000],
			['charge', 'pass_card_fee', 1000],
			['charge', 'debris_fee', 27000],
			['charge', 'wall_debris_fee', 18750]
		]);
		expect(rec.lines[0]).toMatchObject({ refType: 'renovation', refId: id });
		expect(rec.lines[1]).toMatchObject({
			refType: 'renovation_pass',
			description: 'CR-2026-0001 赵建军'
		});
		expect(JSON.parse(rec.lines[1].detail)).toMatchObject({
			itemNameZh: '临时出入证押金',
			passNo: 'CR-2026-0001'
		});
		expect(rec.lines[7].description).toBe('3.00元/㎡×90.00㎡（建筑面积）');

		transition(db, clerk, id, { action: 'issue_permit', until: '2027-01-31' }, { now: NOW });
		transition(db, clerk, id, { action: 'start' }, { now: NOW });
		transition(
			db,
			clerk,
			id,
			{ action: 'inspect_fail', items: ['公共走廊墙面污损', ' '] },
			{ now: NOW + 30 * DAY }
		);
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW + 35 * DAY });
		d = renovationDetail(db, f.communityId, id, TODAY)!;
		expect(d.renovation.permitNo).toBe('XK-2026-0001');
		expect(d.renovation.permitFrom).toBe(TODAY);
		expect(d.deposit).toEqual({ takenFen: 200000, heldFen: 200000, receiptNo: 'SF-2026-000001' });
		expect(d.events.find((e) => e.action === 'inspect_fail')!.detail).toEqual({
			items: ['公共走廊墙面污损']
		});

		const s = settleDeposit(
			db,
			clerk,
			{
				renovationId: id,
				deductions: [{ description: '电梯轿厢划伤', amountFen: 30000 }],
				refund: refund()
			},
			NOW + 36 * DAY
		);
		expect(s).toMatchObject({
			voucherNo: 'TK-2026-000001',
			refundFen: 170000,
			deductedFen: 30000,
			replayed: false
		});
		const v = voucherByNo(db, f.communityId, 'TK-2026-000001')!;
		expect(v.settlement).toMatchObject({
			originalReceiptNo: 'SF-2026-000001',
			payeeName: '张伟',
			method: 'cash',
			subject: 'renovation_deposit'
		});
		expect(v.lines.map((l) => [l.kind, l.amountFen])).toEqual([
			['refund', 170000],
			['deduction', 30000]
		]);

		// Closing waits for the three passes.
		expect(
			code(() => transition(db, clerk, id, { action: 'close' }, { now: NOW + 36 * DAY }))
		).toBe('passes_outstanding');
		const passes = renovationDetail(db, f.communityId, id, TODAY)!.passes;
		expect(passes.map((p) => p.passNo)).toEqual(['CR-2026-0001', 'CR-2026-0002', 'CR-2026-0003']);
		const vouchers = passes.map(
			(p) =>
				settlePass(
					db,
					clerk,
					{ passId: p.id, outcome: 'returned', refund: refund() },
					NOW + 36 * DAY
				).voucherNo
		);
		expect(vouchers).toEqual(['TK-2026-000002', 'TK-2026-000003', 'TK-2026-000004']);
		transition(db, clerk, id, { action: 'close' }, { now: NOW + 36 * DAY });

		d = renovationDetail(db, f.communityId, id, '2026-12-29')!;
		expect(d.renovation.state).toBe('closed');
		expect(d.passes.every((p) => p.status === 'returned' && p.depositHeldFen === 0)).toBe(true);
		expect(d.events.map((e) => e.action)).toEqual([
			'submit',
			'approve',
			'pay',
			'issue_permit',
			'start',
			'inspect_fail',
			'inspect_pass',
			'settle_deposit',
			'pass_settle',
			'pass_settle',
			'pass_settle',
			'close'
		]);
		expect(d.events.every((e) => e.actor && e.at > 0)).toBe(true);
		expect(d.events[1]).toMatchObject({
			fromState: 'submitted',
			toState: 'approved',
			actor: 'manager',
			note: '图纸合格'
		});
		expect(depositsHeld(db, f.communityId, '2026-12-31')).toEqual({
			byItem: [
				{ itemCode: 'renovation_deposit', heldFen: 0 },
				{ itemCode: 'pass_deposit', heldFen: 0 }
			],
			totalFen: 0
		});
	});

	it('自装 needs only the drawings, and the contractor fields stay empty', () => {
		const { id } = createApplication(
			db,
			clerk,
			app({
				selfRenovation: true,
				contractorName: 'X',
				contractorLicence: 'Y',
				wallDemolition: false,
				documents: {
					design_drawings: true,
					construction_drawings: true,
					contractor_qualification: true,
					business_licence: true
				}
			}),
			NOW
		);
		const d = renovationDetail(db, f.communityId, id, TODAY)!;
		expect(d.renovation).toMatchObject({
			selfRenovation: true,
			contractorName: '',
			contractorLicence: '',
			docQualification: false,
			docLicence: false
		});
		expect(d.missingDocuments).toEqual([]);
		transition(db, manager, id, { action: 'approve' }, { now: NOW });
		const paid = payFees(
			db,
			clerk,
			{
				renovationId: id,
				agreementSigned: true,
				wallAreaCenti: 0,
				workers: [],
				method: { ...cash(), method: 'wechat', methodRef: 'WX20261123001', tenderedFen: null }
			},
			NOW
		);
		expect(paid.totalFen).toBe(200000 + 27000);
		expect(paid.changeFen).toBeNull();
	});

	it('a designated person gives name, phone and relation', () => {
		expect(
			code(() =>
				createApplication(
					db,
					clerk,
					app({ applicantKind: 'designee', applicantName: '陈工', applicantPhone: '13900000000' }),
					NOW
				)
			)
		).toBe('relation_required');
		const { id } = createApplication(
			db,
			clerk,
			app({
				applicantKind: 'designee',
				applicantName: '陈工',
				applicantPhone: '13900000000',
				applicantRelation: '装修负责人'
			}),
			NOW
		);
		expect(renovationDetail(db, f.communityId, id, TODAY)!.renovation).toMatchObject({
			applicantName: '陈工',
			applicantRelation: '装修负责人'
		});
	});

	it('documents can be completed while the review is pending, then approval goes through', () => {
		const { id } = createApplication(
			db,
			clerk,
			app({
				documents: {
					design_drawings: true,
					construction_drawings: true,
					contractor_qualification: false,
					business_licence: false
				}
			}),
			NOW
		);
		expect(code(() => transition(db, manager, id, { action: 'approve' }, { now: NOW }))).toBe(
			'documents_incomplete'
		);
		transition(
			db,
			clerk,
			id,
			{
				action: 'update_documents',
				documents: {
					design_drawings: true,
					construction_drawings: true,
					contractor_qualification: true,
					business_licence: true
				}
			},
			{ now: NOW }
		);
		expect(transition(db, manager, id, { action: 'approve' }, { now: NOW }).state).toBe('approved');
	});

	it('a rejected application is final and frees the unit for a new one', () => {
		const { id } = createApplication(db, clerk, app(), NOW);
		transition(db, manager, id, { action: 'reject', reason: '拆改承重墙' }, { now: NOW });
		expect(code(() => transition(db, manager, id, { action: 'approve' }, { now: NOW }))).toBe(
			'illegal_transition'
		);
		expect(createApplication(db, clerk, app(), NOW).appNo).toBe('ZX-2026-0002');
	});
});

describe('refusals write nothing', () => {
	it('application: unknown unit, open application, dates, contractor', () => {
		createApplication(db, clerk, app(), NOW);
		const before = counts();
		expect(code(() => createApplication(db, clerk, app({ unitCode: '9-9-999' }), NOW))).toBe(
			'unit_not_found'
		);
		expect(code(() => createApplication(db, clerk, app({ unitCode: '9-9-909' }), NOW))).toBe(
			'unit_not_found'
		); // other community's unit
		expect(code(() => createApplication(db, clerk, app(), NOW))).toBe('open_application');
		expect(
			code(() =>
				createApplication(db, clerk, app({ unitCode: '1-1-102', plannedStart: '2026-11-22' }), NOW)
			)
		).toBe('start_in_past');
		expect(
			code(() =>
				createApplication(db, clerk, app({ unitCode: '1-1-102', plannedEnd: '2026-11-22' }), NOW)
			)
		).toBe('end_before_start');
		expect(
			code(() =>
				createApplication(db, clerk, app({ unitCode: '1-1-102', plannedEnd: '2028-01-31' }), NOW)
			)
		).toBe('plan_too_long');
		expect(
			code(() =>
				createApplication(db, clerk, app({ unitCode: '1-1-102', contractorLicence: '' }), NOW)
			)
		).toBe('contractor_required');
		expect(counts()).toEqual(before);
	});

	it('approval and rejection: manager only, rejection with a reason', () => {
		const { id } = createApplication(db, clerk, app(), NOW);
		const before = counts();
		expect(code(() => transition(db, clerk, id, { action: 'approve' }, { now: NOW }))).toBe(
			'role_forbidden'
		);
		expect(
			code(() => transition(db, manager, id, { action: 'reject', reason: '  ' }, { now: NOW }))
		).toBe('reason_required');
		expect(code(() => transition(db, clerk, id, { action: 'start' }, { now: NOW }))).toBe(
			'illegal_transition'
		);
		expect(code(() => transition(db, clerk, 99999, { action: 'start' }, { now: NOW }))).toBe(
			'not_found'
		);
		const other: Actor = { ...manager, communityId: f.otherCommunityId };
		expect(code(() => transition(db, other, id, { action: 'approve' }, { now: NOW }))).toBe(
			'not_found'
		);
		expect(counts()).toEqual(before);
	});

	it('fees: agreement, negative/zero/absurd wall areas, pass expiry, duplicate workers', () => {
		const id = approved();
		const pay = (over: Partial<Parameters<typeof payFees>[2]> = {}) =>
			code(() =>
				payFees(
					db,
					clerk,
					{
						renovationId: id,
						agreementSigned: true,
						wallAreaCenti: 1250,
						workers: [worker(0)],
						method: cash(),
						...over
					},
					NOW
				)
			);
		const before = counts();
		expect(pay({ agreementSigned: false })).toBe('agreement_required');
		expect(pay({ wallAreaCenti: 0 })).toBe('wall_area_required');
		expect(pay({ wallAreaCenti: -500 })).toBe('wall_area_required');
		expect(pay({ wallAreaCenti: 18001 })).toBe('wall_area_absurd'); // > 2 × 90.00 m²
		expect(pay({ workers: [worker(0, { expiresOn: '2026-11-22' })] })).toBe('pass_expiry_past');
		expect(pay({ workers: [worker(0, { expiresOn: '2027-02-01' })] })).toBe(
			'pass_expiry_after_permit'
		);
		expect(pay({ workers: [worker(0, { photoOnFile: false })] })).toBe('pass_documents_required');
		expect(pay({ workers: [worker(0), worker(1, { idNumber: IDS[0].toLowerCase() })] })).toBe(
			'duplicate_worker_in_form'
		);
		expect(pay({ method: { ...cash(1000) } })).toBe('ledger:tendered_short');
		expect(pay({ renovationId: 424242 })).toBe('not_found');
		expect(counts()).toEqual(before);

		const noWall = approved({ unitCode: '1-1-102', wallDemolition: false });
		const b2 = counts();
		expect(
			code(() =>
				payFees(
					db,
					clerk,
					{
						renovationId: noWall,
						agreementSigned: true,
						wallAreaCenti: 100,
						workers: [],
						method: cash()
					},
					NOW
				)
			)
		).toBe('wall_area_not_planned');
		expect(counts()).toEqual(b2);
	});

	it('a worker with a live pass gets no second one, anywhere in the community, until it is settled', () => {
		const { id } = started(1); // worker 0 on 1-1-101
		const other = approved({ unitCode: '1-1-102' });
		const before = counts();
		const err = (() => {
			try {
				payFees(
					db,
					clerk,
					{
						renovationId: other,
						agreementSigned: true,
						wallAreaCenti: 1250,
						workers: [worker(1), worker(0, { idNumber: ' 330102 198507151234 ' })],
						method: cash()
					},
					NOW
				);
			} catch (e) {
				return e as RenovationError;
			}
		})()!;
		expect(err.code).toBe('duplicate_worker');
		expect(err.detail).toMatchObject({ row: 2, passNo: 'CR-2026-0001', unit: '1-1-101' });
		expect(
			code(() =>
				issuePasses(db, clerk, { renovationId: id, workers: [worker(0)], method: cash() }, NOW)
			)
		).toBe('duplicate_worker');
		expect(counts()).toEqual(before);

		const pass = renovationDetail(db, f.communityId, id, TODAY)!.passes[0];
		settlePass(db, clerk, { passId: pass.id, outcome: 'returned', refund: refund() }, NOW);
		expect(
			issuePasses(db, clerk, { renovationId: id, workers: [worker(0)], method: cash() }, NOW)
				.totalFen
		).toBe(6000);
	});

	it('passes for an unknown application, or one not yet paid, are refused', () => {
		const { id } = createApplication(db, clerk, app(), NOW);
		const before = counts();
		expect(
			code(() =>
				issuePasses(db, clerk, { renovationId: 99999, workers: [worker(0)], method: cash() }, NOW)
			)
		).toBe('not_found');
		expect(
			code(() =>
				issuePasses(db, clerk, { renovationId: id, workers: [worker(0)], method: cash() }, NOW)
			)
		).toBe('passes_not_allowed');
		expect(findRenovation(db, f.communityId, 'ZX-2026-9999')).toBeUndefined();
		expect(findRenovation(db, f.communityId, '1-1-101')?.id).toBe(id);
		expect(findRenovation(db, f.communityId, 'zx-2026-0001')?.id).toBe(id);
		expect(counts()).toEqual(before);
	});

	it('refund before the inspection passed, deduction above the deposit, missing refund method', () => {
		const { id } = started(0);
		const before = counts();
		expect(
			code(() =>
				settleDeposit(db, clerk, { renovationId: id, deductions: [], refund: refund() }, NOW)
			)
		).toBe('refund_before_inspection');
		transition(db, clerk, id, { action: 'inspect_fail', items: ['墙面'] }, { now: NOW });
		const b2 = counts();
		expect(
			code(() =>
				settleDeposit(db, clerk, { renovationId: id, deductions: [], refund: refund() }, NOW)
			)
		).toBe('refund_before_inspection');
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW });
		const b3 = counts();
		expect(
			code(() =>
				settleDeposit(
					db,
					clerk,
					{
						renovationId: id,
						deductions: [{ description: '墙面', amountFen: 200001 }],
						refund: refund()
					},
					NOW
				)
			)
		).toBe('deduction_above_deposit');
		expect(
			code(() =>
				settleDeposit(
					db,
					clerk,
					{ renovationId: id, deductions: [{ description: '', amountFen: 100 }], refund: refund() },
					NOW
				)
			)
		).toBe('deduction_description');
		expect(
			code(() =>
				settleDeposit(
					db,
					clerk,
					{ renovationId: id, deductions: [], refund: refund({ method: null }) },
					NOW
				)
			)
		).toBe('refund_method_required');
		expect(
			code(() =>
				settleDeposit(
					db,
					clerk,
					{ renovationId: id, deductions: [], refund: refund({ method: 'transfer' }) },
					NOW
				)
			)
		).toBe('refund_ref_required');
		expect(counts()).toEqual(b3);
		expect(b2.renovation_events).toBe(before.renovation_events + 1);
		// The whole deposit kept: no refund method needed, nothing paid out.
		const s = settleDeposit(
			db,
			clerk,
			{
				renovationId: id,
				deductions: [{ description: '消防喷淋头损坏', amountFen: 200000 }],
				refund: refund({ method: null })
			},
			NOW
		);
		expect(s).toMatchObject({ refundFen: 0, deductedFen: 200000 });
		expect(
			code(() =>
				settleDeposit(db, clerk, { renovationId: id, deductions: [], refund: refund() }, NOW)
			)
		).toBe('already_settled');
	});

	it('work cannot start before the permit', () => {
		const id = approved({ plannedStart: '2026-12-01' });
		payFees(
			db,
			clerk,
			{ renovationId: id, agreementSigned: true, wallAreaCenti: 100, workers: [], method: cash() },
			NOW
		);
		expect(
			code(() =>
				transition(db, clerk, id, { action: 'issue_permit', until: '2026-11-30' }, { now: NOW })
			)
		).toBe('permit_until_before_start');
		transition(db, clerk, id, { action: 'issue_permit', until: '2027-01-31' }, { now: NOW });
		expect(code(() => transition(db, clerk, id, { action: 'start' }, { now: NOW }))).toBe(
			'before_start_date'
		);
		expect(transition(db, clerk, id, { action: 'start' }, { now: NOW + 8 * DAY }).state).toBe(
			'in_progress'
		);
	});
});

describe('double submits', () => {
	it('replay the first result and write nothing', () => {
		const a = app();
		const first = createApplication(db, clerk, a, NOW);
		expect(createApplication(db, clerk, a, NOW)).toEqual({ ...first, replayed: true });
		const key = crypto.randomUUID();
		transition(db, manager, first.id, { action: 'approve' }, { idempotencyKey: key, now: NOW });
		expect(
			transition(db, manager, first.id, { action: 'approve' }, { idempotencyKey: key, now: NOW })
		).toEqual({ state: 'approved', replayed: true });
		const m = cash();
		const pay = () =>
			payFees(
				db,
				clerk,
				{
					renovationId: first.id,
					agreementSigned: true,
					wallAreaCenti: 100,
					workers: [worker(0)],
					method: m
				},
				NOW
			);
		const p1 = pay();
		const before = counts();
		const p2 = pay();
		expect(p2).toMatchObject({ receiptNo: p1.receiptNo, replayed: true });
		expect(counts()).toEqual(before);
	});

	it('settlements replay too', () => {
		const { id } = started(1);
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW });
		const r = refund();
		const a = settleDeposit(db, clerk, { renovationId: id, deductions: [], refund: r }, NOW);
		expect(settleDeposit(db, clerk, { renovationId: id, deductions: [], refund: r }, NOW)).toEqual({
			...a,
			replayed: true
		});
	});
});

describe('deduction photos', () => {
	const png = (extra = 3) =>
		new Uint8Array([
			0x89,
			0x50,
			0x4e,
			0x47,
			0x0d,
			0x0a,
			0x1a,
			0x0a,
			...Array.from({ length: extra }, (_, i) => i)
		]);
	const jpeg = (size: number) => {
		const b = new Uint8Array(size);
		b.set([0xff, 0xd8, 0xff, 0xe0]);
		return b;
	};
	let dir: string;
	const files = () => readdirSync(dir);
	/** An application whose inspection passed, ready for its deposit settlement. */
	function passed() {
		const { id } = started(0);
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW });
		return id;
	}
	const settle = (
		id: number,
		deductions: Parameters<typeof settleDeposit>[2]['deductions'],
		r = refund()
	) =>
		settleDeposit(db, clerk, { renovationId: id, deductions, refund: r }, NOW, { photoDir: dir });

	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'deduction-photos-'));
	});

	it('a deduction photo is stored under a random name, linked to its line, and served to staff of the application only', () => {
		const id = passed();
		const s = settle(id, [
			{
				description: '电梯轿厢划伤',
				amountFen: 30000,
				photos: [{ name: 'lift.png', bytes: png() }]
			},
			{ description: '墙面污损', amountFen: 5000, photos: [] }
		]);
		expect(s).toMatchObject({ refundFen: 165000, deductedFen: 35000, replayed: false });
		const lines = voucherByNo(db, f.communityId, s.voucherNo)!.lines;
		expect(lines.map((l) => [l.kind, l.amountFen, l.photoMime])).toEqual([
			['refund', 165000, null],
			['deduction', 30000, 'image/png'],
			['deduction', 5000, null]
		]);
		const withPhoto = lines[1];
		expect(withPhoto.photoFileName).toMatch(/^[0-9a-f]{32}\.png$/);
		expect(withPhoto).toMatchObject({
			photoSize: png().length,
			photoSha256: expect.stringMatching(/^[0-9a-f]{64}$/)
		});
		expect(files()).toEqual([withPhoto.photoFileName]);
		expect(new Uint8Array(readFileSync(join(dir, withPhoto.photoFileName!)))).toEqual(png());

		const view = renovationDetail(db, f.communityId, id, TODAY)!.settlements[0].lines;
		expect(view.map((l) => [l.kind, l.hasPhoto])).toEqual([
			['refund', false],
			['deduction', true],
			['deduction', false]
		]);
		const back = readDeductionPhoto(db, f.communityId, id, withPhoto.id, dir);
		expect(back?.mime).toBe('image/png');
		expect(new Uint8Array(back!.bytes)).toEqual(png());
		// Not through another community, another application, or a line without a photo.
		expect(readDeductionPhoto(db, f.otherCommunityId, id, withPhoto.id, dir)).toBeNull();
		expect(readDeductionPhoto(db, f.communityId, id + 1, withPhoto.id, dir)).toBeNull();
		expect(readDeductionPhoto(db, f.communityId, id, lines[2].id, dir)).toBeNull();
		expect(renovationDetail(db, f.communityId, id, TODAY)!.events.at(-1)!.detail).toMatchObject({
			voucherNo: s.voucherNo,
			photos: 1
		});
	});

	it('an oversized photo, a file that is not an image, or two photos on a line: refused, nothing written', () => {
		const id = passed();
		const before = counts();
		const row2 = (photos: { name: string; bytes: Uint8Array }[]) => [
			{ description: '墙面污损', amountFen: 5000, photos: [{ name: 'ok.png', bytes: png() }] },
			{ description: '电梯轿厢划伤', amountFen: 30000, photos }
		];
		const refusal = (photos: { name: string; bytes: Uint8Array }[]) => {
			try {
				settle(id, row2(photos));
			} catch (e) {
				if (e instanceof RenovationError) return { code: e.code, ...e.detail };
				throw e;
			}
			return 'ok';
		};
		expect(refusal([{ name: 'big.jpg', bytes: jpeg(PHOTO_MAX_BYTES + 1) }])).toEqual({
			code: 'deduction_photo_size',
			row: 2,
			name: 'big.jpg',
			maxMb: 5
		});
		expect(
			refusal([{ name: 'invoice.png', bytes: new TextEncoder().encode('%PDF-1.7 …') }])
		).toEqual({ code: 'deduction_photo_type', row: 2, name: 'invoice.png' });
		expect(
			refusal([
				{ name: 'a.png', bytes: png() },
				{ name: 'b.png', bytes: png() }
			])
		).toEqual({ code: 'deduction_photo_count', row: 2, max: 1 });
		expect(counts()).toEqual(before);
		expect(files()).toEqual([]);
		expect(renovationDetail(db, f.communityId, id, TODAY)!.renovation.state).toBe(
			'inspection_passed'
		);
		// A photo of exactly 5 MB is fine.
		expect(
			settle(id, [
				{
					description: '墙面污损',
					amountFen: 5000,
					photos: [{ name: 'max.jpg', bytes: jpeg(PHOTO_MAX_BYTES) }]
				}
			]).replayed
		).toBe(false);
		expect(files()).toHaveLength(1);
	});

	it('a refusal or failure inside the transaction, or a replay, leaves no file behind', () => {
		const id = passed();
		const photo = [{ name: 'lift.png', bytes: png() }];
		// A rule refuses after the files were written (above the deposit): they are removed.
		expect(
			code(() => settle(id, [{ description: '电梯', amountFen: 200001, photos: photo }]))
		).toBe('deduction_above_deposit');
		expect(files()).toEqual([]);
		// The database fails half-way (the settlement row is in, its lines are not): all rolled back, file removed.
		const before = counts();
		const undo = failInserts(db, 'deposit_settlement_lines', 'disk I/O error');
		expect(() => settle(id, [{ description: '电梯', amountFen: 30000, photos: photo }])).toThrow(
			/disk I\/O error/
		);
		undo();
		expect(counts()).toEqual(before);
		expect(files()).toEqual([]);
		// The same submit twice: one settlement, one file.
		const r = refund();
		const first = settle(id, [{ description: '电梯', amountFen: 30000, photos: photo }], r);
		const again = settle(id, [{ description: '电梯', amountFen: 30000, photos: photo }], r);
		expect(again).toEqual({ ...first, replayed: true });
		expect(files()).toHaveLength(1);
		// Already settled with another key: refused, its file removed.
		expect(code(() => settle(id, [{ description: '电梯', amountFen: 100, photos: photo }]))).toBe(
			'already_settled'
		);
		expect(files()).toHaveLength(1);
	});
});

describe('worker passes', () => {
	it('a lost pass keeps its deposit (setting on), an expired one is refunded only after expiry', () => {
		const { id } = started(3);
		const [p0, p1, p2] = renovationDetail(db, f.communityId, id, TODAY)!.passes;
		const lost = settlePass(
			db,
			clerk,
			{ passId: p0.id, outcome: 'lost', refund: refund({ method: null }) },
			NOW
		);
		expect(lost).toMatchObject({ refundFen: 0, deductedFen: 5000 });
		expect(voucherByNo(db, f.communityId, lost.voucherNo)!.lines[0]).toMatchObject({
			kind: 'deduction',
			itemCode: 'pass_deposit',
			amountFen: 5000
		});
		expect(
			code(() =>
				settlePass(db, clerk, { passId: p1.id, outcome: 'expired', refund: refund() }, NOW)
			)
		).toBe('not_expired');
		expect(
			settlePass(
				db,
				clerk,
				{ passId: p1.id, outcome: 'expired', refund: refund() },
				Date.parse('2027-02-01T02:00:00Z')
			)
		).toMatchObject({ refundFen: 5000 });
		expect(
			code(() =>
				settlePass(db, clerk, { passId: p0.id, outcome: 'returned', refund: refund() }, NOW)
			)
		).toBe('pass_already_settled');
		expect(
			code(() =>
				settlePass(db, clerk, { passId: 99999, outcome: 'returned', refund: refund() }, NOW)
			)
		).toBe('pass_not_found');
		const d = renovationDetail(db, f.communityId, id, TODAY)!;
		expect(d.passes.map((p) => p.status)).toEqual(['lost', 'expired', 'live']);
		expect(p2.depositHeldFen).toBe(5000);
	});

	it('a lost pass is refunded when the community does not keep the deposit', () => {
		forgetCommunity();
		db = createTestDb();
		f = createFixture(db, { renovation: { lostPassKeepsDeposit: false } });
		openTestShifts(db, f);
		clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
		manager = { id: f.managerId, communityId: f.communityId, role: 'manager' };
		const { id } = started(1);
		const p = renovationDetail(db, f.communityId, id, TODAY)!.passes[0];
		expect(
			settlePass(db, clerk, { passId: p.id, outcome: 'lost', refund: refund() }, NOW)
		).toMatchObject({ refundFen: 5000, deductedFen: 0 });
	});

	it('more passes later go on their own receipt with deposit and card fee', () => {
		const { id } = started(1);
		const more = issuePasses(
			db,
			clerk,
			{ renovationId: id, workers: [worker(1), worker(2)], method: cash() },
			NOW
		);
		expect(more.totalFen).toBe(12000);
		expect(
			paymentByReceiptNo(db, f.communityId, more.receiptNo)!.lines.map((l) => l.itemCode)
		).toEqual(['pass_deposit', 'pass_card_fee', 'pass_deposit', 'pass_card_fee']);
		expect(renovationDetail(db, f.communityId, id, TODAY)!.passes.map((p) => p.receiptNo)).toEqual([
			'SF-2026-000001',
			more.receiptNo,
			more.receiptNo
		]);
	});
});

describe('voids, reports and the board', () => {
	it('a receipt whose deposit was refunded or deducted is not voided: the refusal names the voucher', () => {
		const a = started(1);
		transition(db, clerk, a.id, { action: 'inspect_pass' }, { now: NOW + DAY });
		const s = settleDeposit(
			db,
			clerk,
			{
				renovationId: a.id,
				deductions: [{ description: '墙面', amountFen: 30000 }],
				refund: refund()
			},
			NOW + DAY
		);
		const before = counts();
		let err: unknown = null;
		try {
			voidPayment(db, {
				communityId: f.communityId,
				receiptNo: a.receiptNo,
				reason: '错收',
				managerId: f.managerId,
				now: NOW + 2 * DAY,
				localDate: '2026-11-25'
			});
		} catch (e) {
			err = e;
		}
		expect(err).toMatchObject({ code: 'deposit_settled', detail: { vouchers: [s.voucherNo] } });
		expect(counts()).toEqual(before);
		expect(paymentByReceiptNo(db, f.communityId, a.receiptNo)!.void).toBeNull();
		expect(
			depositsHeld(db, f.communityId, '2026-11-25').byItem.find(
				(b) => b.itemCode === 'renovation_deposit'
			)!.heldFen
		).toBe(0);
		// A pass deposit refunded on the same receipt blocks it just as well.
		const bId = approved({ unitCode: '1-1-102' });
		const b = payFees(
			db,
			clerk,
			{
				renovationId: bId,
				agreementSigned: true,
				wallAreaCenti: 100,
				workers: [worker(1)],
				method: cash()
			},
			NOW
		);
		const pass = renovationDetail(db, f.communityId, bId, TODAY)!.passes[0];
		const ps = settlePass(
			db,
			clerk,
			{ passId: pass.id, outcome: 'returned', refund: refund() },
			NOW + DAY
		);
		expect(
			code(() =>
				voidPayment(db, {
					communityId: f.communityId,
					receiptNo: b.receiptNo,
					reason: '错收',
					managerId: f.managerId,
					now: NOW + 2 * DAY,
					localDate: '2026-11-25'
				})
			)
		).toBe('ledger:deposit_settled');
		expect(ps.voucherNo).toMatch(/^TK-2026-/);
	});

	it('deposits taken, voided, refunded, deducted and held, by item and day', () => {
		const a = started(2); // 2026-11-23: 2000 + 2 × 50 deposits
		const voidMe = approved({ unitCode: '1-1-102' });
		const v = payFees(
			db,
			clerk,
			{
				renovationId: voidMe,
				agreementSigned: true,
				wallAreaCenti: 100,
				workers: [worker(2)],
				method: cash()
			},
			NOW
		);
		voidPayment(db, {
			communityId: f.communityId,
			receiptNo: v.receiptNo,
			reason: '错收',
			managerId: f.managerId,
			now: NOW + DAY,
			localDate: '2026-11-24'
		});
		expect(
			code(() =>
				transition(
					db,
					clerk,
					voidMe,
					{ action: 'issue_permit', until: '2027-01-31' },
					{ now: NOW + DAY }
				)
			)
		).toBe('fees_voided');

		transition(db, clerk, a.id, { action: 'inspect_pass' }, { now: NOW + DAY });
		settleDeposit(
			db,
			clerk,
			{
				renovationId: a.id,
				deductions: [{ description: '墙面', amountFen: 30000 }],
				refund: refund()
			},
			NOW + DAY
		);
		const p = renovationDetail(db, f.communityId, a.id, TODAY)!.passes[0];
		settlePass(
			db,
			clerk,
			{ passId: p.id, outcome: 'lost', refund: refund({ method: null }) },
			NOW + DAY
		);

		expect(depositMovements(db, f.communityId, '2026-11-23', '2026-11-23')).toEqual([
			{
				itemCode: 'renovation_deposit',
				takenFen: 400000,
				takenCount: 2,
				voidedFen: 0,
				refundedFen: 0,
				refundedCount: 0,
				deductedFen: 0,
				deductedCount: 0
			},
			{
				itemCode: 'pass_deposit',
				takenFen: 15000,
				takenCount: 3,
				voidedFen: 0,
				refundedFen: 0,
				refundedCount: 0,
				deductedFen: 0,
				deductedCount: 0
			}
		]);
		expect(depositMovements(db, f.communityId, '2026-11-24', '2026-11-24')).toEqual([
			{
				itemCode: 'renovation_deposit',
				takenFen: 0,
				takenCount: 0,
				voidedFen: 200000,
				refundedFen: 170000,
				refundedCount: 1,
				deductedFen: 30000,
				deductedCount: 1
			},
			{
				itemCode: 'pass_deposit',
				takenFen: 0,
				takenCount: 0,
				voidedFen: 5000,
				refundedFen: 0,
				refundedCount: 0,
				deductedFen: 5000,
				deductedCount: 1
			}
		]);
		expect(depositsHeld(db, f.communityId, '2026-11-23')).toEqual({
			byItem: [
				{ itemCode: 'renovation_deposit', heldFen: 400000 },
				{ itemCode: 'pass_deposit', heldFen: 15000 }
			],
			totalFen: 415000
		});
		expect(depositsHeld(db, f.communityId, '2026-11-24')).toEqual({
			byItem: [
				{ itemCode: 'renovation_deposit', heldFen: 0 },
				{ itemCode: 'pass_deposit', heldFen: 5000 }
			],
			totalFen: 5000
		});
		expect(depositsHeld(db, f.communityId, '2026-11-22').totalFen).toBe(0);
		expect(depositsHeld(db, f.otherCommunityId, '2026-11-24').totalFen).toBe(0);

		expect(voucherSummary(db, f.communityId, '2026-11-24', '2026-11-24')).toMatchObject({
			count: 2,
			first: 'TK-2026-000001',
			last: 'TK-2026-000002',
			refundFen: 170000,
			deductedFen: 35000
		});
		expect(renovationActivity(db, f.communityId, '2026-11-23', '2026-11-23')).toEqual({
			applications: 2,
			approved: 2,
			rejected: 0,
			permitsIssued: 1,
			passesIssued: 3,
			inspectionsPassed: 0,
			inspectionsFailed: 0,
			depositsSettled: 0,
			closed: 0
		});
		expect(renovationActivity(db, f.communityId, '2026-11-24', '2026-11-24')).toMatchObject({
			inspectionsPassed: 1,
			depositsSettled: 1
		});
	});

	it('the board flags permits running out and lists outstanding passes', () => {
		const soon = started(2, { unitCode: '1-1-101' });
		transition(db, clerk, soon.id, { action: 'extend_permit', until: '2027-02-28' }, { now: NOW });
		const later = approved({
			unitCode: '1-1-102',
			plannedEnd: '2026-11-27',
			wallDemolition: false
		});
		payFees(
			db,
			clerk,
			{
				renovationId: later,
				agreementSigned: true,
				wallAreaCenti: 0,
				workers: [worker(3, { expiresOn: '2026-11-27' })],
				method: cash()
			},
			NOW
		);
		transition(db, clerk, later, { action: 'issue_permit', until: '2026-11-27' }, { now: NOW });
		const board = renovationBoard(db, f.communityId, '2026-11-25', 7);
		expect(board.rows.map((r) => [r.unitCode, r.urgency, r.daysLeft, r.passesOutstanding])).toEqual(
			[
				['1-1-102', 'expiring', 2, 1],
				['1-1-101', 'ok', 95, 2]
			]
		);
		const after = renovationBoard(db, f.communityId, '2026-11-28', 7);
		expect(after.rows[0]).toMatchObject({
			unitCode: '1-1-102',
			urgency: 'expired',
			passesExpired: 1
		});
		expect(after.passes.map((p) => [p.passNo, p.expired])).toEqual([
			['CR-2026-0003', true],
			['CR-2026-0001', false],
			['CR-2026-0002', false]
		]);
		expect(listRenovations(db, f.communityId, { q: '102' }).map((r) => r.unitCode)).toEqual([
			'1-1-102'
		]);
		expect(
			listRenovations(db, f.communityId, { states: ['in_progress'] }).map((r) => r.unitCode)
		).toEqual(['1-1-101']);
	});
});

describe('append-only and demo data', () => {
	it('events, passes and settlements refuse UPDATE and DELETE', () => {
		const { id } = started(1);
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW });
		settleDeposit(
			db,
			clerk,
			{ renovationId: id, deductions: [{ description: '墙面', amountFen: 100 }], refund: refund() },
			NOW
		);
		for (const table of [
			'renovation_events',
			'renovation_passes',
			'deposit_settlements',
			'deposit_settlement_lines'
		]) {
			expect(() => db.$client.exec(`UPDATE ${table} SET id = id`)).toThrow(/append-only/);
			expect(() => db.$client.exec(`DELETE FROM ${table}`)).toThrow(/append-only/);
		}
	});

	it('the seed hook creates applications in several states, once', () => {
		const codes = ['5-2-801', '5-2-802', '5-2-901', '5-2-902', '5-2-1001', '5-2-1002'];
		for (const code of codes) {
			const [building, entrance, room] = code.split('-');
			const u = db
				.insert(units)
				.values({
					communityId: f.communityId,
					building,
					entrance,
					room,
					code,
					areaCenti: 9821,
					occupancy: 'occupied',
					createdAt: NOW
				})
				.returning()
				.get();
			db.insert(unitOwners).values({ unitId: u.id, ownerId: f.ownerIds[0], role: 'owner' }).run();
		}
		seedRenovations(db, { communityId: f.communityId, today: new Date(NOW) });
		const states = () =>
			Object.fromEntries(listRenovations(db, f.communityId).map((r) => [r.unitCode, r.state]));
		expect(states()).toEqual({
			'5-2-801': 'closed',
			'5-2-802': 'inspection_failed',
			'5-2-901': 'submitted',
			'5-2-902': 'approved',
			'5-2-1001': 'in_progress',
			'5-2-1002': 'rejected'
		});
		const before = counts();
		seedRenovations(db, { communityId: f.communityId, today: new Date(NOW) });
		expect(counts()).toEqual(before);
	});
});

/*
 * First use (issue 11): fees, permit, inspection and deposit refund are reviewed on the server
 * before they are confirmed: the review answers what the write would record and writes nothing
 * (no row, no receipt, permit or voucher number used up), and refuses what the write refuses.
 */
describe('review before the write', () => {
	it('answers the figures the write records, and writes nothing', () => {
		const id = approved();
		const method = cash(300_000);
		const input = {
			renovationId: id,
			agreementSigned: true,
			wallAreaCenti: 1250,
			workers: [worker(0)],
			method
		};
		const before = counts();
		const fees = reviewFees(db, clerk, input, NOW);
		expect(counts()).toEqual(before);
		const paid = payFees(db, clerk, input, NOW);
		expect(paid.receiptNo).toBe('SF-2026-000001');
		expect(fees.totalFen).toBe(paid.totalFen);
		expect(fees.changeFen).toBe(paid.changeFen);
		const rec = paymentByReceiptNo(db, f.communityId, paid.receiptNo)!;
		expect(fees.lines).toEqual(
			rec.lines.map((l) => ({ itemCode: l.itemCode, kind: l.kind, amountFen: l.amountFen }))
		);

		const b2 = counts();
		expect(
			reviewStep(
				db,
				clerk,
				id,
				{ action: 'issue_permit', until: '2027-01-31' },
				{ idempotencyKey: 'k1', now: NOW }
			)
		).toEqual({ permitNo: 'XK-2026-0001', permitFrom: TODAY, permitUntil: '2027-01-31' });
		expect(counts()).toEqual(b2);
		expect(renovationDetail(db, f.communityId, id, TODAY)!.renovation.state).toBe('paid');
		transition(db, clerk, id, { action: 'issue_permit', until: '2027-01-31' }, { now: NOW });
		transition(db, clerk, id, { action: 'start' }, { now: NOW });
		// An inspection failing with no item to fix is refused by the review as by the write.
		expect(
			code(() =>
				reviewStep(
					db,
					clerk,
					id,
					{ action: 'inspect_fail', items: [' '] },
					{ idempotencyKey: 'k2', now: NOW }
				)
			)
		).toBe(
			code(() => transition(db, clerk, id, { action: 'inspect_fail', items: [' '] }, { now: NOW }))
		);
		reviewStep(db, clerk, id, { action: 'inspect_pass' }, { idempotencyKey: 'k3', now: NOW });
		expect(renovationDetail(db, f.communityId, id, TODAY)!.renovation.state).toBe('in_progress');
		transition(db, clerk, id, { action: 'inspect_pass' }, { now: NOW });

		const b3 = counts();
		// Deductions above the deposit: refused before any confirmation.
		expect(
			code(() =>
				reviewSettlement(
					db,
					clerk,
					{
						renovationId: id,
						deductions: [{ description: '电梯', amountFen: 250000 }],
						refund: refund()
					},
					NOW
				)
			)
		).toBe('deduction_above_deposit');
		const r = reviewSettlement(
			db,
			clerk,
			{
				renovationId: id,
				deductions: [{ description: '电梯轿厢划伤', amountFen: 35000 }],
				refund: refund()
			},
			NOW
		);
		expect(r).toEqual({ refundFen: 165000, deductedFen: 35000 });
		expect(counts()).toEqual(b3);
		expect(
			settleDeposit(
				db,
				clerk,
				{
					renovationId: id,
					deductions: [{ description: '电梯轿厢划伤', amountFen: 35000 }],
					refund: refund()
				},
				NOW
			)
		).toMatchObject({ voucherNo: 'TK-2026-000001', refundFen: 165000, deductedFen: 35000 });
	});
});
