// Translations of refused directory writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { DirectoryErrorCode } from './errors';

export const directoryMessages: ErrorMessages<DirectoryErrorCode> = {
	messages: {
		not_found: () => m.directory_not_found(),
		work_no_taken: (d) => m.directory_work_no_taken({ workNo: String(d.workNo ?? '') }),
		until_past: () => m.directory_until_past(),
		until_on_duty: () => m.directory_until_on_duty()
	},
	fields: { work_no_taken: 'workNo', until_past: 'until', until_on_duty: 'until' },
	fallback: () => m.directory_not_found()
};
