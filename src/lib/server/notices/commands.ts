import { and, eq, max } from 'drizzle-orm';
import { join } from 'node:path';
import { tx, type Db } from '../db';
import { notices, noticeVersions, noticeWithdrawals } from '../db/schema';
import { auditBy } from '../audit';
import type { Actor } from '../auth/actor';
import { checkNotice } from '../../domain/notices';
import {
	checkPhotos,
	discardPhotos,
	uploadsRoot,
	writePhotos,
	type PhotoUpload
} from '../uploads/photos';
import { NoticeError } from './errors';

/** Notice pictures live in uploads/notices (the shared photo code is in uploads/photos.ts). */
export function noticePhotoDir(root = uploadsRoot()): string {
	return join(root, 'notices');
}

export interface NoticeInput {
	title: string;
	body: string;
	startsAt: number;
	endsAt: number;
	urgent: boolean;
	/** At most one picture (as read by photosFromForm). */
	photos?: PhotoUpload[];
	/** A revision without a new picture keeps the previous one unless this is set. */
	dropImage?: boolean;
	idempotencyKey?: string | null;
}

/** The rules of the text and times, then the picture: every broken rule, nothing written. */
function checked(input: NoticeInput, now: number, previousStart: number | null) {
	const errors = checkNotice(input, now, previousStart);
	if (errors.length) throw new NoticeError(errors[0], { errors });
	const photos = checkPhotos(input.photos ?? [], 1);
	if (!photos.ok)
		throw new NoticeError(photos.error.code, { ...photos.error, errors: [photos.error.code] });
	return photos.photos;
}

/**
 * Posts a notice (version 1). Idempotent by the form's key: a second submit returns the first
 * notice. The picture is written first and removed again if the transaction fails.
 */
export function postNotice(
	db: Db,
	actor: Actor,
	input: NoticeInput,
	now: number,
	opts: { photoDir?: string } = {}
): { id: number; replay: boolean } {
	const key = input.idempotencyKey?.trim() || null;
	if (key) {
		const seen = db
			.select({ id: notices.id, communityId: notices.communityId })
			.from(notices)
			.where(eq(notices.idempotencyKey, key))
			.get();
		if (seen) {
			if (seen.communityId !== actor.communityId) throw new NoticeError('idempotency_conflict');
			return { id: seen.id, replay: true };
		}
	}
	const photos = checked(input, now, null);
	const dir = opts.photoDir ?? noticePhotoDir();
	const files = writePhotos(photos, dir);
	try {
		return tx(db, () => {
			const { id } = db
				.insert(notices)
				.values({
					communityId: actor.communityId,
					createdAt: now,
					createdBy: actor.id,
					idempotencyKey: key
				})
				.returning({ id: notices.id })
				.get();
			insertVersion(db, actor, id, 1, input, files[0] ?? null, now);
			auditBy(
				db,
				actor,
				{
					action: 'notice.post',
					targetType: 'notice',
					targetId: id,
					detail: { title: input.title.trim(), urgent: input.urgent }
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

function insertVersion(
	db: Db,
	actor: Actor,
	noticeId: number,
	version: number,
	input: NoticeInput,
	image: string | null,
	now: number
) {
	db.insert(noticeVersions)
		.values({
			noticeId,
			version,
			title: input.title.trim(),
			body: input.body.trim(),
			image,
			startsAt: input.startsAt,
			endsAt: input.endsAt,
			urgent: input.urgent,
			createdAt: now,
			createdBy: actor.id
		})
		.run();
}

/** The notice's latest version, checked to be the actor's and not withdrawn. */
function current(db: Db, actor: Actor, noticeId: number) {
	const n = db
		.select({ id: notices.id })
		.from(notices)
		.where(and(eq(notices.id, noticeId), eq(notices.communityId, actor.communityId)))
		.get();
	if (!n) throw new NoticeError('not_found');
	const gone = db
		.select({ id: noticeWithdrawals.id })
		.from(noticeWithdrawals)
		.where(eq(noticeWithdrawals.noticeId, noticeId))
		.get();
	if (gone) throw new NoticeError('withdrawn');
	const { v } = db
		.select({ v: max(noticeVersions.version) })
		.from(noticeVersions)
		.where(eq(noticeVersions.noticeId, noticeId))
		.get()!;
	return db
		.select()
		.from(noticeVersions)
		.where(and(eq(noticeVersions.noticeId, noticeId), eq(noticeVersions.version, v ?? 0)))
		.get()!;
}

/** An edit: a new version (the old ones stay). The picture stays unless replaced or dropped. */
export function reviseNotice(
	db: Db,
	actor: Actor,
	noticeId: number,
	input: NoticeInput,
	now: number,
	opts: { photoDir?: string } = {}
): { version: number } {
	const before = current(db, actor, noticeId);
	const photos = checked(input, now, before.startsAt);
	const dir = opts.photoDir ?? noticePhotoDir();
	const files = writePhotos(photos, dir);
	try {
		return tx(db, () => {
			// Read again under the lock: two clerks editing at once make versions n+1 and n+2.
			const prev = current(db, actor, noticeId);
			const image = files[0] ?? (input.dropImage ? null : prev.image);
			insertVersion(db, actor, noticeId, prev.version + 1, input, image, now);
			auditBy(
				db,
				actor,
				{
					action: 'notice.revise',
					targetType: 'notice',
					targetId: noticeId,
					detail: { version: prev.version + 1, title: input.title.trim() }
				},
				now
			);
			return { version: prev.version + 1 };
		});
	} catch (e) {
		discardPhotos(files, dir);
		throw e;
	}
}

/** Takes a notice down now (kept in the history as withdrawn). */
export function withdrawNotice(db: Db, actor: Actor, noticeId: number, now: number): void {
	tx(db, () => {
		current(db, actor, noticeId);
		db.insert(noticeWithdrawals).values({ noticeId, at: now, staffId: actor.id }).run();
		auditBy(
			db,
			actor,
			{
				action: 'notice.withdraw',
				targetType: 'notice',
				targetId: noticeId
			},
			now
		);
	});
}
