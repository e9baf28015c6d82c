import { redirect } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { normaliseVerifyCode } from '$lib/server/receipts';
import type { PageServerLoad } from './$types';

/** /verify?code=… — the form for a typed code; a well-formed code goes to /verify/{code}. */
export const load: PageServerLoad = ({ url }) => {
	const raw = url.searchParams.get('code');
	if (raw === null) return { code: '', message: null };
	const code = normaliseVerifyCode(raw);
	if (code) redirect(303, `/verify/${code}`);
	return { code: raw.slice(0, 40), message: m.receipts_verify_bad_code() };
};
