import type { Actor } from '../auth/actor';
import { and, eq, notInArray } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { renovationEvents, renovations } from '../db/schema';
import { audit } from '../audit';
import { communityToday, getCommunity } from '../community';
import { daysBetween } from '../../dates';
import {
	checkTransition,
	type RenovationAction,
	type RenovationDocument,
	type RenovationState
} from '../../domain/renovation';
import { RenovationError } from './errors';
import { nextAppNo, nextPermitNo } from './numbers';
import {
	depositTaken,
	ledgerLinesOf,
	missingDocumentsOf,
	ownerOfUnit,
	passViews,
	passesOf,
	renovationOf,
	settlementsOf,
	unitByCode,
	REF_RENOVATION,
	type RenovationRow
} from './records';
import { ITEM } from '../../domain/renovation-fees';

/** Who is acting (one type for every area). */
export type { Actor };

/** An application may be planned at most this far ahead / this long. */
export const MAX_PLAN_AHEAD_DAYS = 366;
export const MAX_PLAN_DAYS = 366;

export function todayOf(db: Db, communityId: number, now: number): string {
	return communityToday(getCommunity(db, communityId), new Date(now));
}

// ---------------------------------------------------------------- events

export interface EventInput {
	renovation: RenovationRow;
	action: RenovationAction | 'submit' | 'pass_issue' | 'pass_settle';
	to: RenovationState;
	actorId: number;
	note?: string;
	detail?: Record<string, unknown>;
	idempotencyKey?: string | null;
	now: number;
	localDate: string;
	/** Other columns of the application changed by the same step (permit number, payment…). */
	set?: Partial<typeof renovations.$inferInsert>;
}

/**
 * Appends one event and moves the application's state with it. Call inside the transaction
 * that checked the transition, so the check and the write cannot be separated by another clerk.
 */
export function recordEvent(db: Db, e: EventInput): void {
	const r = e.renovation;
	db.insert(renovationEvents)
		.values({
			communityId: r.communityId,
			renovationId: r.id,
			action: e.action,
			fromState: e.action === 'submit' ? null : r.state,
			toState: e.to,
			actorId: e.actorId,
			note: e.note?.trim() ?? '',
			detail: JSON.stringify(e.detail ?? {}),
			idempotencyKey: e.idempotencyKey ?? null,
			localDate: e.localDate,
			at: e.now
		})
		.run();
	if (e.action !== 'submit') {
		db.update(renovations)
			.set({ state: e.to, updatedAt: e.now, ...e.set })
			.where(eq(renovations.id, r.id))
			.run();
	}
	audit(
		db,
		{
			communityId: r.communityId,
			actorId: e.actorId,
			action: `renovation.${e.action}`,
			targetType: 'renovation',
			targetId: r.appNo,
			detail: { from: r.state, to: e.to, ...(e.detail ?? {}) }
		},
		e.now
	);
}

/** A form token already used: the same step on the same application replays, anything else is stale. */
function replayed(db: Db, key: string | null | undefined, renovationId: number): boolean {
	if (!key) return false;
	const ev = db
		.select({ renovationId: renovationEvents.renovationId })
		.from(renovationEvents)
		.where(eq(renovationEvents.idempotencyKey, key))
		.get();
	if (!ev) return false;
	if (ev.renovationId !== renovationId) throw new RenovationError('stale_form');
	return true;
}

function refuse(
	result: ReturnType<typeof checkTransition>
): asserts result is { ok: true; to: RenovationState } {
	if (!result.ok) throw new RenovationError(result.error);
}

// ---------------------------------------------------------------- application

export interface ApplicationInput {
	unitCode: string;
	applicantKind: 'owner' | 'designee';
	applicantName: string;
	applicantPhone: string;
	applicantRelation: string;
	selfRenovation: boolean;
	contractorName: string;
	contractorLicence: string;
	contractorPhone: string;
	plannedStart: string;
	plannedEnd: string;
	scope: string;
	wallDemolition: boolean;
	documents: Record<RenovationDocument, boolean>;
	idempotencyKey: string;
}

/**
 * Files an application (《装修申请表》). The owner's name and phone on file fill in an owner's
 * application left blank; a designated person must give name, phone and relation. One open
 * application per unit.
 */
