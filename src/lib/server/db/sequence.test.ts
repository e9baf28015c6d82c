import { describe, it, expect, beforeEach } from 'vitest';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import type { Db } from './index';
import { nextSeq } from './sequence';

let db: Db;
beforeEach(() => {
	const raw = new Database(':memory:');
	raw.exec(
		'CREATE TABLE docs (id INTEGER PRIMARY KEY, community_id INTEGER NOT NULL, doc_year INTEGER, doc_seq INTEGER, doc_no TEXT)'
	);
	db = drizzle(raw) as unknown as Db;
});

function add(
	communityId: number,
	year: number | null,
	seq: number | null,
	no: string | null = null
) {
	db.$client
		.prepare('INSERT INTO docs (community_id, doc_year, doc_seq, doc_no) VALUES (?, ?, ?, ?)')
		.run(communityId, year, seq, no);
}

const bySeq = (year: number) => ({
	table: 'docs',
	seqColumn: 'doc_seq',
	where: { doc_year: year }
});
const byText = (prefix: string) => ({ table: 'docs', textColumn: 'doc_no', prefix });

describe('nextSeq with a sequence column per community and year', () => {
	it('starts at 1 and goes on from the highest number', () => {
		expect(nextSeq(db, 1, bySeq(2026))).toBe(1);
		add(1, 2026, 1);
		add(1, 2026, 7);
		add(1, 2026, 3);
		expect(nextSeq(db, 1, bySeq(2026))).toBe(8);
	});

	it('keeps communities and years apart', () => {
		add(1, 2026, 5);
		add(2, 2026, 40);
		add(1, 2025, 900);
		expect(nextSeq(db, 1, bySeq(2026))).toBe(6);
		expect(nextSeq(db, 2, bySeq(2026))).toBe(41);
		expect(nextSeq(db, 1, bySeq(2025))).toBe(901);
		expect(nextSeq(db, 2, bySeq(2027))).toBe(1);
	});
});

it('restarts for each value of several columns (a queue per day and service)', () => {
	db.$client.exec('CREATE TABLE q (community_id INTEGER, day TEXT, service TEXT, seq INTEGER)');
	const ins = db.$client.prepare('INSERT INTO q VALUES (?, ?, ?, ?)');
	ins.run(1, '2026-11-23', 'A', 4);
	ins.run(1, '2026-11-23', 'B', 9);
	ins.run(1, '2026-11-22', 'A', 30);
	const next = (day: string, service: string) =>
		nextSeq(db, 1, { table: 'q', seqColumn: 'seq', where: { day, service } });
	expect(next('2026-11-23', 'A')).toBe(5);
	expect(next('2026-11-23', 'B')).toBe(10);
	expect(next('2026-11-24', 'A')).toBe(1);
});

describe('nextSeq with a prefixed text column', () => {
	it('starts at 1 and reads the number after the prefix', () => {
		expect(nextSeq(db, 1, byText('ZX-2026-'))).toBe(1);
		add(1, null, null, 'ZX-2026-0009');
		add(1, null, null, 'ZX-2026-0010');
		expect(nextSeq(db, 1, byText('ZX-2026-'))).toBe(11);
	});

	it('keeps communities, years and prefixes apart', () => {
		add(1, null, null, 'ZX-2026-0004');
		add(1, null, null, 'ZX-2025-0099');
		add(1, null, null, 'XK-2026-0050');
		add(2, null, null, 'ZX-2026-0070');
		expect(nextSeq(db, 1, byText('ZX-2026-'))).toBe(5);
		expect(nextSeq(db, 1, byText('ZX-2025-'))).toBe(100);
		expect(nextSeq(db, 1, byText('XK-2026-'))).toBe(51);
		expect(nextSeq(db, 2, byText('ZX-2026-'))).toBe(71);
		expect(nextSeq(db, 2, byText('XK-2026-'))).toBe(1);
	});

	it('takes a prefix holding LIKE wildcards literally', () => {
		add(1, null, null, 'AB-2026-0500'); // would match 'A_-2026-' or 'A%' under LIKE
		add(1, null, null, 'ab_%-0003');
		expect(nextSeq(db, 1, byText('A_-2026-'))).toBe(1);
		expect(nextSeq(db, 1, byText('A%'))).toBe(1);
		expect(nextSeq(db, 1, byText('ab_%-'))).toBe(4);
		// Case matters too (LIKE ignores it for ASCII).
		expect(nextSeq(db, 1, byText('AB_%-'))).toBe(1);
	});

	it('counts the prefix in characters, not bytes', () => {
		add(1, null, null, '维修-2026-0012');
		expect(nextSeq(db, 1, byText('维修-2026-'))).toBe(13);
	});
});

it('refuses a table or column name that is not a plain name', () => {
	expect(() =>
		nextSeq(db, 1, {
			table: 'docs; DROP TABLE docs',
			seqColumn: 'doc_seq',
			where: { doc_year: 2026 }
		})
	).toThrow();
});
