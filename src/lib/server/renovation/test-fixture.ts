import type { Db } from '../db';
import type { Fixture } from '../db/fixtures';
import { owners, unitOwners, units } from '../db/schema';
import { createApplication, transition, type Actor, type ApplicationInput } from './applications';
import { payFees, type MethodInput } from './payments';
import { settleDeposit, type RefundInput } from './settlements';
import { at } from '../ledger/test-fixture';

/** An owner's own application to renovate (no contractor, no wall), drawings handed in. */
export function selfApplication(
	unitCode: string,
	from: string,
	until: string,
	scope: string,
	idempotencyKey: string
): ApplicationInput {
	return {
		unitCode,
		applicantKind: 'owner',
		applicantName: '',
		applicantPhone: '',
		applicantRelation: '',
		selfRenovation: true,
		contractorName: '',
		contractorLicence: '',
		contractorPhone: '',
		plannedStart: from,
		plannedEnd: until,
		scope,
		wallDemolition: false,
		documents: {
			design_drawings: true,
			construction_drawings: true,
			contractor_qualification: false,
			business_licence: false
		},
		idempotencyKey
	};
}

/** A contractor's application with every document handed in, for 1-1-101 from 2026-11-23. */
export function contractorApplication(over: Partial<ApplicationInput> = {}): ApplicationInput {
	return {
		unitCode: '1-1-101',
		applicantKind: 'owner',
		applicantName: '',
		applicantPhone: '',
		applicantRelation: '',
		selfRenovation: false,
		contractorName: '鹿城家装工程有限公司',
		contractorLicence: '91330100MA2H3K7X1Q',
		contractorPhone: '',
		plannedStart: '2026-11-23',
		plannedEnd: '2027-01-31',
		scope: '厨卫改造',
		wallDemolition: true,
		documents: {
			design_drawings: true,
			construction_drawings: true,
			contractor_qualification: true,
			business_licence: true
		},
		idempotencyKey: crypto.randomUUID(),
		...over
	};
}

export interface SettledRenovationSpec {
	/** Unit 2-1-101 of the fixture's community, added with its owner. */
	unit: { areaCenti: number; ownerName: string; ownerPhone: string };
	/** Works planned from `from` to `until`; the permit runs to `until`. */
	from: string;
	until: string;
	scope: string;
	/** When the fees are paid (right after the approval) and how. */
	paidAt: number;
	pay: Omit<MethodInput, 'idempotencyKey'>;
	/** When the permit, the start, the inspection and the refund are recorded. */
	settledAt: number;
	kept: { description: string; amountFen: number };
	refund: Omit<RefundInput, 'idempotencyKey'>;
	/** Makes the form keys (application, fees, refund) of this renovation unique. */
	keySuffix: string;
	/** Runs just before the refund (e.g. to close a shift in between). */
	beforeRefund?: () => void;
}

/**
 * A self-done renovation of a new unit 2-1-101 taken through every step to its settled deposit:
 * applied for and approved, fees paid (no workers, no wall), permit, start, inspection passed, and
 * the deposit refunded less one deduction.
 */
export function settledRenovation(
	db: Db,
	f: Fixture,
	spec: SettledRenovationSpec
): { id: number; paidFen: number; refundFen: number } {
	const unitId = db
		.insert(units)
		.values({
			communityId: f.communityId,
			building: '2',
			entrance: '1',
			room: '101',
			code: '2-1-101',
			areaCenti: spec.unit.areaCenti,
			occupancy: 'occupied',
			createdAt: spec.paidAt
		})
		.returning()
		.get().id;
	const o = db
		.insert(owners)
		.values({
			communityId: f.communityId,
			name: spec.unit.ownerName,
			phone: spec.unit.ownerPhone,
			createdAt: spec.paidAt
		})
		.returning()
		.get();
	db.insert(unitOwners).values({ unitId, ownerId: o.id, role: 'owner' }).run();
	const clerk: Actor = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
	const manager: Actor = { id: f.managerId, communityId: f.communityId, role: 'manager' };
	const { id } = createApplication(
		db,
		clerk,
		selfApplication('2-1-101', spec.from, spec.until, spec.scope, `app-${spec.keySuffix}`),
		spec.paidAt
	);
	transition(db, manager, id, { action: 'approve' }, { now: spec.paidAt });
	const paid = payFees(
		db,
		clerk,
		{
			renovationId: id,
			agreementSigned: true,
			wallAreaCenti: 0,
			workers: [],
			method: { ...spec.pay, idempotencyKey: `fee-${spec.keySuffix}` }
		},
		spec.paidAt
	);
	const now = spec.settledAt;
	transition(db, clerk, id, { action: 'issue_permit', until: spec.until }, { now });
	transition(db, clerk, id, { action: 'start' }, { now });
	transition(db, clerk, id, { action: 'inspect_pass' }, { now });
	spec.beforeRefund?.();
	const s = settleDeposit(
		db,
		clerk,
		{
			renovationId: id,
			deductions: [spec.kept],
			refund: { ...spec.refund, idempotencyKey: `refund-${spec.keySuffix}` }
		},
		now
	);
	return { id, paidFen: paid.totalFen, refundFen: s.refundFen };
}

/**
 * The first-use day of issue 11 that the daily report and the vouchers both read: 业主甲's deposit
 * (2-1-101, 80 m²) taken by WeChat on `takenOn` at 11:00 and settled on `settledOn` at 08:58
 * keeping ¥350 (电梯轿厢划伤), the rest refunded by transfer.
 */
export function firstUseSettlement(
	db: Db,
	f: Fixture,
	takenOn: string,
	settledOn: string,
	keySuffix: string
): ReturnType<typeof settledRenovation> {
	return settledRenovation(db, f, {
		unit: { areaCenti: 8000, ownerName: '业主甲', ownerPhone: '13700000001' },
		from: takenOn,
		until: '2027-03-31',
		scope: '墙面翻新',
		paidAt: at(takenOn, '11:00'),
		pay: { method: 'wechat', methodRef: 'WX-1', bank: '', tenderedFen: null, payerName: '' },
		settledAt: at(settledOn, '08:58'),
		kept: { description: '电梯轿厢划伤', amountFen: 35_000 },
		refund: { method: 'transfer', methodRef: 'TR-1', payeeName: '' },
		keySuffix
	});
}
