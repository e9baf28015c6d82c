// What routes and scripts use of the import area.
export { analyseImport, confirmImport, itemViews, ImportError } from './service';
export type { Analysis, ImportFailure, ImportResult, ItemView } from './service';
export {
	exportRegister,
	templateRows,
	writeSheet,
	CONTENT_TYPES,
	type SheetFormat
} from './export';
export { MAX_UPLOAD_BYTES, ENCODINGS, type Encoding } from './read';
export { failureMessage, refusalText, kindName } from './labels';
export { stage, findStaged, unstage, progressWriter, getProgress } from './staging';
export { previewSchema, confirmSchema, downloadSchema, progressSchema } from './forms';
export { openingInPeriod, openingCreditsOf } from './queries';
