import { crc32, deflateSync } from 'node:zlib';
/** The bad values the input sweep posts: every field of a form gets one of these at a time. */

const long = (unit: string, n: number) => unit.repeat(Math.ceil(n / unit.length)).slice(0, n);

export const BAD_VALUES: { name: string; value: string }[] = [
	{ name: 'oversized ASCII (10 000)', value: long('A', 10_000) },
	{ name: 'oversized CJK + emoji (10 000)', value: long('物业费😀', 10_000) },
	{ name: 'oversized digits (10 000)', value: long('9', 10_000) },
	{ name: 'SQL quote', value: `' OR '1'='1' --` },
	{ name: 'SQL stacked', value: `1; DROP TABLE payments; --` },
	{ name: 'SQL union', value: `0 UNION SELECT password_hash FROM staff_users` },
	{ name: 'HTML/script', value: `<script>alert(1)</script><img src=x onerror=alert(1)>` },
	{ name: 'template', value: '{{7*7}}${7*7}<%= 7*7 %>' },
	{ name: 'path traversal', value: '../../../../etc/passwd' },
	{ name: 'NUL and controls', value: 'a\u0000b\u0001c\u001b[31m\u202e' },
	{ name: 'CRLF header injection', value: 'x\r\nSet-Cookie: fd_session=evil' },
	{ name: 'negative', value: '-1' },
	{ name: 'zero', value: '0' },
	{ name: 'huge number', value: '1e309' },
	{ name: 'beyond safe integer', value: '9007199254740993' },
	{ name: 'NaN', value: 'NaN' },
	{ name: 'Infinity', value: 'Infinity' },
	{ name: 'money decimals', value: '12.345' },
	{ name: 'hex', value: '0x10' },
	{ name: 'full-width digits', value: '１２３' },
	{ name: 'bad date', value: '2026-02-30' },
	{ name: 'object', value: '[object Object]' },
	{ name: 'JSON', value: '{"__proto__":{"admin":true}}' },
	{ name: 'boolean', value: 'true' },
	{ name: 'blank', value: '   ' },
	{ name: 'empty', value: '' }
];

/** Bodies that are not a well-formed form at all. */
export const MALFORMED: { name: string; type: string; body: string }[] = [
	{
		name: 'broken percent-encoding',
		type: 'application/x-www-form-urlencoded',
		body: 'a=%E0%A4%A&b=%&c=%zz'
	},
	{ name: 'only separators', type: 'application/x-www-form-urlencoded', body: '&&&=&==&' },
	{ name: 'multipart without boundary', type: 'multipart/form-data', body: 'garbage' },
	{
		name: 'multipart, wrong boundary',
		type: 'multipart/form-data; boundary=abc',
		body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n'
	},
	{
		name: 'multipart, truncated',
		type: 'multipart/form-data; boundary=abc',
		body: '--abc\r\nContent-Disposition: form-data; name="a"\r\n\r\n1'
	},
	{ name: 'JSON instead of a form', type: 'application/json', body: '{"key":"x","amount":1}' },
	{ name: 'text/plain', type: 'text/plain', body: 'a=1\r\nb=2' },
	{ name: 'binary', type: 'application/octet-stream', body: '\u0000\u0001\u0002\u00ff' }
];

/** Odd field names sent with a plausible value. */
/**
 * Files that only pretend to be photos: a PNG signature followed by a web page, and a real PNG of
 * 30000 × 30000 pixels in about 110 KB (1-bit, all zeros) that would take 3.6 GB to decode.
 */
export function fakePhotos(): { name: string; file: string; type: string; content: Uint8Array }[] {
	const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
	const chunk = (type: string, data: Buffer) => {
		const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
		const out = Buffer.alloc(12 + data.length);
		out.writeUInt32BE(data.length, 0);
		body.copy(out, 4);
		out.writeUInt32BE(crc32(body) >>> 0, 8 + data.length);
		return out;
	};
	const ihdr = Buffer.alloc(13);
	ihdr.writeUInt32BE(30000, 0);
	ihdr.writeUInt32BE(30000, 4);
	ihdr[8] = 1;
	const rows = deflateSync(Buffer.alloc((1 + 30000 / 8) * 30000), { level: 9 });
	return [
		{
			name: 'PNG header followed by HTML',
			file: 'photo.png',
			type: 'image/png',
			content: Buffer.concat([signature, Buffer.from('<html><script>alert(1)</script></html>')])
		},
		{
			name: '30000 × 30000 PNG',
			file: 'huge.png',
			type: 'image/png',
			content: Buffer.concat([
				signature,
				chunk('IHDR', ihdr),
				chunk('IDAT', rows),
				chunk('IEND', Buffer.alloc(0))
			])
		}
	];
}

export const BAD_NAMES = ['__proto__', 'constructor', 'prototype', long('n', 10_000)];
