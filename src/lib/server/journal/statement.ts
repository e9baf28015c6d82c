import { readUpload } from '../import/read';
import { parseStatement, type StatementLine } from '../../domain/reconcile';
import { JournalError } from './errors';

/**
 * A provider's statement file (CSV in UTF-8 or GB18030, or .xlsx) → its lines, read with the
 * import area's decoding; a file that cannot be read throws ImportReadError, a bad row JournalError.
 */
export async function readStatement(bytes: Uint8Array, fileName: string): Promise<StatementLine[]> {
	const grid = await readUpload(bytes, fileName);
	const parsed = parseStatement(grid.rows);
	if (!parsed.ok) throw new JournalError(parsed.code, { line: parsed.line ?? 0 });
	return parsed.lines;
}
