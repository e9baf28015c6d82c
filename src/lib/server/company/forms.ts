// The company admin's forms and the switch as zod schemas. Routes only (uses Paraglide).
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { required, rowId, text } from '$lib/server/form-fields';
import { ROLES } from '../db/schema';

export const communitySchema = z.object({
	code: required(12)
		.transform((s) => s.toUpperCase())
		.refine((s) => /^[A-Z0-9]{2,12}$/.test(s), { error: () => m.company_code_format() }),
	name: required(40),
	centreName: required(60),
	timeZone: required(60)
});

export const grantSchema = z.object({
	username: required(32),
	communityId: rowId,
	role: z.enum(ROLES, { error: () => m.company_role_missing() })
});

export const endSchema = z.object({ id: rowId });

export const switchSchema = z.object({ communityId: rowId, next: text(2000) });
