import { describe, expect, it } from 'vitest';
import {
	allowedActions,
	residentLimit,
	RESIDENT_DAILY_PHOTO_BYTES,
	RESIDENT_DAILY_REPORTS,
	earliestAt,
	emptyFacts,
	fold,
	formatTicketNo,
	roleError,
	sniffImage,
	step,
	TICKET_NO_RE,
	type Department,
	type TicketEvent,
	type TicketFacts,
	type TicketKind
} from './tickets';

const clerk = { manager: false };
const manager = { manager: true };

let t = 1_000;
const ev = {
	dispatched: (department: Department = 'engineering'): TicketEvent => ({
		type: 'dispatched',
		at: t++,
		data: { department, assignee: '张师傅' }
	}),
	approved: (): TicketEvent => ({ type: 'approved', at: t++, data: {} }),
	transferred: (): TicketEvent => ({
		type: 'transferred',
		at: t++,
		data: { assignee: '地产客户组 刘' }
	}),
	notified: (): TicketEvent => ({
		type: 'supervisor_notified',
		at: t++,
		data: { supervisor: '客服主管 周' }
	}),
	follow: (): TicketEvent => ({ type: 'follow_up', at: t++, data: { text: '已联系' } }),
	completed: (): TicketEvent => ({ type: 'completed', at: t++, data: {} }),
	answered: (): TicketEvent => ({ type: 'answered', at: t++, data: { text: '已答复' } }),
	checked: (result: 'pass' | 'fail' = 'pass'): TicketEvent => ({
		type: 'checked',
		at: t++,
		data: { result, checker: '工程部 王' }
	}),
	result: (): TicketEvent => ({ type: 'result_told', at: t++, data: { text: '已处理' } }),
	visit: (rating: 'satisfied' | 'basically_satisfied' | 'unsatisfied'): TicketEvent => ({
		type: 'return_visit',
		at: t++,
		data: { rating, method: 'phone', visitor: '李' }
	}),
	reopened: (): TicketEvent => ({ type: 'reopened', at: t++, data: { reason: '回访不满意' } }),
	closed: (): TicketEvent => ({ type: 'closed', at: t++, data: {} }),
	edited: (field: 'kind' | 'location', old: string, nu: string): TicketEvent => ({
		type: 'edited',
		at: t++,
		data: { field, old, new: nu }
	})
};

/** Applies events in order, failing the test on the first refusal. */
function run(kind: TicketKind, ...events: TicketEvent[]): TicketFacts {
	let f = emptyFacts(kind);
	for (const e of events) {
		const r = step(f, e);
		if (!r.ok) throw new Error(`${e.type}: ${r.error}`);
		f = r.facts;
	}
	return f;
}

function next(f: TicketFacts, e: TicketEvent): TicketFacts {
	const r = step(f, e);
	if (!r.ok) throw new Error(`${e.type}: ${r.error}`);
	return r.facts;
}

function refusal(f: TicketFacts, e: TicketEvent) {
	const r = step(f, e);
	return r.ok ? null : r.error;
}

