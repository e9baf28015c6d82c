import { error, json } from '@sveltejs/kit';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { parseForm } from '$lib/server/forms';
import { getProgress, progressSchema } from '$lib/server/import';
import type { RequestHandler } from './$types';

/** How far the server is in checking a previewed file (the page polls this while it waits). */
export const GET = (({ locals, url }) => {
	const user = requireStaff(locals, 'admin', url);
	const parsed = parseForm(progressSchema, Object.fromEntries(url.searchParams));
	if (!parsed.ok) error(400, m.import_err_bad_query());
	return json(
		getProgress(getDb(), parsed.data.job, user.id) ?? { phase: 'reading', done: 0, total: 0 },
		{
			headers: { 'cache-control': 'no-store' }
		}
	);
}) satisfies RequestHandler;
