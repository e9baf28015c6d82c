import { beforeEach, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import type { Actor } from '../auth/actor';
import {
	NoticeError,
	currentNotices,
	noticeHistory,
	postNotice,
	reviseNotice,
	withdrawNotice
} from './index';

const T0 = Date.parse('2026-11-23T01:00:00Z');
const H = 3600_000;

let db: Db;
let fx: Fixture;
let clerk: Actor;
let dir: string;

beforeEach(() => {
	db = createTestDb();
	fx = createFixture(db);
	clerk = { id: fx.clerkId, communityId: fx.communityId, role: 'clerk' };
	dir = mkdtempSync(join(tmpdir(), 'notices-'));
});

const input = (over: Record<string, unknown> = {}) => ({
	title: '停水通知',
	body: '3栋今日 9:00–17:00 停水。',
	startsAt: T0,
	endsAt: T0 + 8 * H,
	urgent: false,
	...over
});

const refused = (fn: () => unknown) => {
	try {
		fn();
	} catch (e) {
		if (e instanceof NoticeError) return { code: e.code, errors: e.detail.errors };
		throw e;
	}
	return null;
};

describe('notices', () => {
	it('shows a posted notice while in force, urgent first, and keeps it once expired', () => {
		const a = postNotice(db, clerk, input({ title: '电梯保养' }), T0, { photoDir: dir }).id;
		const b = postNotice(db, clerk, input({ title: '停电', urgent: true, endsAt: T0 + H }), T0, {
			photoDir: dir
		}).id;
		expect(currentNotices(db, fx.communityId, T0 + 1).map((n) => n.id)).toEqual([b, a]);
		expect(currentNotices(db, fx.communityId, T0 + H).map((n) => n.id)).toEqual([a]);
		expect(currentNotices(db, fx.communityId, T0 + 8 * H)).toEqual([]);
		expect(noticeHistory(db, fx.communityId, T0 + 8 * H).map((n) => [n.title, n.status])).toEqual([
			['停电', 'expired'],
			['电梯保养', 'expired']
		]);
	});

	it('bad input writes nothing: every broken rule is listed', () => {
		const r = refused(() =>
			postNotice(db, clerk, input({ title: ' ', endsAt: T0 - H, startsAt: T0 - 2 * H }), T0, {
				photoDir: dir
			})
		);
		expect(r).toEqual({
			code: 'title_required',
			errors: ['title_required', 'start_in_past']
		});
		expect(
			refused(() => postNotice(db, clerk, input({ endsAt: T0 }), T0, { photoDir: dir }))?.code
		).toBe('end_before_start');
		expect(noticeHistory(db, fx.communityId, T0)).toEqual([]);
	});

	it('an image that is not an image is refused, nothing written, no file left', () => {
		const r = refused(() =>
			postNotice(
				db,
				clerk,
				input({ photos: [{ name: 'x.png', bytes: new TextEncoder().encode('<html>') }] }),
				T0,
				{ photoDir: dir }
			)
		);
		expect(r?.code).toBe('photo_type');
		expect(noticeHistory(db, fx.communityId, T0)).toEqual([]);
		expect(readdirSync(dir)).toEqual([]);
	});

	it('an edit is a new version (the picture kept), withdrawing is an event; both are history', async () => {
		const png = new Uint8Array(
			await sharp({ create: { width: 4, height: 4, channels: 3, background: '#c00' } })
				.png()
				.toBuffer()
		);
		const id = postNotice(
			db,
			clerk,
			input({ photos: [{ name: 'a.png', bytes: png, cleaned: true }] }),
			T0,
			{ photoDir: dir }
		).id;
		// Two days later the start (long past) may stay as it was.
		const later = T0 + 48 * H;
		expect(
			reviseNotice(db, clerk, id, input({ title: '停水通知（更新）', endsAt: later + H }), later, {
				photoDir: dir
			})
		).toEqual({ version: 2 });
		const [n] = currentNotices(db, fx.communityId, later);
		expect([n.title, n.version, n.hasImage]).toEqual(['停水通知（更新）', 2, true]);
		withdrawNotice(db, clerk, id, later + 1);
		expect(currentNotices(db, fx.communityId, later + 2)).toEqual([]);
		expect(noticeHistory(db, fx.communityId, later + 2)[0].status).toBe('withdrawn');
		expect(refused(() => withdrawNotice(db, clerk, id, later + 3))?.code).toBe('withdrawn');
		// The rows are insert-only.
		expect(() => db.$client.prepare('UPDATE notice_versions SET title = ?').run('x')).toThrow(
			/append-only/
		);
	});

	it('a double submit posts one notice; another community cannot touch it', () => {
		const a = postNotice(db, clerk, input({ idempotencyKey: 'k-123456789' }), T0, {
			photoDir: dir
		});
		const b = postNotice(db, clerk, input({ idempotencyKey: 'k-123456789' }), T0, {
			photoDir: dir
		});
		expect([a.replay, b.replay, b.id]).toEqual([false, true, a.id]);
		const other: Actor = { ...clerk, communityId: fx.communityId + 1000 };
		expect(refused(() => withdrawNotice(db, other, a.id, T0))?.code).toBe('not_found');
	});
});
