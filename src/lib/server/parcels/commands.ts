import { and, eq, isNull } from 'drizzle-orm';
import { tx, type Db } from '../db';
import { auditBy } from '../audit';
import { nowMs } from '../clock';
import {
	parcelAuthorisations,
	parcelAuthorisationWithdrawals,
	parcelHandovers,
	parcels
} from '../db/schema';
import { findUnitByCode } from '../keys/queries';
import { checkPhotos, discardPhotos, writePhotos, type PhotoUpload } from '../uploads/photos';
import {
	handoverProblem,
	intakeProblem,
	mayCollect,
	normaliseTracking,
	phoneConfirmed,
	splitPersons,
	type AuthChannel,
	type ParcelIdType,
	type PhoneConfirmation
} from '../../domain/parcels';
import type { Actor } from '../auth/actor';
import { overdueRule, standingAuthorisations, unitOwnerNames } from './queries';
import { parcelPhotoDir } from './photo';
import { ParcelError } from './errors';
import { sameForm } from '../form-key';

function unitOf(db: Db, actor: Actor, code: string) {
	const unit = findUnitByCode(db, actor.communityId, code);
	if (!unit) throw new ParcelError('unknown_unit', { code });
	return unit;
}

export interface AuthorisationInput {
	unit: string;
	channel: AuthChannel;
	/** YYYY-MM-DD, the day the owner gave it. */
	givenOn: string;
	givenBy: string;
	/** Besides the owners, who may collect, as typed ("王五、赵六"). */
	persons: string;
	note: string;
	formKey: string;
}

/** Records an owner's authorisation to sign for the unit's parcels. Idempotent by form key. */
export function authoriseParcels(
	db: Db,
	actor: Actor,
	input: AuthorisationInput,
	now = nowMs()
): number {
	return tx(db, () => {
		const again = db
			.select({ id: parcelAuthorisations.id })
			.from(parcelAuthorisations)
			.where(sameForm(parcelAuthorisations, actor.communityId, input.formKey))
			.get();
		if (again) return again.id;
		const unit = unitOf(db, actor, input.unit);
		const persons = splitPersons(input.persons).join('、');
		const { id } = db
			.insert(parcelAuthorisations)
			.values({
				communityId: actor.communityId,
				unitId: unit.id,
				channel: input.channel,
				givenOn: input.givenOn,
				givenBy: input.givenBy,
				persons,
				note: input.note,
				formKey: input.formKey,
				createdBy: actor.id,
				createdAt: now
			})
			.returning({ id: parcelAuthorisations.id })
			.get();
		auditBy(
			db,
			actor,
			{
				action: 'parcel.authorise',
				targetType: 'unit',
				targetId: unit.id,
				detail: { authorisation: id, channel: input.channel, givenBy: input.givenBy, persons }
			},
			now
		);
		return id;
	});
}

/** Withdraws an authorisation (an event: the record stays). Once only. */
export function withdrawAuthorisation(
	db: Db,
	actor: Actor,
	id: number,
	reason: string,
	now = nowMs()
): void {
	tx(db, () => {
		const a = db
			.select({ id: parcelAuthorisations.id, unitId: parcelAuthorisations.unitId })
			.from(parcelAuthorisations)
			.where(
				and(
					eq(parcelAuthorisations.id, id),
					eq(parcelAuthorisations.communityId, actor.communityId)
				)
			)
			.get();
		if (!a) throw new ParcelError('not_found');
		const done = db
			.select({ id: parcelAuthorisationWithdrawals.id })
			.from(parcelAuthorisationWithdrawals)
			.where(eq(parcelAuthorisationWithdrawals.authorisationId, id))
			.get();
		if (done) throw new ParcelError('already_withdrawn');
		db.insert(parcelAuthorisationWithdrawals)
			.values({ authorisationId: id, reason, createdBy: actor.id, createdAt: now })
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'parcel.withdraw',
				targetType: 'unit',
				targetId: a.unitId,
				detail: { authorisation: id, reason }
			},
			now
		);
	});
}

export interface IntakeInput {
	unit: string;
	courier: string;
	trackingNo: string;
	recipient: string;
	slot: string;
	/** A one-off phone confirmation (for a unit without a standing authorisation), or null. */
	phone: PhoneConfirmation | null;
	/** At most one photo (as read by photosFromForm). */
	photos?: PhotoUpload[];
	formKey: string;
}

/**
 * Takes a parcel in. Idempotent by form key. Refused, with nothing written: an unknown unit, a unit
 * without a standing authorisation unless a phone confirmation is noted in full, a tracking number
 * already waiting, a photo that is not one. The photo is written first and removed if refused.
 */
