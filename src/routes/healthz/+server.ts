import { json } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const row = getDb().$client.prepare('SELECT 1 AS ok').get() as { ok: number };
	return json(row.ok === 1 ? { status: 'ok' } : { status: 'error' }, {
		status: row.ok === 1 ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' }
	});
};
