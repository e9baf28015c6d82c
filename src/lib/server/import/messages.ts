// Translations of refused imports: the page (the request's language) and `npm run import`
// (Chinese). Relative imports: the command line loads this under plain node.
import { m } from '../../paraglide/messages.js';
import { getLocale } from '../../paraglide/runtime.js';
import { IMPORT_KINDS, TEMPLATES, type ImportKind } from '../../domain/import';
import type { ErrorMessages, RefusalContext } from '../errors';
import type { ImportErrorCode } from './errors';

export function kindName(kind: ImportKind): string {
	return getLocale() === 'en' ? TEMPLATES[kind].nameEn : TEMPLATES[kind].nameZh;
}

const list = (v: unknown) => (Array.isArray(v) && v.length ? v.join('、') : '—');

// Every refusal of a file marks the file field, except at confirm (the file was taken earlier).
const fileField = (_d: unknown, c: RefusalContext) => (c.step === 'confirm' ? null : 'file');

export const importMessages: ErrorMessages<ImportErrorCode> = {
	messages: {
		bad_type: () => m.import_err_bad_type(),
		empty: () => m.import_err_empty(),
		no_rows: () => m.import_err_no_rows(),
		too_large: (d) => m.import_err_too_large({ maxMb: Number(d.maxMb) }),
		too_many_rows: (d) => m.import_err_too_many_rows({ max: Number(d.max) }),
		formula: (d) => m.import_err_formula({ cell: String(d.cell ?? '') }),
		merged: (d) => m.import_err_merged({ cells: String(d.cells ?? '') }),
		unreadable: () => m.import_err_unreadable(),
		bad_headers: (d) => {
			const kind = IMPORT_KINDS.find((k) => k === d.kind);
			if (!kind) return m.import_err_unknown_headers();
			return m.import_err_bad_headers({
				kind: kindName(kind),
				missing: list(d.missing),
				unknown: list(d.unknown)
			});
		},
		stale: () => m.import_err_stale()
	},
	fields: {
		bad_type: fileField,
		empty: fileField,
		no_rows: fileField,
		too_large: fileField,
		too_many_rows: fileField,
		formula: fileField,
		merged: fileField,
		unreadable: fileField,
		bad_headers: fileField
	},
	fallback: () => m.import_err_expired()
};
