import { describe, expect, it } from 'vitest';
import { toPgSql } from './pg-sql';

describe('toPgSql: the app’s SQLite SQL as PostgreSQL runs it', () => {
	it('numbers ? parameters in order, skipping string literals', () => {
		const t = toPgSql("SELECT id FROM bills WHERE month = ? AND note <> '?' AND unit_id = ?");
		expect(t.text).toBe("SELECT id FROM bills WHERE month = $1 AND note <> '?' AND unit_id = $2");
		expect(t).toMatchObject({ count: 2, names: [] });
	});

	it('turns named parameters into $n, the same name the same number', () => {
		const t = toPgSql(
			'SELECT MAX(CAST(substr(no, length(@prefix) + 1) AS INTEGER)) AS last FROM t WHERE c = @community AND substr(no, 1, length(@prefix)) = @prefix'
		);
		expect(t.text).toBe(
			'SELECT MAX(CAST(substr(no, length($1) + 1) AS bigint)) AS last FROM t WHERE c = $2 AND substr(no, 1, length($1)) = $1'
		);
		expect(t).toMatchObject({ count: 2, names: ['prefix', 'community'] });
	});

	it('reads a code column’s leading digits as SQLite’s CAST does, instead of failing', () => {
		expect(
			toPgSql('ORDER BY CAST("units"."building" AS INTEGER), CAST(u.room AS INTEGER)').text
		).toBe(
			'ORDER BY COALESCE(CAST(substring(CAST("units"."building" AS TEXT) from \'^\\s*[-+]?[0-9]+\') AS bigint), 0), ' +
				"COALESCE(CAST(substring(CAST(u.room AS TEXT) from '^\\s*[-+]?[0-9]+') AS bigint), 0)"
		);
	});

	it('leaves casts (::) and quoted names alone', () => {
		expect(toPgSql('SELECT x::text AS "unitId" FROM t').text).toBe(
			'SELECT x::text AS "unitId" FROM t'
		);
	});

	it('quotes camelCase aliases so their case survives', () => {
		expect(
			toPgSql('SELECT b.unit_id AS unitId, sum(x) AS fen FROM b GROUP BY unitId ORDER BY unitId')
				.text
		).toBe(
			'SELECT b.unit_id AS "unitId", sum(x) AS fen FROM b GROUP BY "unitId" ORDER BY "unitId"'
		);
	});

	it('quotes a camelCase column of a subquery or CTE, and floors with GREATEST', () => {
		expect(toPgSql('SELECT j.unitId, MAX(0, j.fen - ?) FROM j').text).toBe(
			'SELECT j."unitId", GREATEST(0, j.fen - $1) FROM j'
		);
	});

	it('reads a JSON array parameter as an array of ids, or of text when the source casts it', () => {
		expect(toPgSql('WHERE id IN (SELECT value FROM json_each(?))').text).toBe(
			'WHERE id = ANY(ARRAY(SELECT CAST(json_array_elements_text($1::json) AS bigint)))'
		);
		expect(toPgSql('where "b"."id" in (SELECT value FROM json_each(?)) and x = ?').text).toBe(
			'where "b"."id" = ANY(ARRAY(SELECT CAST(json_array_elements_text($1::json) AS bigint))) and x = $2'
		);
		expect(toPgSql('WHERE m IN (SELECT CAST(value AS TEXT) FROM json_each(?))').text).toBe(
			'WHERE m = ANY(ARRAY(SELECT json_array_elements_text($1::json)))'
		);
	});

	it('drops SQLite planner hints: CROSS JOIN … ON and unary + on a column', () => {
		expect(
			toPgSql(
				'FROM payment_voids v CROSS JOIN principal_postings pp ON pp.payment_id = v.payment_id WHERE +pp.community_id = ? AND a + b > 0'
			).text
		).toBe(
			'FROM payment_voids v JOIN principal_postings pp ON pp.payment_id = v.payment_id WHERE pp.community_id = $1 AND a + b > 0'
		);
	});

	it('keeps a CROSS JOIN that has no ON (a real cross join)', () => {
		expect(toPgSql('FROM a CROSS JOIN b WHERE a.x = b.x').text).toBe(
			'FROM a CROSS JOIN b WHERE a.x = b.x'
		);
	});

	it('makes LIKE ignore case as SQLite’s does, and group_concat string_agg', () => {
		expect(toPgSql("WHERE name LIKE ? ESCAPE '\\'").text).toBe("WHERE name ILIKE $1 ESCAPE '\\'");
		expect(toPgSql("SELECT group_concat(u.code, '、') FROM u").text).toBe(
			"SELECT string_agg(CAST(u.code AS TEXT), '、') FROM u"
		);
	});

	it('gives drizzle’s null for a missing column DEFAULT in an insert’s values only', () => {
		expect(
			toPgSql(
				'insert into "bills" ("id", "month", "note") values (null, ?, null), (null, ?, ?) on conflict do nothing returning "id"'
			).text
		).toBe(
			'insert into "bills" ("id", "month", "note") values (default, $1, default), (default, $2, $3) on conflict do nothing returning "id"'
		);
		expect(toPgSql('update "t" set "a" = null where "id" = ?').text).toBe(
			'update "t" set "a" = null where "id" = $1'
		);
	});

	it('never rewrites inside comments or literals', () => {
		expect(toPgSql("SELECT 'LIKE unitId ?' -- LIKE ?\nFROM t").text).toBe(
			"SELECT 'LIKE unitId ?' -- LIKE ?\nFROM t"
		);
	});

	it('gives group_concat’s default separator to string_agg', () => {
		expect(toPgSql('SELECT group_concat(b.id) AS ids FROM b').text).toBe(
			"SELECT string_agg(CAST(b.id AS TEXT), ',') AS ids FROM b"
		);
	});

	it('leaves a conflict target bare and reads a one-level JSON path', () => {
		expect(
			toPgSql(
				'insert into "p" ("job", "at") values (?, ?) on conflict ("p"."job") do update set "at" = ? where "p"."actor_id" = ?'
			).text
		).toBe(
			'insert into "p" ("job", "at") values ($1, $2) on conflict ("job") do update set "at" = $3 where "p"."actor_id" = $4'
		);
		expect(toPgSql("SELECT sum(json_array_length(detail, '$.passes')) FROM e").text).toBe(
			"SELECT sum(json_array_length((detail)::json -> 'passes')) FROM e"
		);
	});

	it('compares a boolean column with TRUE/FALSE, where the schema says it is one', () => {
		const facts = { booleans: new Set(['late_fee_applies', 'active']), withId: new Set<string>() };
		expect(
			toPgSql(
				'SELECT id FROM bills WHERE late_fee_applies = 0 AND "u"."active" = 1 AND floor = 1',
				facts
			).text
		).toBe(
			'SELECT id FROM bills WHERE late_fee_applies = FALSE AND "u"."active" = TRUE AND floor = 1'
		);
	});

	it('answers an insert’s id when the table has one (better-sqlite3’s lastInsertRowid)', () => {
		const facts = { booleans: new Set<string>(), withId: new Set(['parking_spaces']) };
		expect(toPgSql('INSERT INTO parking_spaces (code) VALUES (?)', facts).text).toBe(
			'INSERT INTO parking_spaces (code) VALUES ($1) RETURNING id'
		);
		expect(toPgSql('INSERT INTO receipt_counters (y) VALUES (?)', facts).text).toBe(
			'INSERT INTO receipt_counters (y) VALUES ($1)'
		);
		expect(
			toPgSql('insert into "parking_spaces" ("id", "code") values (null, ?) returning "id"', facts)
				.text
		).toBe('insert into "parking_spaces" ("id", "code") values (default, $1) returning "id"');
	});
});
