/**
 * Half-width punctuation inside Chinese text (zh-CN uses ，。：；？！（）). A mark counts as Chinese
 * when the nearest non-space character on either side is Chinese; a bracket pair counts when it
 * holds or touches Chinese, so both halves change together. Left alone: marks between spaces on
 * both sides (a listed symbol, "数字或 . _ -"), a dot before a letter or digit (.xlsx, 1.5), and
 * everything inside {placeholders} and URLs.
 */
const CJK = /[\u3000-\u303f\u3400-\u9fff\uf900-\ufaff\uff00-\uffef]/;
const MARKS = ',.:;?!()';
export const FULL_WIDTH: Record<string, string> = {
	',': '，',
	'.': '。',
	':': '：',
	';': '；',
	'?': '？',
	'!': '！',
	'(': '（',
	')': '）'
};

/** The text with placeholders and URLs masked by ASCII of the same length, so indices still match. */
function masked(text: string): string {
	return text
		.replace(/\{[^}]*\}/g, (s) => 'X'.repeat(s.length))
		.replace(/https?:\/\/\S+/g, (s) => 'U'.repeat(s.length));
}

function neighbour(t: string, i: number, step: 1 | -1): string {
	let j = i + step;
	while (t[j] === ' ') j += step;
	return t[j] ?? '';
}

/** Indices of the half-width marks that sit in Chinese text. */
export function halfWidthInChinese(text: string): number[] {
	const t = masked(text);
	const found = new Set<number>();
	const open: number[] = [];
	for (let i = 0; i < t.length; i++) {
		const c = t[i];
		if (!MARKS.includes(c)) continue;
		if (t[i - 1] === ' ' && t[i + 1] === ' ') continue;
		if (c === '(') {
			open.push(i);
			continue;
		}
		if (c === ')') {
			const o = open.pop();
			if (o === undefined) continue;
			const chinese =
				CJK.test(neighbour(t, o, -1)) || CJK.test(neighbour(t, i, 1)) || CJK.test(t.slice(o, i));
			if (chinese) found.add(o).add(i);
			continue;
		}
		if (c === '.' && /[A-Za-z0-9]/.test(t[i + 1] ?? '')) continue;
		if (CJK.test(neighbour(t, i, -1)) || CJK.test(neighbour(t, i, 1))) found.add(i);
	}
	return [...found].sort((a, b) => a - b);
}

/** The text with those marks made full-width (and the spaces around them dropped). */
export function toFullWidth(text: string): string {
	const at = new Set(halfWidthInChinese(text));
	let out = '';
	for (let i = 0; i < text.length; i++) {
		if (!at.has(i)) {
			out += text[i];
			continue;
		}
		out = out.replace(/ +$/, '') + FULL_WIDTH[text[i]];
		while (text[i + 1] === ' ') i++;
	}
	return out;
}
