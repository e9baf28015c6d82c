import { describe, expect, it } from 'vitest';
import { contentDisposition, pdfResponse } from './response.ts';

describe('pdfResponse', () => {
	it('answers with the PDF bytes and the headers every printed document carries', async () => {
		const bytes = Buffer.from('%PDF-1.4 test');
		const res = pdfResponse(bytes, { filename: 'SF-2026-000123.pdf' });
		expect(res.status).toBe(200);
		expect(res.headers.get('content-type')).toBe('application/pdf');
		expect(res.headers.get('content-disposition')).toBe('inline; filename="SF-2026-000123.pdf"');
		expect(res.headers.get('content-length')).toBe(String(bytes.length));
		expect(res.headers.get('cache-control')).toBe('no-store');
		expect(res.headers.get('x-content-type-options')).toBe('nosniff');
		expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF-1.4 test');
	});

	it('sends exactly the bytes of a Buffer that is a view into a larger pool', async () => {
		const pool = Buffer.from('xxxx%PDF-abcyyyy');
		const view = pool.subarray(4, 12);
		const res = pdfResponse(view, { filename: 'a.pdf' });
		expect(res.headers.get('content-length')).toBe('8');
		expect(Buffer.from(await res.arrayBuffer()).toString()).toBe('%PDF-abc');
	});
});

describe('contentDisposition', () => {
	it('gives a Chinese name as RFC 5987 UTF-8 with the ASCII name as fallback', () => {
		const v = contentDisposition({
			filename: '物业日报-2026-11-23.pdf',
			asciiFilename: 'daily-report-2026-11-23.pdf'
		});
		expect(v).toBe(
			`inline; filename="daily-report-2026-11-23.pdf"; filename*=UTF-8''${encodeURIComponent('物业日报-2026-11-23.pdf')}`
		);
		expect(decodeURIComponent(v.split("UTF-8''")[1])).toBe('物业日报-2026-11-23.pdf');
	});

	it('makes its own ASCII fallback when none is given', () => {
		expect(contentDisposition({ filename: '日报.pdf' })).toBe(
			`inline; filename="__.pdf"; filename*=UTF-8''%E6%97%A5%E6%8A%A5.pdf`
		);
	});

	it('never lets a quote or backslash break out of the quoted name', () => {
		const v = contentDisposition({ filename: 'a"b\\c.pdf' });
		expect(v).toBe(`inline; filename="a_b_c.pdf"; filename*=UTF-8''a%22b%5Cc.pdf`);
	});

	it('encodes the characters RFC 5987 does not allow unescaped', () => {
		expect(contentDisposition({ filename: "单(1)'*.pdf" })).toContain(
			`filename*=UTF-8''%E5%8D%95%281%29%27%2A.pdf`
		);
	});

	it('asks for a download when not inline', () => {
		expect(contentDisposition({ filename: 'a.pdf', inline: false })).toBe(
			'attachment; filename="a.pdf"'
		);
	});
});
