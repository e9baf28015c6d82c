import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, failInserts, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { analyseImport, confirmImport, ImportError } from './service';
import { exportRegister } from './export';
import { ensureFeeItems } from '../fees/items';
import { billsDue } from '../fees/account';
import { grantVacancyCredits } from '../fees/vacancy-credits';
import { identifyResident } from '../auth/resident';

const TODAY = '2026-11-23';
const NOW = Date.parse('2026-11-23T02:00:00Z');
const csv = (lines: string[]) => new TextEncoder().encode('\uFEFF' + lines.join('\r\n') + '\r\n');

let db: Db;
let f: Fixture;
beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	ensureFeeItems(db, f.communityId);
});

const count = (table: string) =>
	(db.$client.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
const upload = (lines: string[], fileName = 'x.csv') => ({ bytes: csv(lines), fileName });
const preview = (lines: string[]) => analyseImport(db, f.communityId, upload(lines), TODAY);
const confirm = (lines: string[], digest?: string) =>
	confirmImport(db, f.communityId, upload(lines), { id: f.adminId }, TODAY, NOW, digest);

const PEOPLE_HEAD = '房号,姓名,类型,手机,证件类型,证件号,起止日期';

describe('people', () => {
	const file = [
		PEOPLE_HEAD,
		'1-1-101,赵敏,共有人,13912345678,身份证,11010519491231002X,2024-01-01',
		'1-1-101,张伟,业主,13800000001,,,',
		'9-9-999,钱多,业主,13900000000,,,',
		'1-1-102,孙丽,租户,1390000,,,',
		'1-1-101,赵敏,共有人,13912345678,,,',
		'1-1-201,李四,家庭成员,,,,',
		'1-1-102,钱七,租户,13700000000,身份证,110105194912310021,'
	];
	it('previews adds and refusals with row numbers, writes nothing', async () => {
		const before = count('owners');
		const a = await preview(file);
		expect(a.kind).toBe('people');
		expect(a.encoding).toBe('utf-8');
		expect(a.add.map((i) => [i.row, i.key])).toEqual([
			[2, '1-1-101 赵敏'],
			[7, '1-1-201 李四']
		]);
		expect(a.same).toBe(1); // 张伟 is already the owner of 1-1-101
		expect(a.refused).toEqual([
			{ row: 4, error: 'unknown_unit', column: '房号', detail: '9-9-999' },
			{ row: 5, error: 'bad_phone', column: '手机', detail: '1390000' },
			{ row: 6, error: 'duplicate', detail: '2' },
			{ row: 8, error: 'bad_id', column: '证件号', detail: '110105194912310021' }
		]);
		expect(count('owners')).toBe(before);
	});
	it('confirm writes the good rows; the new person identifies at the kiosk; a re-import is a no-op', async () => {
		const a = await preview(file);
		const r = await confirm(file, a.digest);
		expect(r).toMatchObject({ added: 2, changed: 0, same: 1, refused: 4 });
		expect(identifyResident(db, f.communityId, '1-1-101', '5678', 'test', NOW)).toMatchObject({
			ok: true
		});
		const snapshot = () =>
			['owners', 'unit_owners', 'audit_log', 'import_batches'].map((t) => count(t));
		const before = snapshot();
		const again = await confirm(file);
		expect(again).toMatchObject({ batchId: null, added: 0, changed: 0, same: 3 });
		expect(snapshot()).toEqual(before);
	});
	it('a changed ID number is a change with old → new, audited', async () => {
		await confirm(file);
		const changed = [
			PEOPLE_HEAD,
			'1-1-101,赵敏,共有人,13912345678,护照,E1234567,2024-01-01至2026-10-31'
		];
		const a = await preview(changed);
		expect(a.change).toHaveLength(1);
		expect(a.change[0].changes).toEqual([
			{ header: '证件类型', from: '身份证', to: '护照' },
			{ header: '证件号', from: '11010519491231002X', to: 'E1234567' },
			{ header: '起止日期', from: '2024-01-01', to: '2024-01-01至2026-10-31' }
		]);
		await confirm(changed, a.digest);
		const tie = db.$client
			.prepare(
				`SELECT end_date AS e FROM unit_owners t JOIN owners o ON o.id = t.owner_id WHERE o.name = '赵敏'`
			)
			.get() as { e: string };
		expect(tie.e).toBe('2026-10-31');
		expect(count(`audit_log WHERE action = 'import.change'`)).toBe(1);
	});
	it('confirm refuses when the records changed since the preview (stale), writing nothing', async () => {
		const a = await preview(file);
		await confirm([PEOPLE_HEAD, '1-1-201,李四,家庭成员,,,,']);
		const before = count('unit_owners');
		await expect(confirm(file, a.digest)).rejects.toMatchObject({ failure: { code: 'stale' } });
		expect(count('unit_owners')).toBe(before);
	});
});

describe('units', () => {
	const HEAD = '楼栋,单元,房号,建筑面积,用途,状态,交房通知日期,接房日期';
	it('one transaction: a failure on the last row leaves nothing of the first', async () => {
		failInserts(db, 'units', 'boom', "NEW.code = '9-1-103'");
		const before = [count('units'), count('import_batches'), count('audit_log')];
		await expect(
			confirm([HEAD, '9,1,101,80,,,,', '9,1,102,80,,,,', '9,1,103,80,,,,'])
		).rejects.toThrow('boom');
		expect([count('units'), count('import_batches'), count('audit_log')]).toEqual(before);
	});
	it('an export imports again as nothing to do; a changed area is a change', async () => {
		const bytes = await exportRegister(db, f.communityId, 'units', 'xlsx');
		const a = await analyseImport(db, f.communityId, { bytes, fileName: 'units.xlsx' }, TODAY);
		expect([a.add.length, a.change.length, a.same, a.refused.length]).toEqual([0, 0, 3, 0]);
		const b = await preview([HEAD, '1,1,101,90.5,,,,', '1,1,301,100.00,住宅,未接房,2026-01-01,']);
		expect(b.change[0].changes).toEqual([{ header: '建筑面积', from: '90.00', to: '90.50' }]);
		expect(b.add[0].key).toBe('1-1-301');
	});
	it('wrong headers and header-only files are refused', async () => {
		await expect(preview(['楼栋,单元,房间', '1,1,101'])).rejects.toMatchObject({
			failure: { code: 'bad_headers', kind: null }
		});
		await expect(preview([HEAD])).rejects.toBeInstanceOf(ImportError);
		await expect(preview([HEAD])).rejects.toMatchObject({ failure: { code: 'no_rows' } });
	});
});

describe('spaces and vehicles', () => {
	const SPACES = '车位号,面积,类型,房号,持有方式,起始日期';
	const VEHICLES = '车牌,房号,车主,车位号,起始日期';
	it('a changed space or vehicle shows old → new per field, as the register shows it', async () => {
		await confirm([SPACES, 'B1-001,12.5,地下,1-1-101,自有,2024-01-01', 'B1-002,10,地面,,,']);
		await confirm([VEHICLES, '浙A12345,1-1-101,张伟,B1-001,2024-01-01']);
		const spaces = await preview([
			SPACES,
			'B1-001,13,机械,1-1-102,自有,2026-11-01',
			'B1-002,10,地面,1-1-201,租用,2026-11-01'
		]);
		expect(spaces.change.map((c) => c.changes)).toEqual([
			[
				{ header: '面积', from: '12.50', to: '13.00' },
				{ header: '类型', from: '地下', to: '机械' },
				{ header: '房号', from: '1-1-101', to: '1-1-102' }
			],
			[{ header: '房号', from: '', to: '1-1-201' }]
		]);
		const holding = await preview([SPACES, 'B1-001,12.5,地下,1-1-101,租用,2026-11-01']);
		expect(holding.change.map((c) => c.changes)).toEqual([
			[{ header: '持有方式', from: '自有', to: '租用' }]
		]);
		const cars = await preview([VEHICLES, '浙A12345,1-1-102,李娜,,2026-11-01']);
		expect(cars.change.map((c) => c.changes)).toEqual([
			[
				{ header: '房号', from: '1-1-101', to: '1-1-102' },
				{ header: '车主', from: '张伟', to: '李娜' },
				{ header: '车位号', from: 'B1-001', to: '' }
			]
		]);
	});
});

describe('opening balances', () => {
	const HEAD = '房号,收费项目,月份,金额,滞纳金起算日';
	it('arrears become ordinary bills marked opening, with a late fee from the given date', async () => {
		const file = [
			HEAD,
			'1-1-201,物业服务费,2026-09,237.18,2026-09-20',
			'1-1-101,物业服务费,2026-10,100.005,',
			'1-1-101,电梯费,2026-10,10,',
			'1-1-101,物业服务费,2027-01,10,'
		];
		const a = await preview(file);
		expect(a.addFen).toBe(23718);
		expect(a.refused.map((r) => r.error)).toEqual([
			'too_many_decimals',
			'unknown_item',
			'bad_month'
		]);
		const r = await confirm(file, a.digest);
		expect(r.batchId).not.toBeNull();
		const due = billsDue(db, f.communityId, f.unitIds[2], TODAY);
		expect(due).toHaveLength(1);
		expect(due[0]).toMatchObject({
			month: '2026-09',
			dueDate: '2026-09-20',
			principalDueFen: 23718
		});
		// 64 days × 3‰ of 237.18 = 45.54
		expect(due[0].lateFeeDueFen).toBe(4554);
		// 1-1-201 is not handed over, yet its opening arrears are not credited as vacancy.
		grantVacancyCredits(db, f.communityId, { now: NOW });
		expect(count('vacancy_credits')).toBe(0);
		// The same file again changes nothing; another amount for the same month is a conflict.
		expect(await confirm(file)).toMatchObject({ batchId: null, same: 1 });
		const c = await preview([HEAD, '1-1-201,物业服务费,2026-09,200,2026-09-20']);
		expect(c.refused).toEqual([{ row: 2, error: 'conflict', detail: '237.18 / 2026-09-20' }]);
	});
	it('prepayments and deposits go to opening_credits, once', async () => {
		const file = ['房号,类型,金额,原收据号', '1-1-101,预存,1200,NO.1', '1-1-101,押金,500.00,NO.2'];
		const r = await confirm(file);
		expect(r).toMatchObject({ added: 2, addFen: 170000 });
		expect(await confirm(file)).toMatchObject({ batchId: null, same: 2 });
		expect(count('opening_credits')).toBe(2);
		const bytes = await exportRegister(db, f.communityId, 'opening_credits', 'csv');
		expect(new TextDecoder().decode(bytes)).toContain('1-1-101,押金,500.00,NO.2');
	});
});

describe('records kept before the checks', () => {
	it('an ID number already on record is not refused again; a new malformed one is', async () => {
		// The fixture's owners have ID numbers without a valid check digit.
		const bytes = await exportRegister(db, f.communityId, 'people', 'csv');
		const a = await analyseImport(db, f.communityId, { bytes, fileName: 'people.csv' }, TODAY);
		expect([a.add.length, a.change.length, a.same, a.refused.length]).toEqual([0, 0, 3, 0]);
	});
});

describe('progress', () => {
	it('reports progress in chunks while checking', async () => {
		const lines = ['楼栋,单元,房号,建筑面积,用途,状态,交房通知日期,接房日期'];
		for (let i = 0; i < 4500; i++) lines.push(`5,1,${1000 + i},80.00,,,,`);
		const seen: [number, number][] = [];
		const a = await analyseImport(db, f.communityId, upload(lines), TODAY, (d, t) =>
			seen.push([d, t])
		);
		expect(a.add).toHaveLength(4500);
		expect(seen).toEqual([
			[2000, 4500],
			[4000, 4500],
			[4500, 4500]
		]);
	});
});