describe('state machine: the full loop', () => {
	it('property-service complaint: dispatch → notify → follow-up → complete → unsatisfied → reopen → complete → satisfied → close', () => {
		let f = run(
			'service_complaint',
			ev.dispatched('customer_service'),
			ev.notified(),
			ev.follow(),
			ev.completed()
		);
		expect(f.state).toBe('completed');
		f = run(
			'service_complaint',
			ev.dispatched('customer_service'),
			ev.notified(),
			ev.follow(),
			ev.completed(),
			ev.visit('unsatisfied')
		);
		expect(f.state).toBe('completed');
		expect(f.lastVisit).toBe('unsatisfied');
		// An unsatisfied visit must be followed by reopening, not by another visit or a close.
		expect(refusal(f, ev.visit('satisfied'))).toBe('not_in_state');
		expect(refusal(f, ev.closed())).toBe('close_needs_visit');
		f = next(f, ev.reopened());
		expect(f.state).toBe('dispatched');
		expect(f.department).toBe('customer_service');
		f = next(f, ev.completed());
		f = next(f, ev.visit('basically_satisfied'));
		expect(f.state).toBe('visited');
		f = next(f, ev.closed());
		expect(f.state).toBe('closed');
		expect(f.closedAt).not.toBeNull();
	});

	it('developer complaint: needs approval, then transfer to the developer team', () => {
		let f = emptyFacts('developer_complaint');
		expect(f.state).toBe('awaiting_approval');
		expect(refusal(f, ev.dispatched('developer'))).toBe('needs_approval');
		expect(refusal(f, ev.transferred())).toBe('needs_approval');
		f = run('developer_complaint', ev.approved());
		expect(f.state).toBe('approved');
		expect(refusal(f, ev.approved())).toBe('not_in_state');
		expect(refusal(f, ev.dispatched('developer'))).toBe('wrong_kind');
		f = run('developer_complaint', ev.approved(), ev.transferred());
		expect(f).toMatchObject({
			state: 'dispatched',
			department: 'developer',
			assignee: '地产客户组 刘'
		});
		f = run(
			'developer_complaint',
			ev.approved(),
			ev.transferred(),
			ev.follow(),
			ev.completed(),
			ev.result(),
			ev.visit('satisfied'),
			ev.closed()
		);
		expect(f.state).toBe('closed');
	});

	it('engineering report: the check comes before the visit; a failed check reopens', () => {
		const done = run('engineering', ev.dispatched(), ev.completed());
		expect(refusal(done, ev.visit('satisfied'))).toBe('visit_needs_check');
		const failed = run('engineering', ev.dispatched(), ev.completed(), ev.checked('fail'));
		expect(failed.checked).toBe(false);
		expect(refusal(failed, ev.visit('satisfied'))).toBe('visit_needs_check');
		const again = run(
			'engineering',
			ev.dispatched(),
			ev.completed(),
			ev.checked('fail'),
			ev.reopened(),
			ev.completed(),
			ev.checked('pass'),
			ev.visit('satisfied'),
			ev.closed()
		);
		expect(again.state).toBe('closed');
		const passed = run('engineering', ev.dispatched(), ev.completed(), ev.checked());
		expect(refusal(passed, ev.checked())).toBe('already_checked');
		expect(refusal(run('property', ev.dispatched('cleaning'), ev.completed()), ev.checked())).toBe(
			'wrong_kind'
		);
	});

	it('enquiry: answered (on the spot or after dispatch), visited, closed', () => {
		const f = run('enquiry', ev.answered(), ev.visit('satisfied'), ev.closed());
		expect(f.state).toBe('closed');
		expect(run('enquiry', ev.dispatched('customer_service'), ev.answered()).state).toBe(
			'completed'
		);
		expect(refusal(emptyFacts('enquiry'), ev.completed())).toBe('wrong_kind');
		expect(refusal(emptyFacts('engineering'), ev.answered())).toBe('wrong_kind');
		// Reopened without a department: back to open, not dispatched.
		expect(run('enquiry', ev.answered(), ev.reopened()).state).toBe('open');
	});
});

