import { beforeEach, describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import type { Fixture } from '../db/fixtures';
import { ticketWorld } from './test-fixture';
import { forgetCommunity } from '../community';
import type { Db } from '../db';
import { localToEpochMs } from '../../dates';
import {
	PHOTO_MAX_BYTES,
	RESIDENT_DAILY_PHOTO_BYTES,
	RESIDENT_DAILY_REPORTS
} from '../../domain/tickets';
import { translateFailure } from './messages';
import {
	applyTicketAction,
	createTicket,
	getTicketDetail,
	listBoard,
	readTicketPhoto,
	residentActor,
	staffActor,
	ticketAlertCounts,
	type TicketActor,
	type TicketInput
} from './index';

const at = (date: string, time: string) => localToEpochMs(date, time, 'Asia/Shanghai');
const NOW = at('2026-11-23', '09:00'); // a Monday

let db: Db;
let fx: Fixture;
let clerk: TicketActor;
let manager: TicketActor;
let photoDir: string;

beforeEach(() => {
	({ db, fx, clerk, manager, photoDir } = ticketWorld('ticket-photos-'));
});

const base: TicketInput = {
	kind: 'service_complaint',
	source: 'counter',
	unitCode: '1-1-101',
	reporterName: '张伟',
	reporterPhone: '13800000001',
	text: '楼道灯坏了三天没人修'
};
const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const jpeg = (size: number) => {
	const b = new Uint8Array(size);
	b.set([0xff, 0xd8, 0xff, 0xe0]);
	return b;
};
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);

function create(input: Partial<TicketInput> = {}, actor = clerk, now = NOW, key?: string) {
	const r = createTicket(db, { ...base, ...input }, actor, { now, photoDir, idempotencyKey: key });
	return r;
}
function mustCreate(input: Partial<TicketInput> = {}, now = NOW) {
	const r = create(input, clerk, now);
	if (!r.ok) throw new Error(JSON.stringify(r));
	return r;
}
function act(
	no: string,
	action: string,
	input: Record<string, string> = {},
	actor = clerk,
	now = NOW,
	key?: string
) {
	return applyTicketAction(db, no, action, input, actor, { now, idempotencyKey: key });
}
function mustAct(
	no: string,
	action: string,
	input: Record<string, string> = {},
	actor = clerk,
	now = NOW
) {
	const r = act(no, action, input, actor, now);
	if (!r.ok) throw new Error(`${action}: ${JSON.stringify(r)}`);
	return r;
}

