/**
 * Makes the hall display's spoken-call clips (static/audio/hall/*.wav), for screens whose browser
 * has no zh-CN voice: `node --import tsx scripts/hall-audio.ts`. Needs espeak-ng (Debian package
 * `espeak-ng`); the clips are committed, so neither the build nor the server needs it.
 *
 * Each word of domain/hall-call.ts is spoken by espeak-ng's Mandarin voice and stored as 8-bit
 * 11 025 Hz mono WAV (every browser plays it, and a word is a few kilobytes); the chime is a
 * synthesised two-tone "ding-dong".
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HALL_CLIPS } from '../src/lib/domain/hall-call';

const OUT = join(import.meta.dirname, '..', 'static', 'audio', 'hall');
const RATE = 11025;

/** What espeak-ng is asked to say for each clip (letters as English letters, as the hall reads them). */
function wordOf(clip: string): string {
	const fixed: Record<string, string> = {
		please: '请',
		'hao-dao': '号到',
		'window-banli': '号窗口办理',
		shi: '十'
	};
	if (fixed[clip]) return fixed[clip];
	if (/^d\d$/.test(clip)) return '零一二三四五六七八九'[Number(clip[1])];
	if (/^l[A-Z]$/.test(clip)) return clip[1];
	throw new Error(`no word for clip ${clip}`);
}

/** 16-bit PCM samples of espeak-ng's WAV output (22 050 Hz mono), as floats −1…1. */
function speak(word: string): { rate: number; samples: Float32Array } {
	const wav = execFileSync('espeak-ng', ['-v', 'cmn', '-s', '150', '--stdout', word]);
	const rate = wav.readUInt32LE(24);
	// espeak-ng streams with a placeholder length: the data chunk runs to the end of the file.
	let at = 12;
	while (at < wav.length - 8 && wav.toString('ascii', at, at + 4) !== 'data')
		at += 8 + wav.readUInt32LE(at + 4);
	const start = at + 8;
	const n = Math.floor((wav.length - start) / 2);
	const samples = new Float32Array(n);
	for (let i = 0; i < n; i++) samples[i] = wav.readInt16LE(start + i * 2) / 32768;
	return { rate, samples: trim(samples) };
}

/** Without the silence espeak-ng leaves around a word, so joined clips read as one sentence. */
function trim(s: Float32Array): Float32Array {
	const loud = (v: number) => Math.abs(v) > 0.02;
	let a = 0;
	let b = s.length;
	while (a < b && !loud(s[a])) a++;
	while (b > a && !loud(s[b - 1])) b--;
	return s.subarray(Math.max(0, a - 200), Math.min(s.length, b + 400));
}

function resample(s: Float32Array, from: number, to: number): Float32Array {
	const n = Math.floor((s.length * to) / from);
	const out = new Float32Array(n);
	const step = from / to;
	for (let i = 0; i < n; i++) {
		// Average the source samples this one stands for (a crude low-pass before decimation).
		const a = Math.floor(i * step);
		const b = Math.max(a + 1, Math.floor((i + 1) * step));
		let sum = 0;
		for (let j = a; j < b && j < s.length; j++) sum += s[j];
		out[i] = sum / (b - a);
	}
	return out;
}

function chime(): Float32Array {
	const tone = (hz: number, seconds: number) =>
		Float32Array.from({ length: Math.floor(RATE * seconds) }, (_, i) => {
			const t = i / RATE;
			return 0.6 * Math.sin(2 * Math.PI * hz * t) * Math.exp(-3 * t) * Math.min(1, t * 200);
		});
	return Float32Array.from([...tone(784, 0.6), ...tone(523, 0.9)]);
}

/** 8-bit unsigned PCM WAV. */
function wav8(samples: Float32Array): Buffer {
	const data = Buffer.alloc(samples.length);
	for (let i = 0; i < samples.length; i++)
		data[i] = Math.round(Math.max(-1, Math.min(1, samples[i])) * 127 + 128);
	const h = Buffer.alloc(44);
	h.write('RIFF', 0, 'ascii');
	h.writeUInt32LE(36 + data.length, 4);
	h.write('WAVEfmt ', 8, 'ascii');
	h.writeUInt32LE(16, 16);
	h.writeUInt16LE(1, 20); // PCM
	h.writeUInt16LE(1, 22); // mono
	h.writeUInt32LE(RATE, 24);
	h.writeUInt32LE(RATE, 28); // bytes per second
	h.writeUInt16LE(1, 32); // block align
	h.writeUInt16LE(8, 34); // bits per sample
	h.write('data', 36, 'ascii');
	h.writeUInt32LE(data.length, 40);
	return Buffer.concat([h, data]);
}

mkdirSync(OUT, { recursive: true });
for (const clip of HALL_CLIPS) {
	const samples =
		clip === 'chime'
			? chime()
			: (() => {
					const s = speak(wordOf(clip));
					return resample(s.samples, s.rate, RATE);
				})();
	writeFileSync(join(OUT, `${clip}.wav`), wav8(samples));
}
console.log(`${HALL_CLIPS.length} clips in ${OUT}`);
