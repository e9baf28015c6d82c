import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { HALL_CLIPS, counterWords, hallCall, numberWords } from './hall-call';

describe('hall call speech', () => {
	it('reads a queue number one character at a time: A012 → A 零 一 二', () => {
		expect(numberWords('A012').map((w) => w.say)).toEqual(['A', '零', '一', '二']);
		expect(numberWords('f100').map((w) => w.say)).toEqual(['F', '一', '零', '零']);
	});

	it('reads a counter as a number: 2 → 二, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五', () => {
		const say = (c: string) =>
			counterWords(c)
				.map((w) => w.say)
				.join('');
		expect(['2', '10', '12', '20', '35', '99'].map(say)).toEqual([
			'二',
			'十',
			'十二',
			'二十',
			'三十五',
			'九十九'
		]);
	});

	it('"请 A012 号到 2 号窗口办理", with the clips in the same order after the chime', () => {
		const call = hallCall('A012', '2');
		expect(call.text).toBe('请 A 零 一 二 号到 二 号窗口办理');
		expect(call.clips).toEqual([
			'chime',
			'please',
			'lA',
			'd0',
			'd1',
			'd2',
			'hao-dao',
			'd2',
			'window-banli'
		]);
	});

	it('every clip a call can name is shipped', () => {
		const used = new Set(
			['A123', 'B456', 'C789', 'D000', 'E111', 'F222'].flatMap(
				(no, i) => hallCall(no, String(i * 11 + 1)).clips
			)
		);
		for (const c of used) expect(HALL_CLIPS).toContain(c);
		for (const c of HALL_CLIPS)
			expect(existsSync(join('static', 'audio', 'hall', `${c}.wav`)), c).toBe(true);
	});
});
