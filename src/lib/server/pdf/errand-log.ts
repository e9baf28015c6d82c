/**
 * 代办·留言·回电登记簿: the desk's promises taken in a date range, as the paper log a supervisor
 * checks and signs (a Chinese document: its fixed labels live here, not in the message files).
 */
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import type { ErrandRow } from '../errands/queries.ts';

export const ERRAND_KIND_ZH: Record<ErrandRow['kind'], string> = {
	errand: '代办',
	message: '留言转告',
	callback: '回电'
};
const STATE_ZH: Record<ErrandRow['state'], string> = {
	open: '未办结',
	done: '已办',
	failed: '未办成'
};

export interface ErrandLogPdfInput extends RegisterLogHead {
	errands: ErrandRow[];
}

export async function errandLogPdf(input: ErrandLogPdfInput): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, input.timeZone).slice(5);
	const rows = input.errands.map((e, i) => [
		String(i + 1),
		lines(ERRAND_KIND_ZH[e.kind], e.unitCode),
		lines(e.requester, e.phone),
		lines(`致：${e.recipient}`, e.content),
		lines(at(e.takenMs), `经办：${e.takenBy}`, `限 ${at(e.dueMs)}`),
		lines(
			e.overdue ? '逾期未办' : STATE_ZH[e.state],
			e.closedMs !== null && at(e.closedMs),
			e.closedBy && `办理：${e.closedBy}`,
			e.note
		)
	]);
	return registerLogPdf(input, {
		title: '代办·留言·回电登记簿',
		countLabel: '登记笔数',
		count: input.errands.length,
		openLabel: '未办结',
		open: input.errands.filter((e) => e.state === 'open').length,
		overdue: input.errands.filter((e) => e.overdue).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '类别／房号', width: 12 },
			{ header: '来人／电话', width: 15 },
			{ header: '事项', width: 32 },
			{ header: '登记', width: 17 },
			{ header: '结果', width: 19 }
		],
		rows,
		empty: '本期间无登记'
	});
}
