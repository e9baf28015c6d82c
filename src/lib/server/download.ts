import { contentDisposition } from './pdf/response';

/*
 * The one way a file link answers: a CSV download, or a refused query as a 400 with the
 * translated reason as plain text (error() would render the error page, which shows only a
 * generic text for a 400). Files hold personal data, so nothing is cached.
 */

/** A CSV (from server/csv.ts `toCsv`) saved under `filename` (Chinese allowed; ASCII fallback given). */
export function csvResponse(csv: string, filename: string, asciiFilename?: string): Response {
	return new Response(csv, {
		headers: {
			'Content-Type': 'text/csv; charset=utf-8',
			'Content-Disposition': contentDisposition({ filename, asciiFilename, inline: false }),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}

/** A file link's refused query: 400 with the message as plain text. */
export function refusedText(message: string): Response {
	return new Response(message, {
		status: 400,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}
