import { describe, expect, it } from 'vitest';
import { createSqliteTestDb } from '../db/test-db';
import { receiptYears } from './balances';
import {
	auditTargetTable,
	copyOrder,
	dropCompanyRights,
	remapJson,
	rewriteRow,
	SKIPPED_TABLES,
	type IdMaps,
	type SourceTable
} from './plan';
import { readSourceTables } from './source';

const table = (
	name: string,
	fks: [string, string][] = [],
	columns: string[] = []
): SourceTable => ({
	name,
	columns: ['id', ...fks.map(([c]) => c), ...columns],
	hasId: true,
	foreignKeys: fks.map(([column, t]) => ({ column, table: t }))
});

const maps = (entries: Record<string, [number, number][]>): IdMaps =>
	new Map(Object.entries(entries).map(([t, pairs]) => [t, new Map(pairs)]));

describe('copy order', () => {
	it('puts every table after the tables it points at, self-references aside', () => {
		const order = copyOrder([
			table('payment_lines', [
				['payment_id', 'payments'],
				['bill_id', 'bills']
			]),
			table('bills', [['unit_id', 'units']]),
			table('waiver_entries', [
				['bill_id', 'bills'],
				['reverses_id', 'waiver_entries']
			]),
			table('payments', [['unit_id', 'units']]),
			table('units', [['community_id', 'communities']]),
			table('communities'),
			table('sessions', [['unit_id', 'units']]),
			table('principal_postings', [['bill_id', 'bills']])
		]);
		expect(order).toEqual([
			'communities',
			'units',
			'bills',
			'payments',
			'payment_lines',
			'waiver_entries'
		]);
	});

	it('follows ids held without a foreign key (a renovation fee’s payment)', () => {
		const order = copyOrder([table('renovations', [], ['fee_payment_id']), table('payments')]);
		expect(order).toEqual(['payments', 'renovations']);
	});

	it('refuses a cycle', () => {
		expect(() => copyOrder([table('a', [['b_id', 'b']]), table('b', [['a_id', 'a']])])).toThrow(
			/cycle among: a, b/
		);
	});

	it('orders the real schema: each table after its foreign keys, the audit log after its targets', () => {
		const tables = readSourceTables(createSqliteTestDb().$client);
		const order = copyOrder(tables);
		const at = new Map(order.map((n, i) => [n, i]));
		for (const t of tables)
			for (const fk of t.foreignKeys)
				if (at.has(t.name) && fk.table !== t.name)
					expect(at.get(fk.table), `${t.name} → ${fk.table}`).toBeLessThan(at.get(t.name)!);
		expect(at.get('audit_log')).toBeGreaterThan(at.get('keys')!);
		expect(order.at(-1)).toBe('open_bills');
		expect(order).not.toContain('principal_postings');
		for (const skipped of Object.keys(SKIPPED_TABLES)) expect(order).not.toContain(skipped);
	});
});

