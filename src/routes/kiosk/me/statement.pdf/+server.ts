import { requireResident } from '$lib/server/auth/guards';
import { nowMs } from '$lib/server/clock';
import { formatDateTimeLocal } from '$lib/dates';
import { maskName, renderStatement } from '$lib/server/pdf/statement';
import { residentAccount } from '../account';
import { pdfResponse } from '$lib/server/pdf/response';
import { getLocale } from '$lib/paraglide/runtime.js';
import type { RequestHandler } from './$types';

/** The resident's 80 mm statement of what is due today (never another unit's: the session names the unit). */
export const GET = (async ({ locals }) => {
	const resident = requireResident(locals);
	const { community, asOf, account, bills } = residentAccount(resident);
	const pdf = await renderStatement({
		communityName: community.name,
		centreName: community.centreName,
		unitCode: resident.unitCode,
		ownerName: maskName(account.owners[0]?.name ?? ''),
		asOf,
		printedAt: formatDateTimeLocal(nowMs(), community.timeZone),
		lines: bills,
		principalDueFen: account.totals.principalDueFen,
		lateFeeDueFen: account.totals.lateFeeDueFen,
		totalDueFen: account.totals.totalDueFen,
		lateFeeRatePerMille: community.settings.fees.lateFeeRatePerMille,
		phone: community.settings.kiosk.phone,
		// In the language the kiosk shows (names and amounts stay as they are).
		locale: getLocale()
	});
	return pdfResponse(pdf, { filename: 'statement.pdf' });
}) satisfies RequestHandler;