describe('intake', () => {
	it('numbers tickets per community and year: BS-2026-000001, 000002 …; a new year starts again', () => {
		expect(mustCreate().ticketNo).toBe('BS-2026-000001');
		expect(mustCreate().ticketNo).toBe('BS-2026-000002');
		const other = staffActor({
			id: fx.adminId,
			displayName: 'x',
			workNo: 'X',
			role: 'admin',
			communityId: fx.otherCommunityId
		});
		const r = createTicket(db, { ...base, unitCode: '9-9-909' }, other, { now: NOW, photoDir });
		expect(r.ok && r.ticketNo).toBe('BS-2026-000001');
		// New Year's Day in Shanghai is still 31 December in UTC: the community's zone decides.
		const ny = at('2027-01-01', '00:30');
		expect(mustCreate({ receivedAt: ny }, ny).ticketNo).toBe('BS-2027-000001');
		expect(mustCreate({}, at('2026-12-31', '23:50')).ticketNo).toBe('BS-2026-000003');
	});

	it('the unique index backs the sequence', () => {
		mustCreate();
		expect(() =>
			db.$client
				.prepare(
					`INSERT INTO tickets (community_id, ticket_no, year, seq, kind, source, reporter_name,
						reporter_phone, text, state, received_at, recorded_at, updated_at)
					VALUES (?, 'BS-2026-000009', 2026, 1, 'property', 'counter', 'a', '1', 't', 'open', 0, 0, 0)`
				)
				.run(fx.communityId)
		).toThrow(/UNIQUE/);
	});

	it('records both times and flags a ticket typed in more than 10 minutes after receipt', () => {
		const onTime = mustCreate({ receivedAt: '2026-11-23T08:50', source: 'phone' });
		expect(onTime.recordedLate).toBe(false);
		const late = mustCreate({ receivedAt: '2026-11-23T08:49', source: 'phone' });
		expect(late.recordedLate).toBe(true);
		const d = getTicketDetail(db, fx.communityId, late.ticketNo, clerk, NOW)!;
		expect(d).toMatchObject({
			receivedAt: at('2026-11-23', '08:49'),
			recordedAt: NOW,
			recordedLate: true,
			source: 'phone',
			createdByName: 'clerk CLERK'
		});
		expect(d.deadlines.find((x) => x.limit === 'record')?.state).toBe('breached');
	});

	it('a common-area report needs a location instead of a unit', () => {
		const r = create({ unitCode: '', location: '' });
		expect(!r.ok && r.errors.location).toEqual({ code: 'location_required' });
		expect(mustCreate({ unitCode: '', location: '6 栋大堂' }).ok).toBe(true);
	});

	it('dispatches at intake when a department is given; enquiries may be answered on the spot', () => {
		const r = mustCreate({ department: 'customer_service', assignee: '客服 小陈' });
		const d = getTicketDetail(db, fx.communityId, r.ticketNo, clerk, NOW)!;
		expect(d).toMatchObject({
			state: 'dispatched',
			department: 'customer_service',
			assignee: '客服 小陈'
		});
		expect(d.events.map((e) => e.type)).toEqual(['created', 'dispatched']);
		const q = mustCreate({ kind: 'enquiry', answer: '物业费每月20日前缴纳' });
		expect(getTicketDetail(db, fx.communityId, q.ticketNo, clerk, NOW)!.state).toBe('completed');
	});

	it('stores photos under random names, checked by their bytes, served back', () => {
		const r = mustCreate({
			photos: [
				{ name: 'a.jpg', bytes: jpeg(1000) },
				{ name: 'b.png', bytes: png() },
				{ name: '', bytes: new Uint8Array() }
			]
		});
		const files = readdirSync(photoDir);
		expect(files).toHaveLength(2);
		for (const f of files) expect(f).toMatch(/^[0-9a-f]{32}\.(jpg|png)$/);
		const d = getTicketDetail(db, fx.communityId, r.ticketNo, clerk, NOW)!;
		expect(d.photos.map((p) => p.mime)).toEqual(['image/jpeg', 'image/png']);
		const back = readTicketPhoto(db, fx.communityId, r.ticketNo, d.photos[1].id, photoDir);
		expect(back?.mime).toBe('image/png');
		expect(Buffer.compare(back!.bytes, Buffer.from(png()))).toBe(0);
		expect(
			readTicketPhoto(db, fx.otherCommunityId, r.ticketNo, d.photos[1].id, photoDir)
		).toBeNull();
	});

	it('a double submit with the same form token makes one ticket', () => {
		const a = create({}, clerk, NOW, 'k-1');
		const b = create({ photos: [{ name: 'a.jpg', bytes: jpeg(10) }] }, clerk, NOW, 'k-1');
		expect(a.ok && b.ok && a.ticketNo === b.ticketNo && b.replay).toBe(true);
		expect(count('tickets')).toBe(1);
		expect(readdirSync(photoDir)).toHaveLength(0);
	});

	describe('bad input: a clear error on the field, nothing written', () => {
		const cases: [string, Partial<TicketInput>, string, unknown][] = [
			['text over the limit', { text: '漏'.repeat(2001) }, 'text', { code: 'too_long', max: 2000 }],
			['empty text', { text: '  ' }, 'text', { code: 'required' }],
			[
				'unknown department',
				{ department: 'kitchen', assignee: 'x' },
				'department',
				{ code: 'unknown_department' }
			],
			['department without assignee', { department: 'cleaning' }, 'assignee', { code: 'required' }],
			[
				'developer complaint dispatched at intake',
				{ kind: 'developer_complaint', department: 'developer', assignee: 'x' },
				'department',
				{ code: 'developer_no_dispatch' }
			],
			['unknown kind', { kind: 'gossip' }, 'kind', { code: 'invalid' }],
			[
				'unknown unit',
				{ unitCode: '99-9-999' },
				'unitCode',
				{ code: 'unknown_unit', unit: '99-9-999' }
			],
			['bad phone', { reporterPhone: 'call me' }, 'reporterPhone', { code: 'phone' }],
			[
				'received in the future',
				{ receivedAt: '2026-11-23T09:01' },
				'receivedAt',
				{ code: 'time_future' }
			],
			[
				'received too long ago',
				{ receivedAt: '2025-11-23T09:00' },
				'receivedAt',
				{ code: 'time_too_old', days: 30 }
			],
			[
				'received time not a time',
				{ receivedAt: 'yesterday' },
				'receivedAt',
				{ code: 'time_format' }
			],
			['a staff member claims the kiosk', { source: 'kiosk' }, 'source', { code: 'invalid' }],
			[
				'photo too big',
				{ photos: [{ name: 'big.jpg', bytes: jpeg(PHOTO_MAX_BYTES + 1) }] },
				'photos',
				{ code: 'photo_size', name: 'big.jpg', maxMb: 5 }
			],
			[
				'not an image',
				{ photos: [{ name: 'x.pdf', bytes: new TextEncoder().encode('%PDF-1.7 …') }] },
				'photos',
				{ code: 'photo_type', name: 'x.pdf' }
			],
			[
				'a GIF renamed .jpg',
				{ photos: [{ name: 'x.jpg', bytes: new TextEncoder().encode('GIF89a……') }] },
				'photos',
				{ code: 'photo_type', name: 'x.jpg' }
			],
			[
				'five photos',
				{ photos: Array.from({ length: 5 }, (_, i) => ({ name: `${i}.png`, bytes: png() })) },
				'photos',
				{ code: 'photo_count', max: 4 }
			]
		];
		it.each(cases)('%s', (_, input, field, error) => {
			const r = create({ ...input, photos: input.photos ?? [{ name: 'ok.png', bytes: png() }] });
			expect(r.ok).toBe(false);
			if (r.ok) return;
			expect(r.status).toBe(400);
			expect(r.error).toEqual({ code: 'invalid_input' });
			expect(r.errors[field]).toEqual(error);
			expect(r.values.reporterName).toBe('张伟');
			expect([
				count('tickets'),
				count('ticket_events'),
				count('ticket_photos'),
				count('audit_log')
			]).toEqual([0, 0, 0, 0]);
			expect(readdirSync(photoDir)).toHaveLength(0);
		});
	});
});

