/**
 * 预约: the team's day sheet (派工单) a worker takes on the round and brings back signed, and the
 * A4 log of the appointments of a date range (Chinese documents: their labels live here).
 */
import {
	createPdf,
	drawFooter,
	drawHeader,
	drawKeyValueRows,
	drawSignatureLines,
	drawTable,
	pdfToBuffer
} from './document.ts';
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal, formatDateZh, isoWeekday } from '../../dates.ts';
import { APPOINTMENT_TEAM_ZH, type AppointmentTeam } from '../../domain/appointments.ts';
import type { AppointmentRow } from '../appointments/queries.ts';

const STATE_ZH: Record<AppointmentRow['state'], string> = {
	open: '待上门',
	done: '已完成',
	no_show: '未遇',
	cancelled: '已取消'
};
const WEEKDAY_ZH = ['', '一', '二', '三', '四', '五', '六', '日'];

export interface DaySheetInput {
	communityName: string;
	centreName: string;
	timeZone: string;
	team: AppointmentTeam;
	day: string;
	printedAt: number;
	printedBy: string;
	/** The day's bookings not cancelled, by slot. */
	appointments: AppointmentRow[];
}

export async function appointmentDaySheetPdf(input: DaySheetInput): Promise<Buffer> {
	const team = APPOINTMENT_TEAM_ZH[input.team];
	const title = `${team}预约派工单`;
	const doc = createPdf({ size: 'A4', title: `${title} ${input.day}`, author: input.centreName });
	drawHeader(doc, {
		communityName: input.communityName,
		centreName: input.centreName,
		title,
		subtitle: `${formatDateZh(input.day)}（星期${WEEKDAY_ZH[isoWeekday(input.day)]}）`
	});
	drawKeyValueRows(doc, [
		['预约户数', String(input.appointments.length)],
		['打印时间', formatDateTimeLocal(input.printedAt, input.timeZone)],
		['打印人', input.printedBy]
	]);
	doc.moveDown(0.4);
	const rows = input.appointments.map((a, i) => [
		String(i + 1),
		`${a.slotStart}–${a.slotEnd}`,
		a.unitCode,
		lines(a.contact, a.phone),
		lines(a.what, a.ticketNo && `报修单 ${a.ticketNo}`),
		// Left blank for the worker: what was done, signature, time.
		a.state === 'open' ? '' : STATE_ZH[a.state]
	]);
	drawTable(doc, {
		columns: [
			{ header: '序号', width: 6, align: 'center' },
			{ header: '时段', width: 14 },
			{ header: '房号', width: 10 },
			{ header: '联系人／电话', width: 15 },
			{ header: '事项', width: 29 },
			{ header: '处理结果／住户签字', width: 26 }
		],
		rows: rows.length ? rows : [['—', '当天无预约']]
	});
	drawSignatureLines(doc, ['派工人', '班组负责人']);
	drawFooter(doc, `${input.centreName}　${title}`);
	return pdfToBuffer(doc);
}

export interface AppointmentLogPdfInput extends RegisterLogHead {
	appointments: AppointmentRow[];
}

/** 预约登记簿: every appointment of the days in range, with its outcome. */
export async function appointmentLogPdf(input: AppointmentLogPdfInput): Promise<Buffer> {
	const at = (ms: number | null) =>
		ms === null ? '' : formatDateTimeLocal(ms, input.timeZone).slice(5);
	const rows = input.appointments.map((a, i) => [
		String(i + 1),
		lines(APPOINTMENT_TEAM_ZH[a.team], `${a.day.slice(5)} ${a.slotStart}–${a.slotEnd}`),
		lines(a.unitCode, a.contact, a.phone),
		lines(a.what, a.ticketNo && `报修单 ${a.ticketNo}`),
		lines(at(a.takenMs), `经办：${a.takenBy}`),
		lines(
			a.overdue ? '逾期未记结果' : STATE_ZH[a.state],
			a.closedMs !== null && at(a.closedMs),
			a.closedBy && `记录：${a.closedBy}`,
			a.note
		)
	]);
	return registerLogPdf(input, {
		title: '预约登记簿',
		countLabel: '预约笔数',
		count: input.appointments.length,
		openLabel: '待上门',
		open: input.appointments.filter((a) => a.state === 'open').length,
		overdue: input.appointments.filter((a) => a.overdue).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '班组／时段', width: 15 },
			{ header: '房号／联系人', width: 15 },
			{ header: '事项', width: 28 },
			{ header: '登记', width: 16 },
			{ header: '结果', width: 21 }
		],
		rows,
		empty: '本期间无预约'
	});
}
