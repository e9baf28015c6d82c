/**
 * What the hall says when a number is called (语音叫号): "请 A012 号到 2 号窗口办理". Pure.
 *
 * A queue number is read one character at a time (A012 → "A 零 一 二", as every bank hall does:
 * "十二" would be misheard as a count); the counter is a small number and is read as one
 * (12 → "十二"). The same words drive both voices: the browser's zh-CN speech takes `text`, and
 * without one the page plays the shipped clips named by `clips` one after another
 * (static/audio/hall/<clip>.wav, made by scripts/hall-audio.ts), starting with the chime.
 */

/** One spoken word: what speech synthesis says and the shipped clip that says it. */
export interface SpokenWord {
	say: string;
	clip: string;
}

const DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** The clips the page may need (what the generating script must make). */
export const HALL_CLIPS = [
	'chime',
	'please',
	'hao-dao',
	'window-banli',
	'shi',
	...DIGITS.map((_, i) => `d${i}`),
	...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('').map((l) => `l${l}`)
] as const;

const digit = (d: number): SpokenWord => ({ say: DIGITS[d], clip: `d${d}` });

/** A queue number character by character; anything but a letter or a digit is not read. */
export function numberWords(queueNo: string): SpokenWord[] {
	const out: SpokenWord[] = [];
	for (const ch of queueNo.toUpperCase()) {
		if (/[0-9]/.test(ch)) out.push(digit(Number(ch)));
		else if (/[A-Z]/.test(ch)) out.push({ say: ch, clip: `l${ch}` });
	}
	return out;
}

/** A counter (1–99) as a Chinese number: 2 → 二, 10 → 十, 12 → 十二, 20 → 二十, 35 → 三十五. */
export function counterWords(counter: string): SpokenWord[] {
	const n = /^\d{1,2}$/.test(counter.trim()) ? Number(counter.trim()) : NaN;
	if (!Number.isInteger(n) || n < 1) return numberWords(counter);
	const tens = Math.floor(n / 10);
	const ones = n % 10;
	const shi: SpokenWord = { say: '十', clip: 'shi' };
	const out: SpokenWord[] = [];
	if (tens > 1) out.push(digit(tens));
	if (tens > 0) out.push(shi);
	if (ones > 0 || tens === 0) out.push(digit(ones));
	return out;
}

export interface HallCall {
	/** For speechSynthesis (zh-CN): words separated by spaces so each is read on its own. */
	text: string;
	/** The shipped clips in order, chime first. */
	clips: string[];
}

/** The call for `queueNo` at `counter`. */
export function hallCall(queueNo: string, counter: string): HallCall {
	const words: SpokenWord[] = [
		{ say: '请', clip: 'please' },
		...numberWords(queueNo),
		{ say: '号到', clip: 'hao-dao' },
		...counterWords(counter),
		{ say: '号窗口办理', clip: 'window-banli' }
	];
	return {
		text: words.map((w) => w.say).join(' '),
		clips: ['chime', ...words.map((w) => w.clip)]
	};
}