describe('rewriting a row', () => {
	const m = maps({
		units: [[7, 107]],
		bills: [
			[5, 505],
			[6, 506]
		],
		payments: [[9, 909]],
		staff_users: [[2, 202]],
		renovations: [[3, 303]],
		communities: [[1, 11]],
		keys: [[4, 404]]
	});

	it('maps foreign keys, and throws on one whose row was not copied', () => {
		const t = table('payment_lines', [
			['payment_id', 'payments'],
			['bill_id', 'bills']
		]);
		expect(rewriteRow(t, { id: 1, payment_id: 9, bill_id: 5 }, m)).toEqual({
			payment_id: 909,
			bill_id: 505
		});
		expect(() => rewriteRow(t, { id: 1, payment_id: 8, bill_id: 5 }, m)).toThrow(
			/payments id 8 was not copied/
		);
	});

	it('maps a payment line’s reference by its type, and keeps an unknown type', () => {
		const t = table('payment_lines', [], ['ref_type', 'ref_id']);
		expect(rewriteRow(t, { id: 1, ref_type: 'renovation', ref_id: 3 }, m).ref_id).toBe(303);
		const left: string[] = [];
		expect(rewriteRow(t, { id: 1, ref_type: 'other', ref_id: 3 }, m, left).ref_id).toBe(3);
		expect(left).toEqual(['payment_lines id 1: ref_id=3 names no row (kept)']);
	});

	it('maps an audit line: community, staff actor, a target named by id, ids in detail', () => {
		const t = table(
			'audit_log',
			[],
			['community_id', 'actor_id', 'actor_kind', 'action', 'target_type', 'target_id', 'detail']
		);
		const row = rewriteRow(
			t,
			{
				id: 1,
				community_id: 1,
				actor_id: 2,
				actor_kind: 'staff',
				action: 'key.lend',
				target_type: 'key',
				target_id: '4',
				detail: JSON.stringify({ keyId: 4, bills: [{ billId: 5 }, { billId: 6 }], note: 'x' })
			},
			m
		);
		expect(row).toMatchObject({ community_id: 11, actor_id: 202, target_id: '404' });
		expect(JSON.parse(row.detail as string)).toEqual({
			keyId: 404,
			bills: [{ billId: 505 }, { billId: 506 }],
			note: 'x'
		});
	});

	it('keeps a target named by its code (a receipt number, a unit code)', () => {
		expect(auditTargetTable('payment', 'payment.void')).toBeNull();
		expect(auditTargetTable('unit', 'bills.prepay')).toBeNull();
		expect(auditTargetTable('unit', 'records.tie.add')).toBe('units');
		expect(auditTargetTable('key', 'key.lend')).toBe('keys');
	});

	it('a resident actor is a unit', () => {
		const t = table('ticket_events', [], ['actor_kind', 'actor_id']);
		expect(rewriteRow(t, { id: 1, actor_kind: 'resident', actor_id: 7 }, m).actor_id).toBe(107);
	});
});

describe('ids in JSON', () => {
	const m = maps({ bills: [[5, 505]], payments: [[9, 909]] });

	it('rewrites known keys at any depth and in …Ids lists', () => {
		const out = remapJson(
			JSON.stringify({ paymentId: 9, amounts: [{ billId: 5, fen: 5 }], billIds: [5] }),
			m
		);
		expect(out.changed).toBe(true);
		expect(JSON.parse(out.json)).toEqual({
			paymentId: 909,
			amounts: [{ billId: 505, fen: 5 }],
			billIds: [505]
		});
	});

	it('names what it keeps: an unknown …Id key, an id whose row is missing', () => {
		const left: string[] = [];
		const json = JSON.stringify({ widgetId: 3, paymentId: 8 });
		expect(remapJson(json, m, left)).toEqual({ json, changed: false });
		expect(left).toEqual(['widgetId=3 (unknown key)', 'paymentId=8 (no payments row)']);
	});

	it('leaves text that is not JSON alone', () => {
		expect(remapJson('not json', m)).toEqual({ json: 'not json', changed: false });
	});
});

describe('receipt years', () => {
	it('tells a gap-free year from one with a gap', () => {
		expect(
			receiptYears([
				{ year: 2025, seq: 1 },
				{ year: 2025, seq: 2 },
				{ year: 2026, seq: 1 },
				{ year: 2026, seq: 3 }
			])
		).toEqual([
			{ year: 2025, count: 2, max: 2, gapFree: true },
			{ year: 2026, count: 2, max: 3, gapFree: false }
		]);
	});
});

describe('company-wide rights', () => {
	it('a company admin keeps the account, not the flag; a head-office account is deactivated', () => {
		const notes: string[] = [];
		const admin = { username: 'admin', role: 'admin', company_admin: 1, active: 1 };
		const hq = { username: 'hq', role: 'head_office', company_admin: 0, active: 1 };
		const clerk = { username: 'clerk', role: 'clerk', company_admin: 0, active: 1 };
		for (const u of [admin, hq, clerk]) dropCompanyRights(u, notes);
		expect([admin, hq, clerk].map((u) => [u.company_admin, u.active])).toEqual([
			[0, 1],
			[0, 0],
			[0, 1]
		]);
		expect(notes).toHaveLength(2);
	});
});
