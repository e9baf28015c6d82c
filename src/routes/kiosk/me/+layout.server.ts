import { requireResident } from '$lib/server/auth/guards';

/** Every page under /kiosk/me belongs to the identified resident (the hook checks too; pages check again). */
export const load = ({ locals }) => {
	requireResident(locals);
	return {};
};
