import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { halfWidthInChinese, toFullWidth } from './zh-punctuation';

describe('halfWidthInChinese', () => {
	it('finds half-width marks in Chinese sentences', () => {
		expect(toFullWidth('您好,请问有什么可以帮您?')).toBe('您好，请问有什么可以帮您？');
		expect(toFullWidth('默认值:{value}')).toBe('默认值：{value}');
		expect(toFullWidth('号票 (PDF)')).toBe('号票（PDF）');
		expect(toFullWidth('{n}个月(至{month})')).toBe('{n}个月（至{month}）');
		expect(toFullWidth('请稍后再试.')).toBe('请稍后再试。');
	});
	it('leaves numbers, times, file types, placeholders, URLs and listed symbols alone', () => {
		for (const s of [
			'费率 1.5‰',
			'营业时间 09:00–17:00',
			'只能导入 .xlsx 或 .csv 文件。',
			'{a}, {b}',
			'详见 https://example.com/a,b.html 。',
			'电话只能包含数字、空格和 + - ( )。',
			'2026-10-01, 2026-10-02',
			'Hello, world.'
		])
			expect(halfWidthInChinese(s), s).toEqual([]);
	});
});

describe('the zh-CN message catalogue', () => {
	const root = new URL('../../messages/', import.meta.url);
	const areas = readdirSync(root).filter((d) => existsSync(new URL(`${d}/zh-CN.json`, root)));

	it.each(areas)('messages/%s/zh-CN.json uses full-width punctuation in Chinese text', (area) => {
		const json = JSON.parse(readFileSync(new URL(`${area}/zh-CN.json`, root), 'utf8'));
		const bad: string[] = [];
		const walk = (key: string, v: unknown) => {
			if (typeof v === 'string') {
				if (halfWidthInChinese(v).length) bad.push(`${key}: ${v}`);
			} else if (v && typeof v === 'object')
				for (const [k, w] of Object.entries(v)) walk(`${key}.${k}`, w);
		};
		for (const [k, v] of Object.entries(json)) if (k !== '$schema') walk(k, v);
		expect(bad).toEqual([]);
	});
});
