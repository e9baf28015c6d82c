import { areaError } from '../errors';

/** A refused directory write (thrown inside its transaction: nothing is written). */
export type DirectoryErrorCode = 'not_found' | 'work_no_taken' | 'until_past' | 'until_on_duty';

export const DirectoryError = areaError<DirectoryErrorCode>('directory', 'DirectoryError', {
	not_found: 404,
	work_no_taken: 409
});
export type DirectoryError = InstanceType<typeof DirectoryError>;
