import { z } from 'zod';
import { IMPORT_KINDS } from '../../domain/import';
import { ENCODINGS } from './read';

/** The preview form's text fields (the file is checked by `read.ts`). */
export const previewSchema = z.object({
	kind: z.union([z.literal(''), z.enum(IMPORT_KINDS)]).default(''),
	encoding: z.union([z.literal(''), z.enum(ENCODINGS)]).default(''),
	/** The page's id for polling progress. */
	job: z
		.string()
		.regex(/^[A-Za-z0-9_-]{8,64}$/)
		.optional()
		.or(z.literal(''))
});

export const confirmSchema = z.object({
	token: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/),
	digest: z.string().regex(/^[0-9a-f]{64}$/)
});

/** `?kind=…&format=…` of the template and export downloads. */
export const downloadSchema = z.object({
	kind: z.enum(IMPORT_KINDS),
	format: z.enum(['xlsx', 'csv'])
});

export const progressSchema = z.object({ job: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/) });
