import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '$lib/server/db/test-db';
import { createFixture, type Fixture } from '$lib/server/db/fixtures';
import type { Db } from '$lib/server/db';
import { transferInFixture } from '$lib/server/records/test-fixture';
import { insertBill, PROPERTY } from '$lib/server/receipts/test-fixture';
import { renderStatement } from '$lib/server/pdf/statement';
import { pdfText } from '$lib/server/pdf/pdf-text';
import { residentAccount, residentStatement } from './account';

let db: Db;
let f: Fixture;
const NOW = new Date('2026-11-23T02:00:00Z'); // 2026-11-23 in Shanghai

function bill(month: string) {
	insertBill(db, f.communityId, f.unitIds[0], { ...PROPERTY, month, principalFen: 10000 }, +NOW);
}

const resident = () => ({ unitId: f.unitIds[0], unitCode: '1-1-101', communityId: f.communityId });

beforeEach(() => {
	db = createTestDb();
	f = createFixture(db);
	// 张伟 has owned 1-1-101 since 2020; 李娜 buys it on 15 October (the October bill stays 张伟's).
	db.$client
		.prepare(`UPDATE unit_owners SET start_date = '2020-05-01' WHERE unit_id = ?`)
		.run(f.unitIds[0]);
	transferInFixture(db, f, { unit: 0, date: '2026-10-15', newOwner: 1 }, NOW.getTime());
});

describe('the kiosk statement after a 过户', () => {
	it('names the owner of each bill’s month, not today’s owner', () => {
		for (const month of ['2026-09', '2026-10', '2026-11']) bill(month);
		const { bills: lines, ownerName } = residentAccount(resident(), db, NOW);
		expect(lines.map((b) => [b.month, b.ownerName])).toEqual([
			['2026-09', '张*'],
			['2026-10', '张*'],
			['2026-11', '李*']
		]);
		expect(ownerName).toBe('李*');
	});

	it('prints both owners in the header and each line’s own', async () => {
		for (const month of ['2026-09', '2026-10', '2026-11']) bill(month);
		const text = pdfText(await renderStatement(residentStatement(resident(), db, NOW))).replace(
			/[ \t]+/g,
			' '
		);
		expect(text).toContain('业主：张*、李*');
		expect(text).toMatch(/2026年09月\s+物业服务费[^\n]*业主张\*/);
		expect(text).toMatch(/2026年10月\s+物业服务费[^\n]*业主张\*/);
		expect(text).toMatch(/2026年11月\s+物业服务费[^\n]*业主李\*/);
	});

	it('names one owner once when every month is theirs, and today’s owner when nothing is due', async () => {
		expect(residentStatement(resident(), db, NOW).ownerName).toBe('李*');
		bill('2026-11');
		const one = pdfText(await renderStatement(residentStatement(resident(), db, NOW)));
		expect(one).toContain('业主：李*');
		expect(one).not.toContain('业主李*');
	});
});
