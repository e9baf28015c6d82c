import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { defaultCommunityId } from '$lib/server/community/default';

/** The community a public kiosk page serves: the identified resident's, else the hall's (KIOSK_COMMUNITY). */
export function kioskCommunityId(locals: App.Locals): number {
	const id = locals.resident?.communityId ?? defaultCommunityId(getDb());
	if (!id) error(503, 'no community');
	return id;
}