describe('the closed loop', () => {
	it('property-service complaint: slip → supervisor → follow-up → complete → 不满意 reopens → complete → 满意 → close', () => {
		const { ticketNo: no } = mustCreate({ department: 'customer_service', assignee: '客服 小陈' });
		mustAct(no, 'notify_supervisor', { supervisor: '客服主管 周', at: '2026-11-23T09:00' });
		mustAct(no, 'follow_up', { text: '已约业主下午查看' }, clerk, NOW + 3_600_000);
		mustAct(no, 'complete', { text: '已更换灯管' }, clerk, NOW + 5 * 3_600_000);
		const unsatisfied = mustAct(
			no,
			'return_visit',
			{ rating: 'unsatisfied', method: 'phone', visitor: '李晓梅', note: '二楼仍不亮' },
			clerk,
			NOW + 6 * 3_600_000
		);
		expect(unsatisfied).toMatchObject({
			state: 'dispatched',
			events: ['return_visit', 'reopened']
		});
		mustAct(no, 'complete', {}, clerk, NOW + 24 * 3_600_000);
		expect(
			mustAct(
				no,
				'return_visit',
				{ rating: 'satisfied', method: 'visit', visitor: '李晓梅' },
				clerk,
				NOW + 25 * 3_600_000
			).state
		).toBe('visited');
		expect(mustAct(no, 'close', {}, clerk, NOW + 25 * 3_600_000).state).toBe('closed');

		const d = getTicketDetail(db, fx.communityId, no, clerk, NOW + 26 * 3_600_000)!;
		expect(d.events.map((e) => e.type)).toEqual([
			'created',
			'dispatched',
			'supervisor_notified',
			'follow_up',
			'completed',
			'return_visit',
			'reopened',
			'completed',
			'return_visit',
			'closed'
		]);
		expect(d.events.every((e) => e.actorName === '李晓梅 C001')).toBe(true);
		expect(d.closedAt).toBe(NOW + 25 * 3_600_000);
		expect(d.actions).toEqual([]);
		expect(d.deadlines.every((x) => x.state === 'ok')).toBe(true);
		expect(count('audit_log')).toBe(8); // one per step, in the same transaction
	});

	it('developer complaint: manager approval (clerk refused), then transfer', () => {
		const { ticketNo: no } = mustCreate({
			kind: 'developer_complaint',
			text: '外墙渗水,开发商保修期内'
		});
		const refused = act(no, 'approve');
		expect(refused).toMatchObject({
			ok: false,
			status: 403,
			error: { code: 'rule', rule: 'manager_only' }
		});
		expect(act(no, 'transfer', { assignee: '地产客户组 刘' })).toMatchObject({
			ok: false,
			status: 409,
			error: { rule: 'needs_approval' }
		});
		mustAct(no, 'approve', { note: '同意转地产' }, manager, NOW + 600_000);
		const t = mustAct(no, 'transfer', { assignee: '地产客户组 刘' }, clerk, NOW + 1_200_000);
		expect(t.state).toBe('dispatched');
		const d = getTicketDetail(db, fx.communityId, no, clerk, NOW + 1_200_000)!;
		expect(d).toMatchObject({ department: 'developer', assignee: '地产客户组 刘' });
		expect(d.deadlines.find((x) => x.limit === 'transfer')).toMatchObject({
			state: 'ok',
			metAt: NOW + 1_200_000
		});
		expect(d.events.find((e) => e.type === 'approved')?.actorName).toBe('周主管 M001');
	});

	it('engineering: the check comes before the visit; a failed check sends it back', () => {
		const { ticketNo: no } = mustCreate({
			kind: 'engineering',
			department: 'engineering',
			assignee: '王师傅'
		});
		mustAct(no, 'complete');
		expect(
			act(no, 'return_visit', { rating: 'satisfied', method: 'phone', visitor: 'x' })
		).toMatchObject({ ok: false, error: { rule: 'visit_needs_check' } });
		expect(
			mustAct(no, 'check', { result: 'fail', checker: '工程部 赵', note: '仍渗水' }).state
		).toBe('dispatched');
		mustAct(no, 'complete');
		mustAct(no, 'check', { result: 'pass', checker: '工程部 赵' });
		expect(
			mustAct(no, 'return_visit', {
				rating: 'basically_satisfied',
				method: 'on_site',
				visitor: 'x'
			}).state
		).toBe('visited');
	});

	describe('bad actions: a clear error, nothing written', () => {
		const snapshot = () => [
			count('ticket_events'),
			count('audit_log'),
			JSON.stringify(db.$client.prepare('SELECT * FROM tickets').all())
		];
		it('closing without a return visit', () => {
			const { ticketNo: no } = mustCreate({ department: 'cleaning', assignee: 'x' });
			mustAct(no, 'complete');
			const before = snapshot();
			expect(act(no, 'close')).toMatchObject({
				ok: false,
				status: 409,
				error: { code: 'rule', rule: 'close_needs_visit' }
			});
			expect(snapshot()).toEqual(before);
		});
		it('a return visit before completion', () => {
			const { ticketNo: no } = mustCreate({ department: 'cleaning', assignee: 'x' });
			const before = snapshot();
			expect(
				act(no, 'return_visit', { rating: 'satisfied', method: 'phone', visitor: 'x' })
			).toMatchObject({ ok: false, status: 409, error: { rule: 'visit_needs_completion' } });
			expect(snapshot()).toEqual(before);
		});
		it('an unknown department', () => {
			const { ticketNo: no } = mustCreate();
			const before = snapshot();
			const r = act(no, 'dispatch', { department: 'spa', assignee: 'x' });
			expect(r).toMatchObject({
				ok: false,
				status: 400,
				errors: { department: { code: 'unknown_department' } },
				values: { department: 'spa', assignee: 'x' }
			});
			expect(snapshot()).toEqual(before);
		});
		it('times in the future or before the step they follow', () => {
			const { ticketNo: no } = mustCreate({ department: 'cleaning', assignee: 'x' });
			mustAct(no, 'complete', {}, clerk, NOW + 3_600_000);
			const before = snapshot();
			expect(
				act(
					no,
					'return_visit',
					{ rating: 'satisfied', method: 'phone', visitor: 'x', at: '2026-11-23T11:00' },
					clerk,
					NOW + 3_600_000
				)
			).toMatchObject({ errors: { at: { code: 'time_future' } } });
			expect(
				act(
					no,
					'return_visit',
					{ rating: 'satisfied', method: 'phone', visitor: 'x', at: '2026-11-23T09:30' },
					clerk,
					NOW + 3_600_000
				)
			).toMatchObject({ errors: { at: { code: 'time_before', at: NOW + 3_600_000 } } });
			expect(snapshot()).toEqual(before);
		});
		it('follow-up text over the limit, missing fields, unknown action or ticket', () => {
			const { ticketNo: no } = mustCreate({ department: 'cleaning', assignee: 'x' });
			const before = snapshot();
			expect(act(no, 'follow_up', { text: 'x'.repeat(2001) })).toMatchObject({
				status: 400,
				errors: { text: { code: 'too_long', max: 2000 } }
			});
			expect(act(no, 'return_visit', {})).toMatchObject({ ok: false, status: 409 });
			expect(act(no, 'notify_supervisor', {})).toMatchObject({
				status: 400,
				errors: { supervisor: { code: 'required' } }
			});
			expect(act(no, 'delete', {})).toMatchObject({
				status: 400,
				errors: { action: { code: 'invalid' } }
			});
			expect(act('BS-2026-999999', 'follow_up', { text: 'x' })).toMatchObject({ status: 404 });
			expect(snapshot()).toEqual(before);
		});
	});

	it('a double submit of an action records it once', () => {
		const { ticketNo: no } = mustCreate({ department: 'cleaning', assignee: 'x' });
		expect(act(no, 'follow_up', { text: '跟进' }, clerk, NOW, 'f-1')).toMatchObject({
			ok: true,
			replay: false
		});
		expect(act(no, 'follow_up', { text: '跟进' }, clerk, NOW, 'f-1')).toMatchObject({
			ok: true,
			replay: true
		});
		expect(count("ticket_events WHERE type = 'follow_up'")).toBe(1);
	});

	it('edits are logged with the old and new value, who and when', () => {
		const { ticketNo: no } = mustCreate();
		mustAct(no, 'edit', { field: 'location', value: '2 楼楼梯间' }, clerk, NOW + 60_000);
		mustAct(no, 'edit', { field: 'unit', value: '1-1-102' }, clerk, NOW + 120_000);
		expect(act(no, 'edit', { field: 'unit', value: '7-7-777' })).toMatchObject({
			errors: { value: { code: 'unknown_unit', unit: '7-7-777' } }
		});
		expect(act(no, 'edit', { field: 'text', value: 'rewritten' })).toMatchObject({
			errors: { field: { code: 'invalid' } }
		});
		const d = getTicketDetail(db, fx.communityId, no, clerk, NOW)!;
		expect(d).toMatchObject({ location: '2 楼楼梯间', unitCode: '1-1-102' });
		const edits = d.events.filter((e) => e.type === 'edited');
		expect(edits.map((e) => [e.data, e.at, e.actorName])).toEqual([
			[{ field: 'location', old: '', new: '2 楼楼梯间' }, NOW + 60_000, '李晓梅 C001'],
			[{ field: 'unit', old: '1-1-101', new: '1-1-102' }, NOW + 120_000, '李晓梅 C001']
		]);
	});

	it('nothing is ever deleted; the log is never rewritten', () => {
		mustCreate({ photos: [{ name: 'a.png', bytes: png() }] });
		expect(() => db.$client.prepare('DELETE FROM tickets').run()).toThrow(/never deleted/);
		expect(() => db.$client.prepare('DELETE FROM ticket_events').run()).toThrow(/append-only/);
		expect(() => db.$client.prepare("UPDATE ticket_events SET type = 'closed'").run()).toThrow(
			/append-only/
		);
		expect(() => db.$client.prepare('DELETE FROM ticket_photos').run()).toThrow(/never deleted/);
	});
});

