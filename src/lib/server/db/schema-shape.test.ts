import { describe, expect, it } from 'vitest';
import { compareShapes, normaliseDefault, type Allowances, type SchemaShape } from './schema-shape';

const none: Allowances = { pgOnlyTables: [], pgOnlyTrigger: () => false };

function shape(): SchemaShape {
	return {
		tables: {
			bills: {
				columns: {
					id: { type: 'integer', notNull: true, default: null },
					principal_fen: { type: 'integer', notNull: true, default: null },
					late_fee_applies: { type: 'boolean', notNull: true, default: 'true' }
				},
				primaryKey: ['id'],
				checks: []
			}
		},
		indexes: {
			bills_no_late_fee: {
				table: 'bills',
				columns: ['id'],
				unique: false,
				where: '(late_fee_applies = false)'
			}
		},
		foreignKeys: [],
		triggers: ['bills_no_update on bills: before update'],
		views: []
	};
}

describe('compareShapes', () => {
	it('finds nothing between equal schemas', () => {
		expect(compareShapes(shape(), shape(), none)).toEqual([]);
	});

	it('lists each difference on its own line, naming the side that has it', () => {
		const pg = shape();
		delete pg.tables.bills.columns.principal_fen;
		pg.tables.bills.columns.late_fee_applies.notNull = false;
		pg.indexes.bills_no_late_fee.where = null;
		pg.triggers = [];
		pg.tables.extra = { columns: {}, primaryKey: [], checks: [] };
		expect(compareShapes(shape(), pg, none)).toEqual([
			'table only in PostgreSQL: extra',
			'column only in SQLite: bills.principal_fen',
			'column bills.late_fee_applies: notNull is true in SQLite, false in PostgreSQL',
			'index bills_no_late_fee: where is "(late_fee_applies = false)" in SQLite, null in PostgreSQL',
			'trigger only in SQLite: bills_no_update on bills: before update'
		]);
	});

	it('lets PostgreSQL have what it is allowed to, and nothing else', () => {
		const pg = shape();
		pg.tables.receipt_counters = { columns: {}, primaryKey: [], checks: [] };
		pg.triggers.push('bills_no_truncate on bills: before truncate');
		const allow: Allowances = {
			pgOnlyTables: ['receipt_counters'],
			pgOnlyTrigger: (t) => t.includes('truncate')
		};
		expect(compareShapes(shape(), pg, allow)).toEqual([]);
		expect(compareShapes(pg, shape(), allow)).toEqual([
			'table only in SQLite: receipt_counters',
			'trigger only in SQLite: bills_no_truncate on bills: before truncate'
		]);
	});
});

describe('normaliseDefault', () => {
	it('spells a default once for both dialects', () => {
		expect(normaliseDefault("'{}'::text", 'text')).toBe("'{}'");
		expect(normaliseDefault('0', 'boolean')).toBe('false');
		expect(normaliseDefault('true', 'boolean')).toBe('true');
		expect(normaliseDefault('0', 'integer')).toBe('0');
		expect(normaliseDefault(null, 'text')).toBeNull();
	});
});
