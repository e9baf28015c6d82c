import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate } from '../../dates';
import { ACCOUNT_CODE, ACCOUNT_NAME_MAX, isAccountKey } from '../../domain/voucher';
import { plainText } from '../admin/fields';

/** One line of the account map: the role, its account code and name, and from when. */
export const accountSchema = z.object({
	key: z
		.string()
		.trim()
		.refine((k) => isAccountKey(k), { error: () => m.voucher_err_unknown_key() }),
	code: z
		.string()
		.trim()
		.min(1)
		.refine((c) => ACCOUNT_CODE.test(c), { error: () => m.voucher_err_bad_code() }),
	name: plainText(ACCOUNT_NAME_MAX),
	from: z
		.string()
		.trim()
		.refine((s) => isValidDate(s), { error: () => m.voucher_err_bad_from() })
});
export type AccountForm = z.infer<typeof accountSchema>;
