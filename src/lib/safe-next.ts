const BASE = 'http://same-origin.invalid';

/**
 * Only same-origin paths are followed after sign-in or a language switch (no open redirect).
 * The text is checked raw first — browsers drop tabs and newlines from a URL, so `/\t/evil.example`
 * would become `//evil.example` — then parsed, and the parsed URL must still be on our origin. A
 * newline or other control character would also make an invalid Location header (a 500).
 */
export function safeNext(next: string | null | undefined): string | null {
	if (!next || next.length > 2000 || !next.startsWith('/')) return null;
	// eslint-disable-next-line no-control-regex
	if (/[\u0000-\u001f\u007f\\]/.test(next) || next.startsWith('//')) return null;
	let url: URL;
	try {
		url = new URL(next, BASE);
	} catch {
		return null;
	}
	if (url.origin !== BASE || url.pathname.startsWith('//')) return null;
	return url.pathname + url.search + url.hash;
}
