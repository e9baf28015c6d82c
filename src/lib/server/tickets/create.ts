import { and, count, eq, gte, sql } from 'drizzle-orm';
import { nextSeq } from '../db/sequence';
import { tx, type Db } from '../db';
import { ticketPhotos, tickets } from '../db/schema';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import { localToEpochMs, todayIn } from '../../dates';
import {
	MAX_PHOTOS,
	RESIDENT_DAILY_PHOTO_BYTES,
	RESIDENT_DAILY_REPORTS,
	fold,
	residentLimit,
	formatTicketNo,
	type TicketEvent
} from '../../domain/tickets';
import { invalid, residentLimitFailure, type FieldErrors, type TicketFailure } from './errors';
import { intakeSchema, parseTicketForm, stringValues } from './forms';
import { appendEvent, auditTicket, findUnit, type TicketActor } from './model';
import { ticketPhotoDir } from './photos';
import {
	checkPhotos,
	discardPhotos,
	writePhotos,
	type CheckedPhoto,
	type PhotoUpload
} from '../uploads/photos';

/**
 * What intake sends, as typed (strings from a form; the kiosk may pass the same). Everything is
 * checked here; a bad field gives a field error and nothing is written.
 */
export interface TicketInput {
	kind?: string;
	/** counter | phone (staff), kiosk | mobile (resident). */
	source?: string;
	/** Room code, e.g. 6-1-101; empty for a common area (then `location` is required). */
	unitCode?: string;
	reporterName?: string;
	reporterPhone?: string;
	location?: string;
	text?: string;
	urgency?: string;
	/** When the report was received: "YYYY-MM-DDTHH:MM" in the community's zone, or epoch ms; empty = now. Staff only. */
	receivedAt?: string | number;
	/** Dispatch at once (staff only; not for developer complaints, which need approval first). */
	department?: string;
	assignee?: string;
	/** Enquiry answered on the spot (staff only). */
	answer?: string;
	photos?: PhotoUpload[];
}

export interface CreateOptions {
	now?: number;
	/** The form token: a second submit with the same key returns the first ticket. */
	idempotencyKey?: string | null;
	/** Photo directory (tests). */
	photoDir?: string;
}

export type CreateResult =
	| { ok: true; id: number; ticketNo: string; replay: boolean; recordedLate: boolean }
	| TicketFailure;

