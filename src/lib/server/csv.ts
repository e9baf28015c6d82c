/**
 * CSV for spreadsheet users: UTF-8 with a BOM (so Excel on Chinese Windows reads it as UTF-8),
 * CRLF line ends, every cell quoted when needed. A cell that starts like a formula (= + - @) is
 * prefixed with ' so a spreadsheet shows it as text rather than running it.
 */
export const BOM = '\uFEFF';

export function csvCell(v: string | number | null | undefined): string {
	let s = v === null || v === undefined ? '' : String(v);
	if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
	return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(rows: readonly (readonly (string | number | null | undefined)[])[]): string {
	return BOM + rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
