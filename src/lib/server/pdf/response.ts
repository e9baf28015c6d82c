/**
 * The one way to answer with a PDF. Every printable document is personal data (names, rooms,
 * amounts), so it is never cached; it opens in the browser's viewer (inline) unless asked to
 * download. Security headers are also set by hooks.server.ts; nosniff is repeated here so a PDF
 * answer is safe on its own.
 */
export interface PdfResponseOptions {
	/** The file name the browser shows, e.g. `SF-2026-000123.pdf` or `物业日报-2026-11-23.pdf`. */
	filename: string;
	/**
	 * A plain-ASCII name for clients that do not read RFC 5987 `filename*`; only used when
	 * `filename` is not plain ASCII. Defaults to `filename` with every other character as `_`.
	 */
	asciiFilename?: string;
	/** `true` (default): shown in the browser; `false`: saved as an attachment. */
	inline?: boolean;
}

/** Printable ASCII a quoted-string may hold as is (no quote, no backslash). */
const PLAIN = /^[\x20-\x21\x23-\x5b\x5d-\x7e]*$/;

function asciiOf(name: string): string {
	return name.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, '_');
}

/** RFC 5987 value-chars: encodeURIComponent leaves a few characters the ABNF does not allow. */
function rfc5987(name: string): string {
	return encodeURIComponent(name).replace(
		/['()*]/g,
		(c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
	);
}

/** The Content-Disposition value: `inline; filename="a.pdf"`, plus `filename*=UTF-8''…` for non-ASCII names. */
export function contentDisposition(options: PdfResponseOptions): string {
	const kind = options.inline === false ? 'attachment' : 'inline';
	if (PLAIN.test(options.filename)) return `${kind}; filename="${options.filename}"`;
	const fallback = asciiOf(options.asciiFilename ?? options.filename);
	return `${kind}; filename="${fallback}"; filename*=UTF-8''${rfc5987(options.filename)}`;
}

export function pdfResponse(bytes: Uint8Array, options: PdfResponseOptions): Response {
	// A Buffer may be a view into a larger pooled ArrayBuffer: copy exactly its bytes.
	const body = new Uint8Array(bytes);
	return new Response(body, {
		headers: {
			'Content-Type': 'application/pdf',
			'Content-Disposition': contentDisposition(options),
			'Content-Length': String(body.byteLength),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}
