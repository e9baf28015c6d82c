import { requireStaff } from '$lib/server/auth/guards';
import { getDb } from '$lib/server/db';
import { ArrearsError, noticesOf } from '$lib/server/arrears';
import { renderNotices } from '$lib/server/pdf/arrears';
import { pdfResponse } from '$lib/server/pdf/response';
import { refusedText } from '$lib/server/download';
import type { RequestHandler } from './$types';

// GET /arrears/notices.pdf?batch=KEY&format=a4|a5: the 催缴通知单 of a printed batch (one page per
// unit, as of the day they were printed). Opening it records nothing: printing them did.
export const GET: RequestHandler = async ({ locals, url }) => {
	const user = requireStaff(locals, 'manager', url);
	const batch = url.searchParams.get('batch') ?? '';
	const format = url.searchParams.get('format') ?? 'a4';
	if (!/^[A-Za-z0-9-]{16,64}$/.test(batch)) return refusedText(new ArrearsError('stale_form'));
	if (format !== 'a4' && format !== 'a5') return refusedText(new ArrearsError('bad_format'));
	const notices = noticesOf(getDb(), user.communityId, batch, format, url.origin);
	if (!notices) return refusedText(new ArrearsError('unknown_batch'));
	const bytes = await renderNotices(notices);
	return pdfResponse(bytes, {
		filename: `催缴通知单-${notices.asOf}.pdf`,
		asciiFilename: `arrears-notices-${notices.asOf}.pdf`
	});
};
