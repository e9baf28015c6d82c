import { hallCall } from '$lib/domain/hall-call';

/*
 * Says a call aloud in the hall (语音叫号): a chime, then "请 A 零 一 二 号到 二 号窗口办理" by the
 * browser's speech synthesis when it has a Mandarin voice, otherwise by the clips shipped in
 * static/audio/hall joined one after another. Calls are said one at a time, in order.
 */

const CLIP_DIR = '/audio/hall';

function mandarinVoice(): SpeechSynthesisVoice | null {
	if (typeof speechSynthesis === 'undefined') return null;
	const voices = speechSynthesis.getVoices();
	return (
		voices.find((v) => v.lang.replace('_', '-').toLowerCase() === 'zh-cn') ??
		voices.find((v) => /^(zh|cmn)/i.test(v.lang)) ??
		null
	);
}

/** Plays one clip to its end (a clip that cannot play, e.g. sound still blocked, is skipped). */
function playClip(name: string): Promise<void> {
	return new Promise((resolve) => {
		const a = new Audio(`${CLIP_DIR}/${name}.wav`);
		const done = () => resolve();
		a.onended = done;
		a.onerror = done;
		a.play().catch(done);
		// Never wait on a clip for ever (a stalled load must not silence every later call).
		setTimeout(done, 4000);
	});
}

function sayText(text: string, voice: SpeechSynthesisVoice): Promise<void> {
	return new Promise((resolve) => {
		const u = new SpeechSynthesisUtterance(text);
		u.lang = 'zh-CN';
		u.voice = voice;
		u.rate = 0.9;
		u.onend = () => resolve();
		u.onerror = () => resolve();
		speechSynthesis.speak(u);
		setTimeout(resolve, 15_000);
	});
}

let queue: Promise<void> = Promise.resolve();

/** Queues the spoken call for `queueNo` at `counter`. */
export function announce(queueNo: string, counter: string): void {
	const call = hallCall(queueNo, counter);
	queue = queue.then(async () => {
		const voice = mandarinVoice();
		if (voice) {
			await playClip('chime');
			await sayText(call.text, voice);
		} else {
			for (const clip of call.clips) await playClip(clip);
		}
	});
}

/** Browsers load their voice list late: ask for it early so the first call finds it. */
export function warmUpVoices(): void {
	if (typeof speechSynthesis !== 'undefined') speechSynthesis.getVoices();
}
