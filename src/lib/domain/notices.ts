/**
 * Notices (公告) of the service centre: what staff post for the hall, the kiosk and residents'
 * phones (停水停电, lift maintenance…). Pure: no I/O, no clock.
 *
 * A notice is kept for good: each edit is a new version, withdrawing is an event, and nothing
 * runs at the end time: a notice is shown while `startsAt ≤ now < endsAt` and not withdrawn,
 * judged at each read. Shown urgent first, then the latest start first.
 */

export const NOTICE_TITLE_MAX = 60;
export const NOTICE_BODY_MAX = 1000;
/** A start this far in the past is still "now" (the form was filled in a minute or two before). */
export const NOTICE_START_GRACE_MS = 10 * 60 * 1000;
/** The longest a notice may run (a year): a notice board is kept current. */
export const NOTICE_MAX_DURATION_MS = 366 * 24 * 3600 * 1000;

export type NoticeStatus = 'scheduled' | 'showing' | 'expired' | 'withdrawn';

export interface NoticeTimes {
	startsAt: number;
	endsAt: number;
	urgent: boolean;
	withdrawnAt: number | null;
}

/** Where a notice stands at `now`. A withdrawal counts from its time on. */
export function noticeStatus(n: NoticeTimes, now: number): NoticeStatus {
	if (n.withdrawnAt !== null && n.withdrawnAt <= now) return 'withdrawn';
	if (now < n.startsAt) return 'scheduled';
	if (now >= n.endsAt) return 'expired';
	return 'showing';
}

/** The notices to show at `now`: urgent first, then the latest start, then the newest id. */
export function visibleNotices<T extends NoticeTimes & { id: number }>(
	notices: readonly T[],
	now: number
): T[] {
	return notices
		.filter((n) => noticeStatus(n, now) === 'showing')
		.sort((a, b) => Number(b.urgent) - Number(a.urgent) || b.startsAt - a.startsAt || b.id - a.id);
}

export type NoticeErrorCode =
	| 'title_required'
	| 'title_too_long'
	| 'body_too_long'
	| 'end_before_start'
	| 'start_in_past'
	| 'too_long_running';

/** Which form field each rule belongs to. */
export const NOTICE_ERROR_FIELD: Record<NoticeErrorCode, string> = {
	title_required: 'title',
	title_too_long: 'title',
	body_too_long: 'body',
	end_before_start: 'endsAt',
	start_in_past: 'startsAt',
	too_long_running: 'endsAt'
};

export interface NoticeDraft {
	title: string;
	body: string;
	startsAt: number;
	endsAt: number;
}

/**
 * The rules a notice (new or a new version) must keep, every broken one. `previousStart`: an edit
 * may keep the start the notice already had, even long past (it has been showing since).
 */
export function checkNotice(
	d: NoticeDraft,
	now: number,
	previousStart: number | null = null
): NoticeErrorCode[] {
	const errors: NoticeErrorCode[] = [];
	const title = d.title.trim();
	if (title === '') errors.push('title_required');
	else if ([...title].length > NOTICE_TITLE_MAX) errors.push('title_too_long');
	if ([...d.body].length > NOTICE_BODY_MAX) errors.push('body_too_long');
	if (d.startsAt < now - NOTICE_START_GRACE_MS && d.startsAt !== previousStart)
		errors.push('start_in_past');
	if (d.endsAt <= d.startsAt) errors.push('end_before_start');
	else if (d.endsAt - d.startsAt > NOTICE_MAX_DURATION_MS) errors.push('too_long_running');
	return errors;
}
