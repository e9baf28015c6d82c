import { error } from '@sveltejs/kit';
import { getDb } from '$lib/server/db';
import { communityToday, getCommunity } from '$lib/server/community';
import { publicStaffList, ratesInForce } from '$lib/server/kiosk/info';
import { listPaidServices } from '$lib/server/charges';
import { formatYuan } from '$lib/money';
import { presenceLabel } from '$lib/directory-labels';
import { nowMs } from '$lib/server/clock';
import { m } from '$lib/paraglide/messages.js';
import { getLocale } from '$lib/paraglide/runtime.js';
import { reportProcedureDefault, serviceCommitmentsDefault } from '$lib/report-procedure';
import { kioskCommunityId } from '../../community';
import { INFO_TOPICS, topicTitle, type InfoTopic } from '../topics';

/** The rate per basis, in words ("2.65 元/平方米·月"). */
function rateText(basis: string, rateFen: number): string {
	const rate = formatYuan(rateFen, { symbol: false });
	return basis === 'per_area'
		? m.kiosk_info_fee_per_area({ rate })
		: basis === 'per_space'
			? m.kiosk_info_fee_per_space({ rate })
			: basis === 'fixed'
				? m.charges_kiosk_fee_fixed({ rate })
				: m.kiosk_info_fee_per_unit({ rate });
}

export const load = (event) => {
	const { params } = event;
	const topic = (INFO_TOPICS as readonly string[]).includes(params.topic)
		? (params.topic as InfoTopic)
		: null;
	if (!topic) error(404, 'not_found');
	const db = getDb();
	const c = getCommunity(db, kioskCommunityId(event));
	const s = c.settings;
	// One shape for every topic: the page shows what is filled in.
	const base = {
		topic,
		title: topicTitle(topic),
		items: [] as { name: string; nameEn: string; rate: string; from: string }[],
		rules: [] as string[],
		text: '',
		fees: [] as string[],
		staff: [] as {
			name: string;
			workNo: string;
			position: string;
			extension: string;
			presence: string;
		}[],
		services: [] as { name: string; nameEn: string; price: string; note: string; noteEn: string }[]
	};
	switch (topic) {
		case 'fees': {
			// The rate in force this month of every fee item (the fees area keeps the history).
			const month = communityToday(c).slice(0, 7);
			const items = ratesInForce(db, c.id, month).map((r) => ({
				name: r.nameZh,
				nameEn: r.nameEn,
				rate: rateText(r.basis, r.rateFen),
				from: r.fromMonth
			}));
			const rules = [
				m.kiosk_info_due({ day: s.fees.dueDay }),
				m.kiosk_info_late({ rate: s.fees.lateFeeRatePerMille })
			];
			if (s.fees.lateFeeCapPercent !== null)
				rules.push(m.kiosk_info_late_cap({ percent: s.fees.lateFeeCapPercent }));
			rules.push(m.kiosk_info_vacancy({ percent: s.fees.vacancyPercent }));
			return { ...base, items, rules };
		}
		case 'services': {
			// 特约服务费标准: the admin's price list, active lines in wall order.
			const services = listPaidServices(db, c.id, { activeOnly: true }).map((p) => ({
				name: p.nameZh,
				nameEn: p.nameEn || p.nameZh,
				price:
					p.priceFen === null
						? m.charges_service_on_site()
						: m.charges_kiosk_price({
								price: formatYuan(p.priceFen, { symbol: false }),
								unit: getLocale() === 'en' ? p.unitEn || p.unitZh : p.unitZh
							}),
				note: p.noteZh,
				noteEn: p.noteEn || p.noteZh
			}));
			return { ...base, services };
		}
		case 'report':
			return { ...base, text: s.kiosk.reportProcedure || reportProcedureDefault(s.tickets) };
		case 'renovation': {
			const r = s.renovation;
			const fees = [
				m.kiosk_info_ren_deposit({ amount: formatYuan(r.depositFen) }),
				m.kiosk_info_ren_debris({ amount: formatYuan(r.debrisRateFenPerM2) }),
				m.kiosk_info_ren_wall({ amount: formatYuan(r.wallDebrisRateFenPerM2) }),
				m.kiosk_info_ren_pass({
					deposit: formatYuan(r.passDepositFen),
					fee: formatYuan(r.passCardFeeFen)
				})
			];
			return {
				...base,
				text: s.kiosk.renovationProcedure || m.kiosk_info_renovation_default(),
				fees
			};
		}
		case 'commitments':
			return { ...base, text: s.kiosk.serviceCommitments || serviceCommitmentsDefault(s.tickets) };
		case 'staff': {
			// 管理处管理人员一览表: the directory's people (never accounts) and where they are now.
			const staff = publicStaffList(db, c.id, nowMs()).map((u) => ({
				...u,
				presence: presenceLabel(u.presence)
			}));
			return { ...base, staff };
		}
	}
};