export function intakeParcel(
	db: Db,
	actor: Actor,
	input: IntakeInput,
	now = nowMs(),
	opts: { photoDir?: string } = {}
): { id: number; replay: boolean } {
	const again = () =>
		db
			.select({ id: parcels.id })
			.from(parcels)
			.where(sameForm(parcels, actor.communityId, input.formKey))
			.get();
	const first = again();
	if (first) return { id: first.id, replay: true };
	const checked = checkPhotos(input.photos ?? [], 1);
	if (!checked.ok) throw new ParcelError(checked.error.code, { ...checked.error });
	const dir = opts.photoDir ?? parcelPhotoDir();
	const files = writePhotos(checked.photos, dir);
	try {
		return tx(db, () => {
			const seen = again();
			if (seen) {
				discardPhotos(files, dir);
				return { id: seen.id, replay: true };
			}
			const unit = unitOf(db, actor, input.unit);
			const standing = standingAuthorisations(db, actor.communityId, [unit.id])[0] ?? null;
			const trackingKey = normaliseTracking(input.trackingNo);
			const waiting = db
				.select({ id: parcels.id })
				.from(parcels)
				.leftJoin(parcelHandovers, eq(parcelHandovers.parcelId, parcels.id))
				.where(
					and(
						eq(parcels.communityId, actor.communityId),
						eq(parcels.trackingKey, trackingKey),
						isNull(parcelHandovers.id)
					)
				)
				.get();
			const problem = intakeProblem(standing !== null, input.phone, !!waiting);
			if (problem) throw new ParcelError(problem, { code: input.unit, tracking: input.trackingNo });
			// With a standing authorisation a call noted anyway is kept too; without one it is the basis.
			const phone = phoneConfirmed(input.phone) ? input.phone! : null;
			const { id } = db
				.insert(parcels)
				.values({
					communityId: actor.communityId,
					unitId: unit.id,
					courier: input.courier,
					trackingNo: input.trackingNo,
					trackingKey,
					recipient: input.recipient,
					slot: input.slot,
					photo: files[0] ?? null,
					authorisationId: standing?.id ?? null,
					calledPhone: phone?.phone ?? '',
					calledAt: phone?.calledMs ?? null,
					answeredBy: phone?.answeredBy ?? '',
					formKey: input.formKey,
					createdBy: actor.id,
					createdAt: now
				})
				.returning({ id: parcels.id })
				.get();
			auditBy(
				db,
				actor,
				{
					action: 'parcel.intake',
					targetType: 'parcel',
					targetId: id,
					detail: {
						unit: unit.code,
						courier: input.courier,
						tracking: input.trackingNo,
						basis: standing ? `authorisation ${standing.id}` : 'phone'
					}
				},
				now
			);
			return { id, replay: false };
		});
	} catch (e) {
		discardPhotos(files, dir);
		throw e;
	}
}

export interface HandoverInput {
	id: number;
	collector: string;
	/** As posted: the command refuses anything but one of PARCEL_ID_TYPES (id_missing). */
	idType: string;
	idLast4: string;
}

/**
 * Hands a waiting parcel over to an owner of the unit or a person the standing authorisation
 * names, with the ID seen (type and last 4). Once: a second hand-over is refused (and the unique
 * index refuses it even from two counters at once).
 */
export function handOverParcel(db: Db, actor: Actor, input: HandoverInput, now = nowMs()): void {
	tx(db, () => {
		const p = db
			.select({ id: parcels.id, unitId: parcels.unitId })
			.from(parcels)
			.where(and(eq(parcels.id, input.id), eq(parcels.communityId, actor.communityId)))
			.get();
		if (!p) throw new ParcelError('not_found');
		const collected = !!db
			.select({ id: parcelHandovers.id })
			.from(parcelHandovers)
			.where(eq(parcelHandovers.parcelId, p.id))
			.get();
		const { today } = overdueRule(db, actor.communityId, now);
		const named = standingAuthorisations(db, actor.communityId, [p.unitId])[0]?.persons ?? [];
		const owners = unitOwnerNames(db, p.unitId, today);
		const idLast4 = input.idLast4.toUpperCase();
		const problem = handoverProblem({
			collected,
			idType: input.idType,
			idLast4,
			allowed: mayCollect(input.collector, owners, named)
		});
		if (problem) throw new ParcelError(problem, { collector: input.collector });
		db.insert(parcelHandovers)
			.values({
				parcelId: p.id,
				collector: input.collector,
				idType: input.idType as ParcelIdType,
				idLast4,
				createdBy: actor.id,
				createdAt: now
			})
			.run();
		auditBy(
			db,
			actor,
			{
				action: 'parcel.handover',
				targetType: 'parcel',
				targetId: p.id,
				detail: { collector: input.collector, idType: input.idType, idLast4 }
			},
			now
		);
	});
}
