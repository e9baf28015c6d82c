import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { audit, auditBy } from '../audit';
import { localToEpochMs } from '../../dates';
import { auditActors, auditEntries, auditTargetTypes, detailSummary } from './queries';
import { parseAuditQuery } from './forms';
import { adminOverview } from '../admin/overview';

const TZ = 'Asia/Shanghai';
const at = (date: string, time = '10:00') => localToEpochMs(date, time, TZ);

describe('audit log queries', () => {
	let db: Db;
	let f: Fixture;
	beforeEach(() => {
		db = createTestDb();
		f = createFixture(db);
		const e = (
			action: string,
			targetType: string,
			targetId: string,
			when: number,
			actorId = f.clerkId
		) => audit(db, { communityId: f.communityId, actorId, action, targetType, targetId }, when);
		e('payment.post', 'payment', '1', at('2026-11-01'));
		e('payment.void', 'payment', '1', at('2026-11-02'), f.managerId);
		e('fee_items.update', 'fee_item', '3', at('2026-11-03'), f.adminId);
		e('feexitems.update', 'fee_item', '4', at('2026-11-03', '11:00'), f.adminId);
		e('ticket.create', 'ticket', 'BX-1', at('2026-11-04'));
		audit(
			db,
			{
				communityId: f.communityId,
				actorId: null,
				actorKind: 'resident',
				action: 'kiosk.identify',
				targetType: 'unit',
				targetId: '7'
			},
			at('2026-11-05')
		);
		// another community's entry is never shown
		audit(
			db,
			{
				communityId: f.otherCommunityId,
				actorId: null,
				action: 'payment.post',
				targetType: 'payment',
				targetId: '9'
			},
			at('2026-11-01')
		);
	});

	it('lists a community newest first, with names and areas', () => {
		const { rows, total } = auditEntries(db, f.communityId, {});
		expect(total).toBe(6);
		expect(rows.map((r) => r.action)).toEqual([
			'kiosk.identify',
			'ticket.create',
			'feexitems.update',
			'fee_items.update',
			'payment.void',
			'payment.post'
		]);
		expect(rows[0]).toMatchObject({ area: 'access', actorKind: 'resident', actor: null });
		expect(rows[4].actor).toBeTruthy();
	});
	it('filters by area without LIKE wildcards leaking (fee_items is not feexitems)', () => {
		expect(auditEntries(db, f.communityId, { area: 'fees' }).rows.map((r) => r.action)).toEqual([
			'fee_items.update',
			'payment.void',
			'payment.post'
		]);
		expect(auditEntries(db, f.communityId, { area: 'other' }).rows.map((r) => r.action)).toEqual([
			'feexitems.update'
		]);
	});
	it('filters by person, record and period (the end is exclusive), and pages', () => {
		expect(auditEntries(db, f.communityId, { actorId: f.managerId }).total).toBe(1);
		expect(auditEntries(db, f.communityId, { targetType: 'payment', targetId: '1' }).total).toBe(2);
		const nov2 = { fromMs: at('2026-11-02', '00:00'), toMs: at('2026-11-03', '00:00') };
		expect(auditEntries(db, f.communityId, nov2).rows.map((r) => r.action)).toEqual([
			'payment.void'
		]);
		const page2 = auditEntries(db, f.communityId, {}, { offset: 2, limit: 2 });
		expect(page2.total).toBe(6);
		expect(page2.rows.map((r) => r.action)).toEqual(['feexitems.update', 'fee_items.update']);
	});
	it('offers the community’s people and record types for the filters', () => {
		expect(auditActors(db, f.communityId).map((a) => a.id)).toContain(f.clerkId);
		expect(auditActors(db, f.communityId).map((a) => a.id)).not.toContain(undefined);
		expect(auditTargetTypes(db, f.communityId)).toEqual(['fee_item', 'payment', 'ticket', 'unit']);
	});
	it('shows every kind of entry on the admin home, not only account changes', () => {
		const o = adminOverview(db, f.communityId, 3);
		expect(o.recent.map((r) => r.action)).toEqual([
			'kiosk.identify',
			'ticket.create',
			'feexitems.update'
		]);
	});
});

describe('auditBy', () => {
	it('records the staff member and their community, as a staff action', () => {
		const db = createTestDb();
		const f = createFixture(db);
		const when = at('2026-11-05');
		auditBy(
			db,
			{ id: f.managerId, communityId: f.communityId },
			{ action: 'key.lend', targetType: 'key', targetId: 9, detail: { unit: '1-101' } },
			when
		);
		const row = db.$client
			.prepare(
				'SELECT community_id, actor_id, actor_kind, action, target_type, target_id, detail, at FROM audit_log'
			)
			.get();
		expect(row).toEqual({
			community_id: f.communityId,
			actor_id: f.managerId,
			actor_kind: 'staff',
			action: 'key.lend',
			target_type: 'key',
			target_id: '9',
			detail: '{"unit":"1-101"}',
			at: when
		});
	});
});

describe('detailSummary', () => {
	it('reads a JSON object as key: value, and cuts long text', () => {
		expect(detailSummary('{"receiptNo":"SF-1","amountFen":100,"lines":[1,2]}')).toBe(
			'receiptNo: SF-1 · amountFen: 100 · lines: [1,2]'
		);
		expect(detailSummary('{}')).toBe('');
		expect(detailSummary('not json')).toBe('not json');
		expect(detailSummary(JSON.stringify({ t: 'x'.repeat(500) }), 20)).toHaveLength(20);
	});
});

describe('parseAuditQuery', () => {
	const q = (s: string) =>
		parseAuditQuery(new URL('http://x/manager/audit?' + s), '2026-12-06', TZ);
	it('defaults to the last 30 days in the community’s zone', () => {
		const r = q('');
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		expect([r.query.from, r.query.to, r.query.page]).toEqual(['2026-11-07', '2026-12-06', 1]);
		expect(r.query.filter.fromMs).toBe(Date.parse('2026-11-06T16:00:00Z'));
		expect(r.query.filter.toMs).toBe(Date.parse('2026-12-06T16:00:00Z'));
	});
	it('reads every filter', () => {
		const r = q('from=2026-11-01&to=2026-11-30&area=fees&actor=3&type=payment&record=12&page=2');
		expect(r.ok && r.query.filter).toMatchObject({
			area: 'fees',
			actorId: 3,
			targetType: 'payment',
			targetId: '12'
		});
		expect(r.ok && r.query.page).toBe(2);
	});
	it('says what is wrong', () => {
		const r = q('area=nope');
		expect(!r.ok && r.message).toBe('没有这个业务分类。');
		const p = q('page=x');
		expect(!p.ok && p.message).toBe('页码不正确。');
	});
	it('refuses bad input with a message of its own', () => {
		for (const s of [
			'area=nope',
			'actor=abc',
			'page=-1',
			'from=2026-12-05&to=2026-12-01',
			'to=2026-12-07',
			'from=2025-01-01&to=2026-12-01',
			'from=2026-02-30',
			'record=' + 'x'.repeat(81)
		]) {
			const r = q(s);
			expect(r.ok, s).toBe(false);
			if (!r.ok) expect(r.message, s).not.toBe('格式不正确。');
		}
	});
});