/** Records a report or complaint, with its number, and dispatches or answers it if asked. */
export function createTicket(
	db: Db,
	input: TicketInput,
	actor: TicketActor,
	opts: CreateOptions = {}
): CreateResult {
	const now = opts.now ?? nowMs();
	const community = getCommunity(db, actor.communityId);
	const settings = community.settings.tickets;
	const { photos: rawPhotos = [], ...fields } = input;
	const values = stringValues(fields as Record<string, unknown>);

	const schema = intakeSchema({
		timeZone: community.timeZone,
		now,
		residentUnitCode: actor.kind === 'resident' ? actor.unitCode : null,
		findUnit: (code) => findUnit(db, actor.communityId, code)
	});
	const parsed = parseTicketForm(schema, fields as Record<string, unknown>);
	const checked = checkPhotos(rawPhotos, MAX_PHOTOS);
	if (!parsed.ok || !checked.ok) {
		const errors: FieldErrors = parsed.ok ? {} : parsed.errors;
		if (!checked.ok) errors.photos ??= checked.error;
		return invalid(errors, values);
	}
	const {
		kind,
		source,
		reporterName,
		reporterPhone,
		location,
		text,
		urgency,
		receivedAt,
		dispatch,
		answer
	} = parsed.data;
	// A resident reports for their own unit only.
	const unit =
		actor.kind === 'resident' ? { id: actor.unitId, code: actor.unitCode } : parsed.data.unit;

	const key = opts.idempotencyKey?.trim() || null;
	const replay = key ? findByKey(db, actor.communityId, key) : null;
	if (replay)
		return {
			ok: true,
			id: replay.id,
			ticketNo: replay.ticketNo,
			replay: true,
			recordedLate: replay.recordedLate
		};

	// A resident over a daily limit is refused before any file is written (and again under the lock).
	const overLimit = () =>
		actor.kind === 'resident'
			? residentOverLimit(db, actor, community, now, checked.photos, values)
			: null;
	const early = overLimit();
	if (early) return early;

	const dir = opts.photoDir ?? ticketPhotoDir();
	const files = writePhotos(checked.photos, dir);
	try {
		return tx(db, () => {
			const again = key ? findByKey(db, actor.communityId, key) : null;
			if (again) {
				discardPhotos(files, dir);
				return {
					ok: true as const,
					id: again.id,
					ticketNo: again.ticketNo,
					replay: true,
					recordedLate: again.recordedLate
				};
			}
			const refused = overLimit();
			if (refused) {
				discardPhotos(files, dir);
				return refused;
			}
			// Numbers run per community and calendar year of recording, in the community's zone.
			const year = Number(todayIn(community.timeZone, now).slice(0, 4));
			const seq = nextSeq(db, actor.communityId, {
				table: 'tickets',
				seqColumn: 'seq',
				where: { year }
			});
			const ticketNo = formatTicketNo(year, seq);
			const recordedLate = now - receivedAt > settings.recordWithinMinutes * 60_000;

			const events: TicketEvent[] = [{ type: 'created', at: receivedAt, data: { source } }];
			if (dispatch) events.push({ type: 'dispatched', at: now, data: dispatch });
			if (answer) events.push({ type: 'answered', at: now, data: { text: answer } });
			const facts = fold(kind, events);

			const row = db
				.insert(tickets)
				.values({
					communityId: actor.communityId,
					ticketNo,
					year,
					seq,
					kind,
					source,
					unitId: unit?.id ?? null,
					reporterName,
					reporterPhone,
					location,
					text,
					urgency,
					state: facts.state,
					department: facts.department,
					assignee: facts.assignee,
					receivedAt,
					recordedAt: now,
					recordedLate,
					createdBy: actor.kind === 'staff' ? actor.id : null,
					createdByUnit: actor.kind === 'resident' ? actor.unitId : null,
					updatedAt: now,
					idempotencyKey: key
				})
				.returning({ id: tickets.id })
				.get();
			const ticket = { id: row.id, communityId: actor.communityId };
			for (const e of events) appendEvent(db, ticket, e, actor, now);
			checked.photos.forEach((p, i) => {
				db.insert(ticketPhotos)
					.values({
						ticketId: row.id,
						communityId: actor.communityId,
						fileName: files[i],
						mime: p.mime,
						size: p.size,
						sha256: p.sha256,
						createdAt: now
					})
					.run();
			});
			auditTicket(
				db,
				actor,
				'ticket.create',
				ticketNo,
				{ kind, source, state: facts.state, recordedLate, photos: files.length },
				now
			);
			return { ok: true as const, id: row.id, ticketNo, replay: false, recordedLate };
		});
	} catch (e) {
		discardPhotos(files, dir);
		throw e;
	}
}

/**
 * The resident's daily limits (domain/tickets.ts): reports they sent themselves since midnight in
 * the community's zone, and the bytes of those reports' stored photos. Reports the counter typed
 * for the same unit do not count.
 */
function residentOverLimit(
	db: Db,
	actor: Extract<TicketActor, { kind: 'resident' }>,
	community: { timeZone: string; settings: { kiosk: { phone: string } } },
	now: number,
	photos: readonly CheckedPhoto[],
	values: Record<string, string>
): TicketFailure | null {
	const since = localToEpochMs(todayIn(community.timeZone, now), '00:00', community.timeZone);
	// The photos' bytes per report, summed over the day's reports.
	const photoBytes = db
		.select({ bytes: sql`sum(${ticketPhotos.size})` })
		.from(ticketPhotos)
		.where(eq(ticketPhotos.ticketId, tickets.id));
	const sent = db
		.select({
			reports: count(),
			photoBytes: sql<number>`coalesce(sum((${photoBytes})), 0)`.mapWith(Number)
		})
		.from(tickets)
		.where(
			and(
				eq(tickets.unitId, actor.unitId),
				eq(tickets.createdByUnit, actor.unitId),
				gte(tickets.recordedAt, since)
			)
		)
		.get() ?? { reports: 0, photoBytes: 0 };
	const limit = residentLimit(
		sent,
		photos.reduce((n, p) => n + p.size, 0)
	);
	if (!limit) return null;
	return residentLimitFailure(
		limit,
		limit === 'reports' ? RESIDENT_DAILY_REPORTS : RESIDENT_DAILY_PHOTO_BYTES,
		community.settings.kiosk.phone,
		values
	);
}

function findByKey(db: Db, communityId: number, key: string) {
	return db
		.select({ id: tickets.id, ticketNo: tickets.ticketNo, recordedLate: tickets.recordedLate })
		.from(tickets)
		.where(and(eq(tickets.communityId, communityId), eq(tickets.idempotencyKey, key)))
		.get();
}
