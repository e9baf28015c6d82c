import { contentDisposition } from './pdf/response';
import { translateError } from './refusal';

/*
 * The one way a file link answers: a download (CSV, Excel workbook), or a refused query as a 400
 * with the translated reason as plain text (error() would render the error page, which shows only
 * a generic text for a 400). Files hold personal data, so nothing is cached.
 */

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A file of `contentType` saved under `filename` (Chinese allowed; ASCII fallback given). */
export function attachmentResponse(
	body: BodyInit,
	contentType: string,
	filename: string,
	asciiFilename?: string
): Response {
	return new Response(body, {
		headers: {
			'Content-Type': contentType,
			'Content-Disposition': contentDisposition({ filename, asciiFilename, inline: false }),
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff'
		}
	});
}

/** A CSV (from server/csv.ts `toCsv`) saved under `filename`. */
export function csvResponse(csv: string, filename: string, asciiFilename?: string): Response {
	return attachmentResponse(csv, 'text/csv; charset=utf-8', filename, asciiFilename);
}

/** An Excel workbook (exceljs bytes) saved under `filename`. */
export function xlsxResponse(
	bytes: Uint8Array,
	filename: string,
	asciiFilename?: string
): Response {
	// A Buffer may be a view into a larger pooled ArrayBuffer: copy exactly its bytes.
	return attachmentResponse(new Uint8Array(bytes), XLSX_TYPE, filename, asciiFilename);
}

/**
 * A file link's refused query: 400 with the reason as plain text. The reason is a parser's
 * message, or an area error translated the one way (`translateError`; an unknown error is thrown).
 */
export function refusedText(reason: string | Error): Response {
	let message: string;
	if (typeof reason === 'string') message = reason;
	else {
		const t = translateError(reason);
		if (!t) throw reason;
		message = t.message;
	}
	return new Response(message, {
		status: 400,
		headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' }
	});
}
