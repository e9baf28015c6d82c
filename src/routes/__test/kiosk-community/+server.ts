import { error, json } from '@sveltejs/kit';
import { testHooksEnabled } from '$lib/server/clock';
import type { RequestHandler } from './$types';

/**
 * Only with FRONTDESK_TEST_HOOKS=1 (the e2e server): sets or clears KIOSK_COMMUNITY, which the e2e
 * server sets for the demo's several centres, so a test can see an unpaired screen with none named.
 * Answers with the value it replaced, for the test to put back.
 */
export const POST = (async ({ request }) => {
	if (!testHooksEnabled()) error(404, 'not_found');
	const body = (await request.json().catch(() => null)) as { code?: unknown } | null;
	if (!body || typeof body !== 'object' || !(typeof body.code === 'string' || body.code === null))
		error(400, 'expected JSON {"code": string | null}');
	const previous = process.env.KIOSK_COMMUNITY ?? null;
	if (body.code === null) delete process.env.KIOSK_COMMUNITY;
	else process.env.KIOSK_COMMUNITY = body.code;
	return json({ previous });
}) satisfies RequestHandler;
