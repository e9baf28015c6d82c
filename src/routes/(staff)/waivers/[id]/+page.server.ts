import { error } from '@sveltejs/kit';
import { requireStaff } from '$lib/server/auth/guards';
import { roleAtLeast } from '$lib/server/auth/access';
import { getDb } from '$lib/server/db';
import { requestView } from '$lib/server/waivers';
import type { PageServerLoad } from './$types';

/** /waivers/{id} — one request as the counter sees it: print it, see the outcome, file again. */
export const load: PageServerLoad = ({ locals, url, params }) => {
	const user = requireStaff(locals, 'clerk', url);
	const v = /^\d{1,9}$/.test(params.id)
		? requestView(getDb(), user.communityId, Number(params.id))
		: null;
	if (!v) error(404, 'not_found');
	return {
		v,
		filed: url.searchParams.get('filed') === '1',
		canDecide: roleAtLeast(user.role, 'manager') && v.request.state === 'pending'
	};
};