export function createApplication(
	db: Db,
	actor: Actor,
	input: ApplicationInput,
	now: number
): { id: number; appNo: string; replayed: boolean } {
	return tx(db, () => {
		const prior = db
			.select()
			.from(renovations)
			.where(eq(renovations.idempotencyKey, input.idempotencyKey))
			.get();
		if (prior) {
			if (prior.communityId !== actor.communityId) throw new RenovationError('stale_form');
			return { id: prior.id, appNo: prior.appNo, replayed: true };
		}
		const today = todayOf(db, actor.communityId, now);
		const unit = unitByCode(db, actor.communityId, input.unitCode);
		if (!unit) throw new RenovationError('unit_not_found', { unit: input.unitCode });
		const open = db
			.select({ appNo: renovations.appNo })
			.from(renovations)
			.where(
				and(eq(renovations.unitId, unit.id), notInArray(renovations.state, ['rejected', 'closed']))
			)
			.get();
		if (open) throw new RenovationError('open_application', { appNo: open.appNo });
		if (input.plannedStart < today) throw new RenovationError('start_in_past');
		if (daysBetween(today, input.plannedStart) > MAX_PLAN_AHEAD_DAYS)
			throw new RenovationError('start_too_far');
		if (input.plannedEnd < input.plannedStart) throw new RenovationError('end_before_start');
		if (daysBetween(input.plannedStart, input.plannedEnd) > MAX_PLAN_DAYS)
			throw new RenovationError('plan_too_long');

		let { applicantName, applicantPhone } = input;
		if (input.applicantKind === 'owner') {
			const owner = ownerOfUnit(db, unit.id);
			applicantName ||= owner?.name ?? '';
			applicantPhone ||= owner?.phone ?? '';
		}
		if (!applicantName) throw new RenovationError('applicant_name_required');
		if (!applicantPhone) throw new RenovationError('applicant_phone_required');
		if (input.applicantKind === 'designee' && !input.applicantRelation)
			throw new RenovationError('relation_required');
		if (!input.selfRenovation && (!input.contractorName || !input.contractorLicence))
			throw new RenovationError('contractor_required');

		const appNo = nextAppNo(db, actor.communityId, Number(today.slice(0, 4)));
		const self = input.selfRenovation;
		const row = db
			.insert(renovations)
			.values({
				communityId: actor.communityId,
				appNo,
				unitId: unit.id,
				applicantKind: input.applicantKind,
				applicantName,
				applicantPhone,
				applicantRelation: input.applicantKind === 'owner' ? '' : input.applicantRelation,
				selfRenovation: self,
				contractorName: self ? '' : input.contractorName,
				contractorLicence: self ? '' : input.contractorLicence,
				contractorPhone: self ? '' : input.contractorPhone,
				plannedStart: input.plannedStart,
				plannedEnd: input.plannedEnd,
				scope: input.scope,
				wallDemolition: input.wallDemolition,
				docDesign: input.documents.design_drawings,
				docConstruction: input.documents.construction_drawings,
				// 自装 has no contractor papers to receive.
				docQualification: !self && input.documents.contractor_qualification,
				docLicence: !self && input.documents.business_licence,
				state: 'submitted',
				createdBy: actor.id,
				idempotencyKey: input.idempotencyKey,
				createdAt: now,
				updatedAt: now
			})
			.returning()
			.get();
		recordEvent(db, {
			renovation: row,
			action: 'submit',
			to: 'submitted',
			actorId: actor.id,
			now,
			localDate: today,
			detail: { unit: unit.code }
		});
		return { id: row.id, appNo, replayed: false };
	});
}

// ---------------------------------------------------------------- transitions

export type TransitionInput =
	| { action: 'approve'; note?: string }
	| { action: 'reject'; reason: string }
	| { action: 'issue_permit'; until: string }
	| { action: 'start' }
	| { action: 'inspect_pass'; note?: string }
	| { action: 'inspect_fail'; items: string[]; note?: string }
	| { action: 'close' }
	| { action: 'extend_permit'; until: string; note?: string }
	| { action: 'update_documents'; documents: Record<RenovationDocument, boolean> };

/**
 * One step of the flow other than paying and settling money (those are in payments.ts and
 * settlements.ts): checked by the pure state machine inside the write transaction, then
 * recorded as an event. A replayed form token records nothing.
 */
