/**
 * 访客登记簿: the visitors let in over a date range, as the paper log a supervisor checks and signs
 * (a Chinese document: its fixed labels live here). ID numbers are masked, as everywhere.
 */
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import { ID_TYPE_ZH } from './id-types.ts';
import type { VisitorRow } from '../visitors/queries.ts';

export interface VisitorLogPdfInput extends RegisterLogHead {
	visitors: VisitorRow[];
}

export async function visitorLogPdf(input: VisitorLogPdfInput): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, input.timeZone).slice(5);
	const rows = input.visitors.map((v) => [
		v.slipNo,
		lines(
			v.partySize > 1 ? `${v.name} 等${v.partySize}人` : v.name,
			ID_TYPE_ZH[v.idType],
			v.idMasked
		),
		lines(v.unitCode, v.hostName, v.purpose),
		lines(v.confirmPhone, `接听：${v.confirmAnsweredBy}`),
		lines(at(v.inMs), `登记：${v.registeredBy}`),
		v.leftMs === null
			? v.overdue
				? '逾时未离开'
				: '未离开'
			: lines(at(v.leftMs), v.leftBy && `登记：${v.leftBy}`)
	]);
	return registerLogPdf(input, {
		title: '访客登记簿',
		countLabel: '登记人次',
		count: input.visitors.length,
		openLabel: '未离开',
		open: input.visitors.filter((v) => v.state === 'inside').length,
		overdue: input.visitors.filter((v) => v.overdue).length,
		columns: [
			{ header: '访客条号', width: 13 },
			{ header: '访客／证件', width: 20 },
			{ header: '被访房号／住户／事由', width: 24 },
			{ header: '电话确认', width: 15 },
			{ header: '进入', width: 14 },
			{ header: '离开', width: 14 }
		],
		rows,
		empty: '本期间无访客登记'
	});
}
