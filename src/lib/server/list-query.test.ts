import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readRegisterQuery, registerListQuery } from './list-query';
import { oneOfOrAny } from './form-fields';

// A register with an open view, a closed one and all (the five front-desk registers' shape).
const VIEWS = ['waiting', 'overdue', 'done', 'all'] as const;
type View = (typeof VIEWS)[number];
const schema = z.object({
	view: oneOfOrAny(VIEWS, () => 'bad view'),
	from: z.string().optional(),
	to: z.string().optional()
});
const desk = { today: '2026-11-23', community: { timeZone: 'Asia/Shanghai' } };
const read = (qs: string) =>
	readRegisterQuery(new URL(`http://x/list?${qs}`), ['view'], schema, desk, {
		open: 'waiting' as View,
		dated: ['done', 'all']
	});

describe('readRegisterQuery', () => {
	it('opens on the open view, listed whenever taken: the range is read but does not narrow it', () => {
		const { values, query } = read('');
		expect(query.ok).toBe(true);
		if (!query.ok) return;
		expect(query.view).toBe('waiting');
		expect(query.dated).toBe(false);
		expect(query.period).toEqual({ fromMs: null, toMs: null });
		// The last 30 days, both included, re-fill the filter form.
		expect(values).toMatchObject({ from: '2026-10-25', to: '2026-11-23' });
		expect(query.range).toMatchObject({ from: '2026-10-25', to: '2026-11-23' });
	});

	it('narrows a dated view to the period, as epoch bounds of the community days', () => {
		const { query } = read('view=done&from=2026-11-01&to=2026-11-02');
		expect(query.ok).toBe(true);
		if (!query.ok) return;
		expect(query.view).toBe('done');
		expect(query.dated).toBe(true);
		expect(query.period).toEqual({
			fromMs: Date.parse('2026-11-01T00:00:00+08:00'),
			toMs: Date.parse('2026-11-03T00:00:00+08:00')
		});
	});

	it('refuses an unknown view and a reversed range with a message', () => {
		expect(read('view=nope').query).toEqual({ ok: false, message: 'bad view' });
		const reversed = read('view=all&from=2026-11-05&to=2026-11-01').query;
		expect(reversed.ok).toBe(false);
		if (!reversed.ok) expect(reversed.message).not.toBe('');
	});
});

describe('registerListQuery', () => {
	it("gives the page the range's days and bounds and the filter made of the read query", () => {
		const q = registerListQuery(read('view=done&from=2026-11-01&to=2026-11-02').query, (r) => ({
			view: r.view,
			...r.period
		}));
		expect(q).toEqual({
			ok: true,
			from: '2026-11-01',
			to: '2026-11-02',
			fromMs: Date.parse('2026-11-01T00:00:00+08:00'),
			toMs: Date.parse('2026-11-03T00:00:00+08:00'),
			filter: {
				view: 'done',
				fromMs: Date.parse('2026-11-01T00:00:00+08:00'),
				toMs: Date.parse('2026-11-03T00:00:00+08:00')
			}
		});
	});

	it('passes a refused query on and builds no filter', () => {
		const q = registerListQuery(read('view=nope').query, () => {
			throw new Error('no filter for a refused query');
		});
		expect(q).toEqual({ ok: false, message: 'bad view' });
	});
});
