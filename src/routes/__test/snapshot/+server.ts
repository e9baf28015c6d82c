import { error, json } from '@sveltejs/kit';
import { setClockOffset, testHooksEnabled } from '$lib/server/clock';
import { restoreSnapshot, saveSnapshot } from '$lib/server/db/snapshots';
import type { RequestHandler } from './$types';

// Only with FRONTDESK_TEST_HOOKS=1 (the e2e server): {"save": name} or {"restore": name}.
export const POST = (async ({ request }) => {
	if (!testHooksEnabled()) error(404, 'not_found');
	const body = (await request.json().catch(() => null)) as {
		save?: unknown;
		restore?: unknown;
	} | null;
	const name = body?.save ?? body?.restore;
	if (typeof name !== 'string' || name.length === 0 || name.length > 200)
		error(400, 'expected JSON {"save": name} or {"restore": name}');
	if (body?.save !== undefined) {
		saveSnapshot(name);
		return json({ saved: name });
	}
	if (!restoreSnapshot(name)) error(404, 'no snapshot of that name');
	setClockOffset(0);
	return json({ restored: name });
}) satisfies RequestHandler;
