import { requireResident } from '$lib/server/auth/guards';
import type { LayoutServerLoad } from './$types';

/** Every page under /kiosk/me belongs to the identified resident (the hook checks too; pages check again). */
export const load = (({ locals }) => {
	requireResident(locals);
	return {};
}) satisfies LayoutServerLoad;