export function transition(
	db: Db,
	actor: Actor,
	id: number,
	input: TransitionInput,
	opts: { idempotencyKey?: string | null; now: number }
): { state: RenovationState; replayed: boolean } {
	return tx(db, () => {
		const r = renovationOf(db, actor.communityId, id);
		if (!r) throw new RenovationError('not_found');
		if (replayed(db, opts.idempotencyKey, r.id)) return { state: r.state, replayed: true };
		const today = todayOf(db, actor.communityId, opts.now);
		const base = {
			renovation: r,
			actorId: actor.id,
			idempotencyKey: opts.idempotencyKey,
			now: opts.now,
			localDate: today
		};
		const role = actor.role;
		switch (input.action) {
			case 'approve': {
				const t = checkTransition(r.state, 'approve', {
					role,
					missingDocuments: missingDocumentsOf(r)
				});
				refuse(t);
				recordEvent(db, { ...base, action: 'approve', to: t.to, note: input.note });
				return { state: t.to, replayed: false };
			}
			case 'reject': {
				const t = checkTransition(r.state, 'reject', { role, reason: input.reason });
				refuse(t);
				recordEvent(db, { ...base, action: 'reject', to: t.to, note: input.reason });
				return { state: t.to, replayed: false };
			}
			case 'issue_permit': {
				const t = checkTransition(r.state, 'issue_permit', { role });
				refuse(t);
				if (feesVoided(db, r)) throw new RenovationError('fees_voided');
				// Work may start on the planned day, or today if that has already passed.
				const from = r.plannedStart > today ? r.plannedStart : today;
				if (input.until < from) throw new RenovationError('permit_until_before_start');
				if (daysBetween(from, input.until) > MAX_PLAN_DAYS)
					throw new RenovationError('plan_too_long');
				const permitNo = nextPermitNo(db, actor.communityId, Number(today.slice(0, 4)));
				recordEvent(db, {
					...base,
					action: 'issue_permit',
					to: t.to,
					detail: { permitNo, from, until: input.until },
					set: { permitNo, permitFrom: from, permitUntil: input.until }
				});
				return { state: t.to, replayed: false };
			}
			case 'start': {
				const t = checkTransition(r.state, 'start', {
					role,
					today,
					startDate: r.permitFrom ?? r.plannedStart
				});
				refuse(t);
				recordEvent(db, { ...base, action: 'start', to: t.to });
				return { state: t.to, replayed: false };
			}
			case 'inspect_pass': {
				const t = checkTransition(r.state, 'inspect_pass', { role });
				refuse(t);
				recordEvent(db, { ...base, action: 'inspect_pass', to: t.to, note: input.note });
				return { state: t.to, replayed: false };
			}
			case 'inspect_fail': {
				const items = input.items.map((i) => i.trim()).filter(Boolean);
				const t = checkTransition(r.state, 'inspect_fail', { role, inspectionItems: items });
				refuse(t);
				recordEvent(db, {
					...base,
					action: 'inspect_fail',
					to: t.to,
					note: input.note,
					detail: { items }
				});
				return { state: t.to, replayed: false };
			}
			case 'close': {
				const passes = passViews(passesOf(db, r.id), [], settlementsOf(db, r.id), today);
				const outstanding = passes.filter(
					(p) => p.status === 'live' || p.status === 'expired'
				).length;
				const t = checkTransition(r.state, 'close', { role, outstandingPasses: outstanding });
				if (!t.ok && t.error === 'passes_outstanding')
					throw new RenovationError('passes_outstanding', { count: outstanding });
				refuse(t);
				recordEvent(db, { ...base, action: 'close', to: t.to });
				return { state: t.to, replayed: false };
			}
			case 'extend_permit': {
				const currentEnd = r.permitUntil ?? r.plannedEnd;
				const t = checkTransition(r.state, 'extend_permit', {
					role,
					currentEnd,
					newEnd: input.until
				});
				refuse(t);
				if (daysBetween(r.permitFrom ?? r.plannedStart, input.until) > MAX_PLAN_DAYS)
					throw new RenovationError('plan_too_long');
				recordEvent(db, {
					...base,
					action: 'extend_permit',
					to: t.to,
					note: input.note,
					detail: { from: currentEnd, until: input.until },
					set: { permitUntil: input.until, plannedEnd: input.until }
				});
				return { state: t.to, replayed: false };
			}
			case 'update_documents': {
				const t = checkTransition(r.state, 'update_documents', { role });
				refuse(t);
				const d = input.documents;
				const self = r.selfRenovation;
				const set = {
					docDesign: d.design_drawings,
					docConstruction: d.construction_drawings,
					docQualification: !self && d.contractor_qualification,
					docLicence: !self && d.business_licence
				};
				recordEvent(db, {
					...base,
					action: 'update_documents',
					to: t.to,
					detail: { documents: set },
					set
				});
				return { state: t.to, replayed: false };
			}
		}
	});
}

/** The fee payment was voided (作废) by a manager after the fact. */
function feesVoided(db: Db, r: RenovationRow): boolean {
	const lines = ledgerLinesOf(db, r.id, []);
	const fee = lines.filter((l) => l.paymentId === r.feePaymentId);
	return fee.length > 0 && fee.every((l) => l.voided);
}

/** Default last day of a worker pass / the permit: the permit's, else the planned end. */
export function permitEnd(r: RenovationRow): string {
	return r.permitUntil ?? r.plannedEnd;
}

/** Renovation deposit still held (taken, not voided, not yet settled). */
export function renovationDepositHeld(
	db: Db,
	r: RenovationRow
): { heldFen: number; receiptNo: string | null } {
	const taken = depositTaken(
		ledgerLinesOf(db, r.id, []),
		ITEM.renovationDeposit,
		REF_RENOVATION,
		r.id
	);
	const settled = settlementsOf(db, r.id).some((s) => s.subject === 'renovation_deposit');
	return { heldFen: settled ? 0 : taken.fen, receiptNo: taken.receiptNo };
}
