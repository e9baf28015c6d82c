import { beforeEach, describe, expect, it } from 'vitest';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { openTestShifts } from '../shifts/test-fixture';
import type { Db } from '../db';
import { forgetCommunity } from '../community';
import { completeCase, getCase, noteMissing, openCase, tickItem, type Actor } from './index';
import { checklistPdf } from './print';
import { pdfText } from '../pdf/pdf-text';
import { moveInBills } from './test-fixture';
import { postPayment } from '../ledger';

let db: Db;
let f: Fixture;
let clerk: Actor;
const now = Date.parse('2026-11-23T02:00:00Z');

beforeEach(() => {
	forgetCommunity();
	db = createTestDb();
	f = createFixture(db, { kiosk: { phone: '0571-8888 6666' } });
	openTestShifts(db, f);
	clerk = { id: f.clerkId, communityId: f.communityId, role: 'clerk' };
});

/** pdftotext keeps CJK runs but may insert spaces between table columns: compare without blanks. */
const flat = (s: string) => s.replace(/\s+/g, '');

describe('checklist PDF', () => {
	it('lists every item, highlights what is missing, with the standard wording', async () => {
		const id = openCase(
			db,
			clerk,
			{
				unitId: f.unitIds[2],
				ownerType: 'company',
				mortgage: true,
				proxy: true,
				persons: 2,
				proxyName: '赵代办'
			},
			now
		);
		tickItem(db, clerk, id, 'purchase_contract', '', now);
		tickItem(db, clerk, id, 'company_seal', '', now);
		noteMissing(db, clerk, id, 'deed_tax', '契税发票下周补交', now);
		const text = pdfText(await checklistPdf(db, f.communityId, id, '李晓梅', now));
		const t = flat(text);
		expect(t).toContain('接房资料清单');
		expect(t).toContain('您接房时需提供的资料');
		expect(t).toContain('房号1-1-201');
		expect(t).toContain('JF-000001');
		expect(t).toContain('单位/公司');
		expect(t).toContain('是（代办人：赵代办）');
		// The highlighted box: 14 required items missing + the six months.
		expect(t).toContain('尚需提供（共15项）');
		expect(t).toContain('★1.已缴纳款项的全部收据、发票（原件）');
		expect(t).toContain('抵押贷款合同（原件及复印件各一份）');
		expect(t).toContain('契税缴款凭证（原件）契税发票下周补交');
		expect(t).toContain('前6个月物业服务费（2026年11月至2027年04月）');
		expect(t).toContain('业主及家庭居住成员一寸彩色照片');
		expect(t).toContain('4张（每人2张）');
		expect(t).not.toContain('★1.购房合同');
		expect(t).toContain('已收11-2310:00');
		expect(t).toContain('★尚缺');
		expect(t).toContain('委托书（盖上手印）');
		expect(t).toContain('0571-88886666');
		expect(t).toContain('代办人：');
	});

	it('after completion it says so, with the key handover and no missing box', async () => {
		const id = openCase(
			db,
			clerk,
			{ unitId: f.unitIds[2], ownerType: 'individual', mortgage: false, proxy: false, persons: 1 },
			now
		);
		for (const i of getCase(db, f.communityId, id).items) tickItem(db, clerk, id, i.code, '', now);
		const months = getCase(db, f.communityId, id).months;
		const billIds = moveInBills(db, f.communityId, f.unitIds[2], months, 100, now);
		postPayment(db, {
			communityId: f.communityId,
			unitId: f.unitIds[2],
			purpose: 'fees',
			payerName: '王芳',
			method: 'cash',
			tenderedFen: 600,
			cashierId: f.clerkId,
			idempotencyKey: 'k1',
			lines: billIds.map((billId) => ({
				kind: 'principal' as const,
				itemCode: 'property',
				billId,
				amountFen: 100
			})),
			now,
			localDate: '2026-11-23'
		});
		completeCase(db, clerk, id, { keys: 2 }, now);
		const t = flat(pdfText(await checklistPdf(db, f.communityId, id, '李晓梅', now)));
		expect(t).toContain('接房已于2026-11-2310:00办理完成');
		expect(t).toContain('交付钥匙2把，领取人：王芳');
		expect(t).not.toContain('尚需提供');
		expect(t).not.toContain('★');
		expect(t).toContain('已缴清');
	});
});
