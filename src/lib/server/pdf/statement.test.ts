import { describe, expect, it } from 'vitest';
import { maskName, renderStatement } from './statement';
import { pdfInfo, pdfText } from './pdf-text';

const base = {
	communityName: '鹿鸣溪谷',
	centreName: '鹿鸣溪谷管理处客户服务中心',
	unitCode: '4-1-101',
	ownerName: '张*',
	asOf: '2026-11-23',
	printedAt: '2026-11-23 09:30',
	lateFeeRatePerMille: 3,
	phone: '0571-8888 6666'
};

describe('fee statement (80 mm)', () => {
	it('lists each unpaid bill with today’s late fee and the totals in figures and 大写', async () => {
		const pdf = await renderStatement({
			...base,
			lines: [
				{
					month: '2026-10',
					itemNameZh: '物业服务费',
					principalDueFen: 23850,
					lateFeeDueFen: 2433,
					overdueDays: 34,
					ownerName: '张*'
				},
				{
					month: '2026-11',
					itemNameZh: '物业服务费',
					principalDueFen: 23850,
					lateFeeDueFen: 215,
					overdueDays: 3,
					ownerName: '张*'
				}
			],
			principalDueFen: 47700,
			lateFeeDueFen: 2648,
			totalDueFen: 50348
		});
		const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
		expect(text).toContain('物业费对账单');
		expect(text).toContain('房号：4-1-101');
		expect(text).toContain('业主：张*');
		expect(text).toMatch(/2026年10月\s+物业服务费\s+逾期34天/);
		expect(text).toMatch(/2026年11月\s+物业服务费\s+逾期3天/);
		expect(text).toMatch(/238\.50 24\.33 262\.83/);
		expect(text).toContain('滞纳金合计：¥26.48');
		expect(text).toContain('合计待缴：¥503.48');
		expect(text).toContain('大写：人民币伍佰零叁元肆角捌分');
		expect(text).toContain('每日3‰');
		expect(text).toContain('本对账单不作收款凭证');
		expect(Math.round((pdfInfo(pdf).width * 25.4) / 72)).toBe(80);
	});

	it('says so when nothing is due', async () => {
		const text = pdfText(
			await renderStatement({
				...base,
				lines: [],
				principalDueFen: 0,
				lateFeeDueFen: 0,
				totalDueFen: 0
			})
		);
		expect(text).toContain('您目前没有待缴费用');
		expect(text).not.toContain('合计待缴');
	});

	it('masks the owner’s name', () => {
		expect(maskName('张伟')).toBe('张*');
		expect(maskName('欧阳明明')).toBe('欧**明');
		expect(maskName('李')).toBe('李');
		expect(maskName(' ')).toBe('');
	});
});
