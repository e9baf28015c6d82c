/**
 * 物品寄存登记簿 and 物品放行登记簿: a date range of either register as the paper log a
 * supervisor checks and signs (Chinese documents: their fixed labels live here).
 */
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import type { DepositRow, ReleaseRow } from '../items/queries.ts';
import { consentLine, ID_TYPE_ZH } from './item-zh.ts';

export async function depositLogPdf(
	head: RegisterLogHead,
	deposits: DepositRow[]
): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, head.timeZone).slice(5);
	const rows = deposits.map((d, i) => [
		String(i + 1),
		lines(d.claimNo, d.unitCode),
		lines(d.depositorName, d.depositorPhone),
		lines(`${d.items} ×${d.itemCount}`, d.claimer === 'named' && `领取人：${d.claimerName}`),
		lines(at(d.takenMs), `经办：${d.takenBy}`, `限 ${d.claimBy}`),
		d.claimedMs === null
			? d.overdue
				? '逾期未取'
				: '寄存中'
			: lines(
					`已领取 ${at(d.claimedMs)}`,
					`${d.claimantName ?? ''} ${d.claimIdType ? ID_TYPE_ZH[d.claimIdType] : ''}尾号 ${d.claimIdLast4 ?? ''}`,
					d.claimedBy && `经办：${d.claimedBy}`,
					d.note
				)
	]);
	return registerLogPdf(head, {
		title: '物品寄存登记簿',
		countLabel: '寄存笔数',
		count: deposits.length,
		openLabel: '未领取',
		open: deposits.filter((d) => d.state === 'kept').length,
		overdue: deposits.filter((d) => d.overdue).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '取件单号／房号', width: 19 },
			{ header: '寄存人', width: 14 },
			{ header: '物品', width: 22 },
			{ header: '登记', width: 17 },
			{ header: '领取', width: 23 }
		],
		rows,
		empty: '本期间无寄存'
	});
}

export async function releaseLogPdf(
	head: RegisterLogHead,
	releases: ReleaseRow[]
): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, head.timeZone).slice(5);
	const rows = releases.map((r, i) => [
		String(i + 1),
		lines(r.releaseNo, r.unitCode),
		lines(`${r.items} ×${r.itemCount}`, r.plate && `车牌 ${r.plate}`),
		lines(r.carrierName, r.carrierPhone),
		consentLine(r),
		lines(at(r.takenMs), `经办：${r.takenBy}`, `至 ${r.validUntil}`),
		r.passedMs === null
			? r.expired
				? '过期未用'
				: '待放行'
			: lines(`已放行 ${at(r.passedMs)}`, r.passedBy, r.note)
	]);
	return registerLogPdf(head, {
		title: '物品放行登记簿',
		countLabel: '放行条数',
		count: releases.length,
		openLabel: '待放行',
		open: releases.filter((r) => r.state === 'pending').length,
		overdue: releases.filter((r) => r.expired).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '放行条号／房号', width: 19 },
			{ header: '物品', width: 17 },
			{ header: '搬运人', width: 14 },
			{ header: '业主同意', width: 17 },
			{ header: '开单', width: 15 },
			{ header: '放行', width: 13 }
		],
		rows,
		empty: '本期间无放行'
	});
}
