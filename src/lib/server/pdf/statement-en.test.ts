import { describe, expect, it } from 'vitest';
import { renderStatement } from './statement';
import { pdfText } from './pdf-text';

describe('fee statement in English (the kiosk in English)', () => {
	it('prints the catalogue’s English words; names and amounts stay as they are; no 大写', async () => {
		const pdf = await renderStatement({
			communityName: '鹿鸣溪谷',
			centreName: '鹿鸣溪谷管理处客户服务中心',
			unitCode: '4-1-101',
			ownerName: '张*',
			asOf: '2026-11-23',
			printedAt: '2026-11-23 09:30',
			lateFeeRatePerMille: 3,
			phone: '0571-8888 6666',
			locale: 'en',
			lines: [
				{
					month: '2026-10',
					itemNameZh: '物业服务费',
					itemNameEn: 'Property service fee',
					principalDueFen: 23850,
					lateFeeDueFen: 2433,
					overdueDays: 34,
					ownerName: '张*'
				}
			],
			principalDueFen: 23850,
			lateFeeDueFen: 2433,
			totalDueFen: 26283
		});
		const text = pdfText(pdf).replace(/\s+/g, ' ');
		for (const s of [
			'Fee statement',
			'4-1-101',
			'张*',
			'Property service fee',
			'34 days overdue',
			'Total due',
			'¥262.83',
			'Please pay at the front desk; service centre phone 0571-8888 6666.',
			'This statement is not a receipt'
		])
			expect(text, s).toContain(s);
		for (const s of ['物业费对账单', '大写', '逾期', '请到前台缴费'])
			expect(text, s).not.toContain(s);
	});
});