describe('residents (kiosk and phone pages)', () => {
	it('report for their own unit from the kiosk, and rate the return visit there', () => {
		const me = residentActor({
			unitId: fx.unitIds[0],
			unitCode: '1-1-101',
			communityId: fx.communityId
		});
		expect(
			createTicket(db, { ...base, source: 'counter' }, me, { now: NOW, photoDir })
		).toMatchObject({ ok: false, errors: { source: { code: 'invalid' } } });
		expect(
			createTicket(db, { ...base, source: 'kiosk', unitCode: '1-1-102' }, me, {
				now: NOW,
				photoDir
			})
		).toMatchObject({ ok: false, errors: { unitCode: { code: 'resident_unit' } } });
		// A resident cannot dispatch, nor backdate.
		const r = createTicket(
			db,
			{
				...base,
				kind: 'property',
				source: 'kiosk',
				unitCode: '',
				receivedAt: '2026-11-20T09:00',
				department: 'cleaning',
				assignee: 'x'
			},
			me,
			{ now: NOW, photoDir }
		);
		expect(r.ok).toBe(true);
		if (!r.ok) return;
		const d = getTicketDetail(db, fx.communityId, r.ticketNo, clerk, NOW)!;
		expect(d).toMatchObject({
			state: 'open',
			unitCode: '1-1-101',
			receivedAt: NOW,
			source: 'kiosk'
		});
		expect(d.events[0].actorName).toBe('住户 1-1-101');
		expect(act(r.ticketNo, 'follow_up', { text: 'x' }, me)).toMatchObject({
			ok: false,
			error: { rule: 'staff_only' }
		});
		mustAct(r.ticketNo, 'dispatch', { department: 'cleaning', assignee: '保洁 吴' });
		mustAct(r.ticketNo, 'complete');
		expect(mustAct(r.ticketNo, 'return_visit', { rating: 'satisfied' }, me).state).toBe('visited');
		const v = getTicketDetail(db, fx.communityId, r.ticketNo, me, NOW)!;
		expect(v.events.at(-1)).toMatchObject({
			type: 'return_visit',
			data: { rating: 'satisfied', method: 'kiosk', visitor: '住户 1-1-101' }
		});
		const neighbour = residentActor({
			unitId: fx.unitIds[1],
			unitCode: '1-1-102',
			communityId: fx.communityId
		});
		expect(getTicketDetail(db, fx.communityId, r.ticketNo, neighbour, NOW)).toBeNull();
		expect(act(r.ticketNo, 'return_visit', { rating: 'satisfied' }, neighbour)).toMatchObject({
			status: 404
		});
	});

	it(`may send ${RESIDENT_DAILY_REPORTS} reports and ${RESIDENT_DAILY_PHOTO_BYTES / 1024 / 1024} MB of photos a day; the counter is not limited`, () => {
		const me = residentActor({
			unitId: fx.unitIds[0],
			unitCode: '1-1-101',
			communityId: fx.communityId
		});
		const neighbour = residentActor({
			unitId: fx.unitIds[1],
			unitCode: '1-1-102',
			communityId: fx.communityId
		});
		const send = (who: TicketActor, now: number, photos: number) =>
			createTicket(
				db,
				{
					...base,
					unitCode: '',
					source: 'kiosk',
					photos: Array.from({ length: photos }, (_, i) => ({
						name: `p${i}.jpg`,
						bytes: jpeg(PHOTO_MAX_BYTES)
					}))
				},
				who,
				{ now, photoDir }
			);
		// Two reports with four full-size photos each: the whole day's 40 MB.
		expect(send(me, NOW, 4).ok).toBe(true);
		expect(send(me, NOW + 60_000, 4).ok).toBe(true);
		const files = readdirSync(photoDir).length;
		const photoRefusal = send(me, NOW + 120_000, 1);
		expect(photoRefusal).toMatchObject({
			ok: false,
			status: 429,
			error: { code: 'resident_limit', limit: 'photo_bytes' },
			errors: { photos: { code: 'resident_photo_limit', maxMb: 40 } }
		});
		expect(readdirSync(photoDir)).toHaveLength(files); // nothing written
		// Without photos the report still goes in, up to 10 a day.
		for (let i = 3; i <= RESIDENT_DAILY_REPORTS; i++)
			expect(send(me, NOW + i * 60_000, 0).ok).toBe(true);
		const before = count('tickets');
		const refused = send(me, NOW + 3_600_000, 0);
		expect(refused).toMatchObject({
			ok: false,
			status: 429,
			error: { code: 'resident_limit', limit: 'reports', max: RESIDENT_DAILY_REPORTS }
		});
		expect(count('tickets')).toBe(before);
		// A polite message in the standard's words (您), pointing to the service centre's phone.
		const row = db.$client
			.prepare('SELECT settings FROM communities WHERE id = ?')
			.get(fx.communityId) as { settings: string };
		const settings = JSON.parse(row.settings);
		settings.kiosk = { ...settings.kiosk, phone: '0571-88886666' };
		db.$client
			.prepare('UPDATE communities SET settings = ? WHERE id = ?')
			.run(JSON.stringify(settings), fx.communityId);
		forgetCommunity();
		const again = send(me, NOW + 3_600_000, 0);
		if (again.ok) throw new Error('accepted');
		expect(translateFailure(again, 'Asia/Shanghai').message).toBe(
			'您今天已经提交了 10 条报事，今天不能再通过自助终端或手机提交了。' +
				'如有急事，请致电服务中心（0571-88886666）或到前台，我们会为您登记。'
		);
		// Another unit, the counter for this unit, and this unit the next day are not affected.
		expect(send(neighbour, NOW + 3_600_000, 1).ok).toBe(true);
		expect(mustCreate({ unitCode: '1-1-101' }, NOW + 3_600_000).ok).toBe(true);
		const tomorrow = at('2026-11-24', '00:05');
		expect(send(me, tomorrow, 4).ok).toBe(true);
	});

	it('a replayed submit is answered with its ticket, not refused by the limit', () => {
		const me = residentActor({
			unitId: fx.unitIds[0],
			unitCode: '1-1-101',
			communityId: fx.communityId
		});
		for (let i = 1; i < RESIDENT_DAILY_REPORTS; i++)
			expect(createTicket(db, { ...base, source: 'mobile' }, me, { now: NOW, photoDir }).ok).toBe(
				true
			);
		const last = createTicket(db, { ...base, source: 'mobile' }, me, {
			now: NOW,
			photoDir,
			idempotencyKey: 'k-last'
		});
		expect(last.ok).toBe(true);
		expect(
			createTicket(db, { ...base, source: 'mobile' }, me, {
				now: NOW,
				photoDir,
				idempotencyKey: 'k-last'
			})
		).toMatchObject({ ok: true, replay: true });
	});
});

