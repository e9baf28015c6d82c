/**
 * mulberry32: a small, fast, deterministic generator for demo data, the bench's dataset and
 * property tests, so every machine seeds the same demo and a failing generated test reproduces.
 * Not for anything secret (session ids and tokens use crypto).
 */
export function seededRandom(seed: number): () => number {
	let s = seed >>> 0;
	return () => {
		s = (s + 0x6d2b79f5) >>> 0;
		let t = s;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
