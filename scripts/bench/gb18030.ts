/**
 * GB18030 (GBK range) encoding for the bench and the e2e tests, which need files as Excel on
 * Chinese Windows saves them. Node decodes GB18030 but has no encoder: the table is built by
 * decoding every two-byte GBK code once.
 */
let table: Map<string, [number, number]> | undefined;

/** ASCII stays; other characters take their two-byte GBK code (throws for one outside GBK). */
export function encodeGb18030(text: string): Uint8Array {
	if (!table) {
		table = new Map();
		const dec = new TextDecoder('gb18030');
		for (let a = 0x81; a <= 0xfe; a++)
			for (let b = 0x40; b <= 0xfe; b++) {
				if (b === 0x7f) continue;
				const ch = dec.decode(Uint8Array.of(a, b));
				if (ch.length === 1 && !table.has(ch)) table.set(ch, [a, b]);
			}
	}
	const out: number[] = [];
	for (const ch of text) {
		const c = ch.charCodeAt(0);
		if (c < 0x80) out.push(c);
		else {
			const pair = table.get(ch);
			if (!pair) throw new Error(`no GBK code for ${ch}`);
			out.push(...pair);
		}
	}
	return Uint8Array.from(out);
}
