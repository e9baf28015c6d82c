import { and, desc, eq, gt, lte, max } from 'drizzle-orm';
import type { Db } from '../db';
import { notices, noticeVersions, noticeWithdrawals, staffUsers } from '../db/schema';
import { noticeStatus, visibleNotices, type NoticeStatus } from '../../domain/notices';
import { readPhotoFile } from '../uploads/photos';
import { noticePhotoDir } from './commands';
import { sniffImage } from '../../domain/photos';

export interface NoticeView {
	/** The notice. */
	id: number;
	/** The version in force (the picture's address names it). */
	versionId: number;
	version: number;
	title: string;
	body: string;
	hasImage: boolean;
	startsAt: number;
	endsAt: number;
	urgent: boolean;
	withdrawnAt: number | null;
}

/** Each notice's latest version number. */
function latestVersions(db: Db) {
	return db
		.select({ noticeId: noticeVersions.noticeId, v: max(noticeVersions.version).as('v') })
		.from(noticeVersions)
		.groupBy(noticeVersions.noticeId)
		.as('latest');
}

function selectNotices(db: Db) {
	const latest = latestVersions(db);
	return db
		.select({
			id: notices.id,
			versionId: noticeVersions.id,
			version: noticeVersions.version,
			title: noticeVersions.title,
			body: noticeVersions.body,
			image: noticeVersions.image,
			startsAt: noticeVersions.startsAt,
			endsAt: noticeVersions.endsAt,
			urgent: noticeVersions.urgent,
			withdrawnAt: noticeWithdrawals.at,
			author: staffUsers.displayName
		})
		.from(notices)
		.innerJoin(latest, eq(latest.noticeId, notices.id))
		.innerJoin(
			noticeVersions,
			and(eq(noticeVersions.noticeId, notices.id), eq(noticeVersions.version, latest.v))
		)
		.leftJoin(noticeWithdrawals, eq(noticeWithdrawals.noticeId, notices.id))
		.leftJoin(staffUsers, eq(staffUsers.id, noticeVersions.createdBy));
}

type Row = Awaited<ReturnType<ReturnType<typeof selectNotices>['all']>>[number];
const view = ({ image, author: _a, ...r }: Row): NoticeView => ({ ...r, hasImage: image !== null });

/** What the kiosk, the phones and the hall display show now: in force, urgent first. */
export function currentNotices(db: Db, communityId: number, now: number): NoticeView[] {
	const rows = selectNotices(db)
		.where(
			and(
				eq(notices.communityId, communityId),
				lte(noticeVersions.startsAt, now),
				gt(noticeVersions.endsAt, now)
			)
		)
		.all();
	return visibleNotices(rows.map(view), now);
}

/** The counter's list: every notice ever posted (newest first) with where it stands now. */
export function noticeHistory(
	db: Db,
	communityId: number,
	now: number,
	limit = 200
): (NoticeView & { status: NoticeStatus; author: string | null })[] {
	return selectNotices(db)
		.where(eq(notices.communityId, communityId))
		.orderBy(desc(notices.id))
		.limit(limit)
		.all()
		.map((r) => {
			const v = view(r);
			return { ...v, author: r.author, status: noticeStatus(v, now) };
		});
}

/** One notice (the latest version) of the community, for the edit form; null if none. */
export function noticeById(db: Db, communityId: number, id: number, now: number) {
	const r = selectNotices(db)
		.where(and(eq(notices.communityId, communityId), eq(notices.id, id)))
		.get();
	if (!r) return null;
	const v = view(r);
	return { ...v, status: noticeStatus(v, now) };
}

/**
 * A notice's picture for the public pages: only of a version in force and showing now in this
 * community (an old version's or an expired notice's picture is not public any more).
 */
export function publicNoticeImage(
	db: Db,
	communityId: number,
	versionId: number,
	now: number
): { bytes: Buffer; mime: string } | null {
	const shown = currentNotices(db, communityId, now).find((n) => n.versionId === versionId);
	if (!shown) return null;
	const row = db
		.select({ image: noticeVersions.image })
		.from(noticeVersions)
		.where(eq(noticeVersions.id, versionId))
		.get();
	if (!row?.image) return null;
	const bytes = readPhotoFile(row.image, noticePhotoDir());
	const mime = bytes && sniffImage(bytes);
	return bytes && mime ? { bytes, mime } : null;
}

/** A notice as the public pages get it: the words and the picture's address, nothing about staff. */
export interface PublicNotice {
	versionId: number;
	title: string;
	body: string;
	urgent: boolean;
	imageUrl: string | null;
}

export function publicNotices(db: Db, communityId: number, now: number): PublicNotice[] {
	return currentNotices(db, communityId, now).map((n) => ({
		versionId: n.versionId,
		title: n.title,
		body: n.body,
		urgent: n.urgent,
		imageUrl: n.hasImage ? `/kiosk/notices/${n.versionId}/image` : null
	}));
}
