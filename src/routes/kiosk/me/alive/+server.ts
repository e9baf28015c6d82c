import { requireResident } from '$lib/server/auth/guards';
import type { RequestHandler } from './$types';

/** Keep-alive while the resident is busy on a page: validating the session renews its idle clock. */
export const POST = (({ locals }) => {
	requireResident(locals);
	return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
}) satisfies RequestHandler;