describe('state machine: refusals', () => {
	it('closing without a return visit is refused in every state but visited', () => {
		expect(refusal(emptyFacts('property'), ev.closed())).toBe('close_needs_visit');
		expect(refusal(run('property', ev.dispatched('cleaning')), ev.closed())).toBe(
			'close_needs_visit'
		);
		expect(refusal(run('property', ev.dispatched('cleaning'), ev.completed()), ev.closed())).toBe(
			'close_needs_visit'
		);
	});

	it('a return visit before completion is refused', () => {
		expect(refusal(emptyFacts('property'), ev.visit('satisfied'))).toBe('visit_needs_completion');
		expect(refusal(run('property', ev.dispatched('cleaning')), ev.visit('satisfied'))).toBe(
			'visit_needs_completion'
		);
		expect(
			refusal(
				run('property', ev.dispatched('cleaning'), ev.completed(), ev.visit('satisfied')),
				ev.visit('satisfied')
			)
		).toBe('not_in_state');
	});

	it('nothing but reopening happens to a closed ticket', () => {
		const closed = run('enquiry', ev.answered(), ev.visit('satisfied'), ev.closed());
		for (const e of [
			ev.follow(),
			ev.dispatched(),
			ev.edited('location', 'a', 'b'),
			ev.result(),
			ev.closed()
		])
			expect(refusal(closed, e)).toBe('closed');
		expect(
			run('enquiry', ev.answered(), ev.visit('satisfied'), ev.closed(), ev.reopened())
		).toMatchObject({ state: 'open', closedAt: null });
	});

	it('completion needs dispatch; follow-ups only while work is in progress', () => {
		expect(refusal(emptyFacts('property'), ev.completed())).toBe('not_in_state');
		expect(refusal(run('property', ev.dispatched('cleaning'), ev.completed()), ev.follow())).toBe(
			'not_in_state'
		);
		expect(run('property', ev.follow()).state).toBe('open');
	});

	it('supervisor notification: property-service complaints only, once', () => {
		expect(refusal(emptyFacts('property'), ev.notified())).toBe('wrong_kind');
		expect(refusal(run('service_complaint', ev.notified()), ev.notified())).toBe(
			'already_notified'
		);
	});

	it('the result is told to complainants only', () => {
		expect(refusal(emptyFacts('engineering'), ev.result())).toBe('wrong_kind');
		expect(run('service_complaint', ev.result()).state).toBe('open');
	});

	it('re-dispatch to another department while in progress', () => {
		const f = run('property', ev.dispatched('cleaning'), ev.dispatched('green'));
		expect(f.department).toBe('green');
	});

	it('edits: logged values must differ; the kind only before work began', () => {
		expect(refusal(emptyFacts('property'), ev.edited('location', 'x', 'x'))).toBe('same_value');
		const f = run('property', ev.edited('kind', 'property', 'developer_complaint'));
		expect(f).toMatchObject({ kind: 'developer_complaint', state: 'awaiting_approval' });
		expect(
			refusal(
				run('property', ev.dispatched('cleaning')),
				ev.edited('kind', 'property', 'engineering')
			)
		).toBe('kind_locked');
		expect(refusal(emptyFacts('property'), ev.edited('kind', 'property', 'nonsense'))).toBe(
			'wrong_kind'
		);
	});
});

describe('fold', () => {
	it('replays a log from the original kind', () => {
		const log: TicketEvent[] = [
			{ type: 'created', at: 1, data: { source: 'counter' } },
			ev.edited('kind', 'property', 'engineering'),
			ev.dispatched(),
			ev.completed()
		];
		expect(fold('engineering', log)).toMatchObject({
			kind: 'engineering',
			state: 'completed',
			checked: false
		});
	});
	it('throws on a log that breaks the rules', () => {
		expect(() => fold('property', [ev.closed()])).toThrow(/close_needs_visit/);
	});
});

