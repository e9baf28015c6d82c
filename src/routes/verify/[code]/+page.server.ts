import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { normaliseVerifyCode, receiptByVerifyCode } from '$lib/server/receipts';
import type { PageServerLoad } from './$types';

/**
 * /verify/{code} — public. Confirms a receipt: number, date, amount, valid or voided. Nothing
 * else (no names, no unit), since anyone holding the paper can open it.
 */
export const load: PageServerLoad = ({ params }) => {
	const code = normaliseVerifyCode(params.code);
	const receipt = code ? receiptByVerifyCode(getDb(), code) : null;
	if (!receipt) error(404, 'not_found');
	return { receipt };
};
