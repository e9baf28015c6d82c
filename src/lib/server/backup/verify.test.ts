import { describe, expect, it } from 'vitest';
import { createSqliteTestDb } from '../db/test-db';
import { createFixture } from '../db/fixtures';
import { postSamplePayment } from '../receipts/test-fixture';
import { checkLedger, formatFigures } from './verify';

const transfer = { method: 'wechat' as const, methodRef: 'WX1', tenderedFen: null };

describe('checkLedger with two communities', () => {
	it('each community’s own SF-2026-000001 is no duplicate; a repeat within one is', () => {
		const db = createSqliteTestDb();
		const f = createFixture(db);
		const a = postSamplePayment(db, f, transfer);
		const other = { ...f, communityId: f.otherCommunityId, unitIds: [0, f.otherUnitId] };
		const b = postSamplePayment(db, other, transfer);
		expect([a.receiptNo, b.receiptNo]).toEqual(['SF-2026-000001', 'SF-2026-000001']);

		const ok = checkLedger(db.$client);
		expect(ok.problems).toEqual([]);
		expect(ok.figures.lastReceipts).toEqual({
			[`${f.communityId}:2026`]: 'SF-2026-000001',
			[`${f.otherCommunityId}:2026`]: 'SF-2026-000001'
		});
		expect(formatFigures(ok.figures)).toContain(
			`last receipts: ${f.communityId}/SF-2026-000001, ${f.otherCommunityId}/SF-2026-000001`
		);

		// A damaged copy (the unique indexes gone): community 1 issues its number a second time.
		db.$client.exec('DROP INDEX payments_community_receipt_no; DROP INDEX payments_receipt_seq');
		db.$client.exec(
			`INSERT INTO payments (community_id, receipt_no, receipt_year, receipt_seq, purpose, unit_id,
				payer_name, method, method_ref, bank, total_fen, cashier_id, idempotency_key, verify_code,
				created_at, local_date)
			 SELECT community_id, receipt_no, receipt_year, receipt_seq, purpose, unit_id, payer_name, method,
				method_ref, bank, 0, cashier_id, 'again', 'again', created_at, local_date
			 FROM payments WHERE community_id = ${f.communityId}`
		);
		const bad = checkLedger(db.$client).problems;
		expect(bad).toContain(`receipt ${f.communityId}/SF-2026-000001 issued 2 times`);
		expect(bad.filter((p) => p.includes(`${f.otherCommunityId}/`))).toEqual([]);
	});
});
