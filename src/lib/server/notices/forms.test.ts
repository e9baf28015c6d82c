import { describe, expect, it } from 'vitest';
import { parseForm } from '../forms';
import { fromLocalInput, noticeSchema, toLocalInput } from './forms';

const ok = { title: '停水', body: '', startsAt: '2026-12-08T09:00', endsAt: '2026-12-08T17:00:30' };

describe('notice form', () => {
	it('reads a datetime-local value with or without seconds, in the community zone', () => {
		const p = parseForm(noticeSchema, ok);
		expect(p.ok && [p.data.urgent, p.data.keepImage]).toEqual([false, false]);
		const at = fromLocalInput('2026-12-08T17:00:30', 'Asia/Shanghai');
		expect(at).toBe(Date.parse('2026-12-08T09:00:30Z'));
		expect(toLocalInput(at, 'Asia/Shanghai')).toBe('2026-12-08T17:00:30');
	});

	it.each([
		'',
		'2026-12-08',
		'2026-02-30T09:00',
		'2026-12-08T24:00',
		'2026-12-08T09:60',
		'2026-12-08T09:00:61',
		"09:00' OR 1"
	])('refuses %j as a time with a message (a 400, never a 500)', (v) => {
		const p = parseForm(noticeSchema, { ...ok, startsAt: v });
		expect(p.ok).toBe(false);
		if (!p.ok) expect(p.errors.startsAt).toBe('请填写有效的日期和时间。');
	});
});
