import { describe, expect, it } from 'vitest';
import {
	NOTICE_BODY_MAX,
	NOTICE_START_GRACE_MS,
	NOTICE_TITLE_MAX,
	checkNotice,
	noticeStatus,
	visibleNotices
} from './notices';

const H = 3600 * 1000;
// 2026-12-07 08:00 in Asia/Shanghai.
const NOW = Date.UTC(2026, 11, 7, 0, 0);

const notice = (
	id: number,
	from: number,
	to: number,
	urgent = false,
	withdrawnAt: number | null = null
) => ({
	id,
	startsAt: NOW + from * H,
	endsAt: NOW + to * H,
	urgent,
	withdrawnAt
});

describe('which notices show', () => {
	it('shows a notice from its start up to (not at) its end: expired by itself, no job runs', () => {
		const n = notice(1, -1, 2);
		expect(noticeStatus(n, NOW - 2 * H)).toBe('scheduled');
		expect(noticeStatus(n, NOW - H)).toBe('showing');
		expect(noticeStatus(n, NOW + 2 * H - 1)).toBe('showing');
		expect(noticeStatus(n, NOW + 2 * H)).toBe('expired');
	});

	it('a withdrawn notice is gone from the moment it was withdrawn', () => {
		const n = notice(1, -1, 2, false, NOW + H);
		expect(noticeStatus(n, NOW)).toBe('showing');
		expect(noticeStatus(n, NOW + H)).toBe('withdrawn');
	});

	it('worked example: 停水 (urgent, 09:00–17:00), 电梯保养 (08:00–12:00), 缴费提醒 (yesterday–Friday), 圣诞活动 (not yet)', () => {
		const list = [
			{ ...notice(1, -24, 96), title: '缴费提醒' },
			{ ...notice(2, 0, 4), title: '电梯保养' },
			{ ...notice(3, 1, 9, true), title: '停水' },
			{ ...notice(4, 48, 72), title: '圣诞活动' }
		];
		expect(visibleNotices(list, NOW).map((n) => n.title)).toEqual(['电梯保养', '缴费提醒']);
		// 09:30: the urgent one leads, the others by latest start.
		expect(visibleNotices(list, NOW + 1.5 * H).map((n) => n.title)).toEqual([
			'停水',
			'电梯保养',
			'缴费提醒'
		]);
		// 12:00: the lift is done.
		expect(visibleNotices(list, NOW + 4 * H).map((n) => n.title)).toEqual(['停水', '缴费提醒']);
	});
});

describe('checkNotice', () => {
	const ok = {
		title: '停水通知',
		body: '12月8日9:00–17:00 3栋停水。',
		startsAt: NOW,
		endsAt: NOW + 8 * H
	};

	it('accepts a notice starting now or a little before (the form took a while)', () => {
		expect(checkNotice(ok, NOW)).toEqual([]);
		expect(checkNotice({ ...ok, startsAt: NOW - NOTICE_START_GRACE_MS }, NOW)).toEqual([]);
	});

	it('refuses an empty or too long title, too long text, end not after start, start long past', () => {
		expect(checkNotice({ ...ok, title: '  ' }, NOW)).toEqual(['title_required']);
		expect(checkNotice({ ...ok, title: '通'.repeat(NOTICE_TITLE_MAX + 1) }, NOW)).toEqual([
			'title_too_long'
		]);
		expect(checkNotice({ ...ok, title: '通'.repeat(NOTICE_TITLE_MAX) }, NOW)).toEqual([]);
		expect(checkNotice({ ...ok, body: 'x'.repeat(NOTICE_BODY_MAX + 1) }, NOW)).toEqual([
			'body_too_long'
		]);
		expect(checkNotice({ ...ok, endsAt: NOW }, NOW)).toEqual(['end_before_start']);
		expect(
			checkNotice({ ...ok, startsAt: NOW - NOTICE_START_GRACE_MS - 1, endsAt: NOW + H }, NOW)
		).toEqual(['start_in_past']);
		expect(checkNotice({ ...ok, endsAt: NOW + 400 * 24 * H }, NOW)).toEqual(['too_long_running']);
	});

	it('an edit may keep the start the notice already had', () => {
		const started = NOW - 48 * H;
		expect(checkNotice({ ...ok, startsAt: started }, NOW, started)).toEqual([]);
		expect(checkNotice({ ...ok, startsAt: started - H }, NOW, started)).toEqual(['start_in_past']);
	});
});
