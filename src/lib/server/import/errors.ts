import { AppError, statusOf } from '../errors';
import type { ImportKind } from '../../domain/import';

/*
 * Refused imports. Relative imports, no Paraglide: `npm run import` loads this under plain node
 * and prints the same codes in Chinese (labels.ts, messages.ts).
 */

/** What is wrong with the file itself (read.ts). */
export type ReadError =
	| { code: 'bad_type' }
	| { code: 'empty' }
	| { code: 'too_large'; maxMb: number }
	| { code: 'too_many_rows'; max: number }
	| { code: 'formula'; cell: string }
	| { code: 'merged'; cells: string }
	| { code: 'unreadable' };

/** Why a whole file is refused (nothing written): its reading, its header row, or a stale plan. */
export type ImportFailure =
	| ReadError
	| { code: 'bad_headers'; kind: ImportKind | null; missing: string[]; unknown: string[] }
	| { code: 'no_rows' }
	| { code: 'stale' };

export type ImportErrorCode = ImportFailure['code'];

// The records changed since the preview: a conflict; everything else is a bad file.
const status = statusOf<ImportErrorCode>({ stale: 409 });

/** A file that cannot be read; `error` says why (its code and what fills in the message). */
export class ImportReadError extends AppError<ReadError['code'], ReadError> {
	constructor(readonly error: ReadError) {
		super('import', error.code, error, status(error.code), `import read: ${error.code}`);
		this.name = 'ImportReadError';
	}
}

/** A refused import; `failure` (also its `detail`) maps to a translated message (messages.ts). */
export class ImportError extends AppError<ImportErrorCode, ImportFailure> {
	constructor(readonly failure: ImportFailure) {
		super('import', failure.code, failure, status(failure.code), `import: ${failure.code}`);
		this.name = 'ImportError';
	}
}
