import { requireStaff } from '$lib/server/auth/guards';
import { getCommunity } from '$lib/server/community';
import { getDb } from '$lib/server/db';
import { renderKioskPoster } from '$lib/server/pdf/kiosk-poster';
import { pdfResponse } from '$lib/server/pdf/response';
import { centrePhoneLink } from '../phone-link';
import type { RequestHandler } from './$types';

/** The hall poster of the manager's centre: the phone link as a QR code, to print. */
export const GET = (async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const c = getCommunity(getDb(), user.communityId);
	const pdf = await renderKioskPoster({
		communityName: c.name,
		centreName: c.centreName,
		url: centrePhoneLink(url, c.code)
	});
	return pdfResponse(pdf, {
		filename: `大堂海报-${c.code}.pdf`,
		asciiFilename: `poster-${c.code}.pdf`
	});
}) satisfies RequestHandler;
