import { redirect } from '@sveltejs/kit';
import { homeFor } from '$lib/server/auth/home';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
	if (locals.user) redirect(303, homeFor(locals.user.role));
	if (locals.resident) redirect(303, '/kiosk');
	redirect(303, '/login');
};