describe('roles and allowed actions', () => {
	it('approval is manager-only, as is reopening a closed ticket', () => {
		const f = emptyFacts('developer_complaint');
		expect(roleError('approve', f, clerk)).toBe('manager_only');
		expect(roleError('approve', f, manager)).toBeNull();
		expect(allowedActions(f, clerk)).not.toContain('approve');
		expect(allowedActions(f, manager)).toContain('approve');
		const closed = run('enquiry', ev.answered(), ev.visit('satisfied'), ev.closed());
		expect(allowedActions(closed, clerk)).toEqual([]);
		expect(allowedActions(closed, manager)).toEqual(['reopen']);
	});

	it('offers what each state allows', () => {
		expect(allowedActions(emptyFacts('service_complaint'), clerk)).toEqual([
			'dispatch',
			'notify_supervisor',
			'follow_up',
			'result_told',
			'edit'
		]);
		expect(allowedActions(run('engineering', ev.dispatched()), clerk)).toEqual([
			'dispatch',
			'follow_up',
			'complete',
			'edit'
		]);
		expect(allowedActions(run('engineering', ev.dispatched(), ev.completed()), clerk)).toEqual([
			'check',
			'reopen',
			'edit'
		]);
		expect(
			allowedActions(run('engineering', ev.dispatched(), ev.completed(), ev.checked()), clerk)
		).toEqual(['return_visit', 'reopen', 'edit']);
		expect(
			allowedActions(
				run('property', ev.dispatched('cleaning'), ev.completed(), ev.visit('satisfied')),
				clerk
			)
		).toEqual(['close', 'reopen', 'edit']);
		expect(allowedActions(run('developer_complaint', ev.approved()), clerk)).toEqual([
			'transfer',
			'follow_up',
			'result_told',
			'edit'
		]);
		expect(allowedActions(emptyFacts('enquiry'), clerk)).toEqual([
			'dispatch',
			'follow_up',
			'answer',
			'edit'
		]);
	});
});

describe('earliestAt', () => {
	const log: TicketEvent[] = [
		{ type: 'created', at: 100, data: { source: 'counter' } },
		{ type: 'dispatched', at: 200, data: { department: 'cleaning', assignee: 'x' } },
		{ type: 'supervisor_notified', at: 500, data: { supervisor: 's' } },
		{ type: 'completed', at: 300, data: {} }
	];
	it('orders events that move the ticket along; notes may be entered for earlier times', () => {
		expect(earliestAt('return_visit', 50, log)).toBe(300);
		expect(earliestAt('supervisor_notified', 50, log)).toBe(50);
		expect(earliestAt('result_told', 50, [])).toBe(50);
	});
});

describe('numbers and photos', () => {
	it('formats ticket numbers per year with six digits', () => {
		expect(formatTicketNo(2026, 123)).toBe('BS-2026-000123');
		expect(TICKET_NO_RE.test('BS-2026-000123')).toBe(true);
		expect(TICKET_NO_RE.test('BS-2026-123')).toBe(false);
	});

	it('recognises JPEG, PNG and WebP by their first bytes only', () => {
		expect(sniffImage(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0]))).toBe('image/jpeg');
		expect(sniffImage(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe(
			'image/png'
		);
		expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
		expect(sniffImage(new TextEncoder().encode('RIFF\0\0\0\0WAVEfmt '))).toBeNull();
		expect(sniffImage(new TextEncoder().encode('GIF89a'))).toBeNull();
		expect(sniffImage(new TextEncoder().encode('%PDF-1.7'))).toBeNull();
		expect(sniffImage(new Uint8Array([0xff, 0xd8]))).toBeNull();
		expect(sniffImage(new Uint8Array([]))).toBeNull();
	});
});

describe('a resident’s daily limits (kiosk and phone)', () => {
	const MB = 1024 * 1024;
	it('allows the 10th report of the day and refuses the 11th', () => {
		expect(residentLimit({ reports: 9, photoBytes: 0 }, 0)).toBeNull();
		expect(residentLimit({ reports: 10, photoBytes: 0 }, 0)).toBe('reports');
	});
	it('allows photos up to 40 MB in all, refuses a photo past it, never refuses a report without photos for bytes', () => {
		expect(residentLimit({ reports: 1, photoBytes: 20 * MB }, 20 * MB)).toBeNull();
		expect(residentLimit({ reports: 1, photoBytes: 20 * MB }, 20 * MB + 1)).toBe('photo_bytes');
		expect(residentLimit({ reports: 2, photoBytes: 40 * MB }, 0)).toBeNull();
		expect(residentLimit({ reports: 2, photoBytes: 40 * MB }, 1)).toBe('photo_bytes');
	});
	it('names the count first when both are passed', () => {
		expect(
			residentLimit({ reports: RESIDENT_DAILY_REPORTS, photoBytes: RESIDENT_DAILY_PHOTO_BYTES }, MB)
		).toBe('reports');
	});
});
