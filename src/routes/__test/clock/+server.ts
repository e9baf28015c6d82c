import { error, json } from '@sveltejs/kit';
import { setClockOffset, testHooksEnabled, nowMs } from '$lib/server/clock';
import type { RequestHandler } from './$types';

// Only with FRONTDESK_TEST_HOOKS=1 (the e2e server): lets a test move the clock forward.
export const POST = (async ({ request }) => {
	if (!testHooksEnabled()) error(404, 'not_found');
	const body = (await request.json().catch(() => null)) as { offsetMs?: number } | null;
	if (!body || typeof body !== 'object') error(400, 'expected JSON {"offsetMs": number}');
	setClockOffset(Number(body.offsetMs ?? 0) || 0);
	return json({ now: nowMs() });
}) satisfies RequestHandler;
