import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '$lib/server/auth/guards';
import { formatDateTimeLocal } from '$lib/dates';
import { toCsv } from '$lib/server/csv';
import { csvResponse, refusedText } from '$lib/server/download';
import { listDeposits, listReleases } from '$lib/server/items';
import { consentLabel, depositStateLabel, idTypeLabel, releaseStateLabel } from '$lib/item-labels';
import { itemsContext } from '../context';
import type { RequestHandler } from './$types';

// GET /items/export.csv?tab=&<the page's filters>: the listed deposits or releases for a spreadsheet.
export const GET: RequestHandler = ({ locals, url }) => {
	const user = requireStaff(locals, 'clerk', url);
	const { db, community, today, tab, query } = itemsContext(user.communityId, url);
	if (!query.ok) return refusedText(query.message);
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, community.timeZone);
	const name = `${query.from}-${query.to}.csv`;
	if (tab === 'release') {
		const rows = listReleases(db, user.communityId, query.filter, today, 50_000);
		const csv = toCsv([
			[
				m.items_release_no(),
				m.items_unit(),
				m.items_items(),
				m.items_count(),
				m.items_carrier(),
				m.items_phone(),
				m.items_plate(),
				m.items_consent(),
				m.items_consent_by(),
				m.items_valid_until(),
				m.items_registered(),
				m.items_state(),
				m.items_passed()
			],
			...rows.map((r) => [
				r.releaseNo,
				r.unitCode,
				r.items,
				String(r.itemCount),
				r.carrierName,
				r.carrierPhone,
				r.plate,
				consentLabel(r.consent),
				[r.consentBy, r.consentPhone, r.consentNote].filter(Boolean).join(' '),
				r.validUntil,
				`${at(r.takenMs)} ${r.takenBy}`,
				releaseStateLabel(r.state, r.expired),
				r.passedMs === null ? '' : `${at(r.passedMs)} ${r.passedBy ?? ''}`
			])
		]);
		return csvResponse(csv, `物品放行-${name}`, `item-releases-${name}`);
	}
	const rows = listDeposits(db, user.communityId, query.filter, today, 50_000);
	const csv = toCsv([
		[
			m.items_claim_no(),
			m.items_unit(),
			m.items_depositor(),
			m.items_phone(),
			m.items_items(),
			m.items_count(),
			m.items_claimer(),
			m.items_claim_by(),
			m.items_registered(),
			m.items_state(),
			m.items_claimed()
		],
		...rows.map((d) => [
			d.claimNo,
			d.unitCode ?? '',
			d.depositorName,
			d.depositorPhone,
			d.items,
			String(d.itemCount),
			d.claimer === 'named' ? d.claimerName : m.items_claimer_depositor(),
			d.claimBy,
			`${at(d.takenMs)} ${d.takenBy}`,
			depositStateLabel(d.state, d.overdue),
			d.claimedMs === null
				? ''
				: `${at(d.claimedMs)} ${d.claimantName ?? ''} ${d.claimIdType ? idTypeLabel(d.claimIdType) : ''} ${d.claimIdLast4 ?? ''} ${d.claimedBy ?? ''}`
		])
	]);
	return csvResponse(csv, `物品寄存-${name}`, `item-deposits-${name}`);
};
