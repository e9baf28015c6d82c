import { requireResident } from '$lib/server/auth/guards';

export const load = ({ locals }) => {
	const resident = requireResident(locals);
	return { unitCode: resident.unitCode };
};
