import { requireResident } from '$lib/server/auth/guards';
import { renderStatement } from '$lib/server/pdf/statement';
import { residentStatement } from '../account';
import { pdfResponse } from '$lib/server/pdf/response';
import type { RequestHandler } from './$types';

/** The resident's 80 mm statement of what is due today (never another unit's: the session names the unit). */
export const GET = (async ({ locals }) => {
	const pdf = await renderStatement(residentStatement(requireResident(locals)));
	return pdfResponse(pdf, { filename: 'statement.pdf' });
}) satisfies RequestHandler;