describe('the desk board', () => {
	it('lists open tickets, flags broken and nearly broken limits, filters, counts', () => {
		const a = mustCreate({ department: 'customer_service', assignee: 'x' }); // supervisor due 09:30
		const b = mustCreate({ kind: 'engineering', department: 'engineering', assignee: '王' }); // follow-up in 7 days
		const c = mustCreate({ kind: 'enquiry', answer: '已答复' });
		mustAct(c.ticketNo, 'return_visit', { rating: 'satisfied', method: 'on_site', visitor: 'x' });
		mustAct(c.ticketNo, 'close');

		const at0920 = listBoard(db, fx.communityId, {}, NOW + 20 * 60_000);
		expect(at0920.map((t) => [t.ticketNo, t.alert])).toEqual([
			[a.ticketNo, 'due_soon'],
			[b.ticketNo, 'ok']
		]);
		const later = listBoard(db, fx.communityId, {}, NOW + 31 * 60_000);
		expect(later[0]).toMatchObject({
			ticketNo: a.ticketNo,
			alert: 'breached',
			next: { limit: 'supervisor' }
		});
		expect(ticketAlertCounts(db, fx.communityId, NOW + 31 * 60_000)).toEqual({
			open: 2,
			breached: 1,
			dueSoon: 0,
			byState: { dispatched: 2 }
		});

		expect(
			listBoard(db, fx.communityId, { kind: 'engineering' }, NOW).map((t) => t.ticketNo)
		).toEqual([b.ticketNo]);
		expect(
			listBoard(db, fx.communityId, { department: 'customer_service' }, NOW).map((t) => t.ticketNo)
		).toEqual([a.ticketNo]);
		expect(
			listBoard(db, fx.communityId, { alert: 'breached' }, NOW + 31 * 60_000).map((t) => t.ticketNo)
		).toEqual([a.ticketNo]);
		expect(listBoard(db, fx.communityId, { age: '1d' }, NOW + 3_600_000)).toEqual([]);
		expect(listBoard(db, fx.communityId, { age: '1d' }, NOW + 25 * 3_600_000)).toHaveLength(2);
		expect(listBoard(db, fx.communityId, { state: 'closed' }, NOW).map((t) => t.ticketNo)).toEqual([
			c.ticketNo
		]);
		expect(listBoard(db, fx.otherCommunityId, {}, NOW)).toEqual([]);
	});
});

