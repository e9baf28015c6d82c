import { json } from '@sveltejs/kit';
import { databaseAnswers } from '$lib/server/db/health';
import type { RequestHandler } from './$types';

export const GET: RequestHandler = () => {
	const ok = databaseAnswers();
	return json(ok ? { status: 'ok' } : { status: 'error' }, {
		status: ok ? 200 : 503,
		headers: { 'Cache-Control': 'no-store' }
	});
};
