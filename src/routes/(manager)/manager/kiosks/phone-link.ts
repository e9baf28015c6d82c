import { phoneLink } from '$lib/domain/phone-link';

/** The centre's hall poster link: its kiosk start page on a phone, naming the community. */
export function centrePhoneLink(url: URL, communityCode: string): string {
	return phoneLink(url.origin, '/kiosk', communityCode);
}