describe('dispatch slip (派工单)', () => {
	it('carries the number, times, unit, reporter, text, department and the limits that apply', async () => {
		const { pdfText } = await import('../pdf/pdf-text');
		const { dispatchSlipPdf } = await import('./index');
		const { ticketNo: no } = mustCreate({
			receivedAt: '2026-11-23T08:55',
			source: 'phone',
			text: '3 楼楼道灯不亮，已报多次',
			department: 'customer_service',
			assignee: '客服 小陈'
		});
		const pdf = await dispatchSlipPdf(db, fx.communityId, no, clerk, NOW);
		expect(Buffer.isBuffer(pdf)).toBe(true);
		const text = pdfText(pdf as Buffer);
		for (const s of [
			'派',
			'工单',
			no,
			'物业服务类投诉',
			'电话',
			'2026-11-23 08:55',
			'2026-11-23 09:00',
			'1-1-101',
			'张伟',
			'13800000001',
			'3 楼楼道灯不亮',
			'客服',
			'客服 小陈',
			'通知部门主管',
			'2026-11-23 09:25 前',
			'告知投诉人处理结果',
			'2026-11-30 08:55 前',
			'客户回访',
			'1 个工作日内',
			'李晓梅 C001'
		])
			expect(text, s).toContain(s);
		expect(await dispatchSlipPdf(db, fx.communityId, mustCreate().ticketNo, clerk, NOW)).toBe(
			'not_dispatched'
		);
		expect(await dispatchSlipPdf(db, fx.communityId, 'BS-2026-999999', clerk, NOW)).toBe(
			'not_found'
		);
	});
});
