import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { listPending } from '$lib/server/movein';
import type { PageServerLoad } from './$types';

/** /movein/pending[?building=8] — units not handed over yet, with notice dates and how long ago. */
export const load: PageServerLoad = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const db = getDb();
	const all = listPending(db, user.communityId);
	const building = (url.searchParams.get('building') ?? '').trim().slice(0, 10);
	const buildings = [...new Set(all.map((u) => u.building))].sort((a, b) =>
		a.localeCompare(b, 'en', { numeric: true })
	);
	const units = building ? all.filter((u) => u.building === building) : all;
	return { building, buildings, units, total: all.length };
};
