import { describe, expect, it } from 'vitest';
import { renderQueueTicket } from './queue-ticket';
import { pdfInfo, pdfText } from './pdf-text';

describe('queue ticket (80 mm)', () => {
	it('prints the number, service, priority, time, people ahead and the wait', async () => {
		const pdf = await renderQueueTicket({
			communityName: '鹿鸣溪谷',
			centreName: '鹿鸣溪谷管理处客户服务中心',
			queueNo: 'A012',
			service: 'payment',
			priority: 'elderly',
			takenAt: '2026-11-23 09:05',
			estimate: { ahead: 3, minutes: 12 },
			url: 'http://localhost/kiosk/queue/5'
		});
		const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
		expect(text).toContain('排队号票');
		expect(text).toContain('A012');
		expect(text).toContain('办理业务：缴费');
		expect(text).toContain('优先：长者/残障优先');
		expect(text).toContain('取号时间：2026-11-23 09:05');
		expect(text).toContain('前面等候：3 人');
		expect(text).toContain('预计等候：约 12 分钟');
		expect(text).toContain('紧急优先、长者优先、先进大厅优先');
		const info = pdfInfo(pdf);
		expect(info.pages).toBe(1);
		expect(Math.round((info.width * 25.4) / 72)).toBe(80);
		expect(info.height).toBeLessThan(400); // trimmed to what was printed
	});

	it('says "about to be called" with nobody ahead and leaves the estimate out on a reprint', async () => {
		const base = {
			communityName: 'C',
			centreName: 'CC',
			queueNo: 'D001',
			service: 'report' as const,
			priority: 'normal' as const,
			takenAt: '2026-11-23 09:05',
			url: 'http://x/kiosk/queue/1'
		};
		const next = pdfText(await renderQueueTicket({ ...base, estimate: { ahead: 0, minutes: 0 } }));
		expect(next).toContain('即将叫号');
		expect(next).not.toContain('优先：');
		const later = pdfText(await renderQueueTicket({ ...base, estimate: null }));
		expect(later).not.toContain('前面等候');
		expect(later).toContain('报事投诉');
	});

	it('prints in English when the kiosk is in English (the number and time as they are)', async () => {
		const pdf = await renderQueueTicket({
			communityName: '鹿鸣溪谷',
			centreName: '鹿鸣溪谷管理处客户服务中心',
			queueNo: 'B007',
			service: 'renovation',
			priority: 'urgent',
			takenAt: '2026-11-23 09:05',
			estimate: { ahead: 2, minutes: 9 },
			url: 'http://localhost/kiosk/queue/7',
			locale: 'en'
		});
		const text = pdfText(pdf).replace(/[ \t]+/g, ' ');
		expect(text).toContain('Queue ticket');
		expect(text).toContain('Welcome, your number is');
		expect(text).toContain('B007');
		expect(text).toContain('Service：Renovation');
		expect(text).toContain('Priority：Urgent first');
		expect(text).toContain('Taken at：2026-11-23 09:05');
		expect(text).toContain('Ahead of you：2 people');
		expect(text).toContain('Expected wait：about 9 minutes');
		expect(text).toContain('Scan to follow the queue on your phone');
		// Names stay as entered; no Chinese label is left.
		expect(text).toContain('鹿鸣溪谷');
		for (const zh of ['排队号票', '办理业务', '取号时间', '前面等候', '先进大厅优先'])
			expect(text).not.toContain(zh);
	});
});
