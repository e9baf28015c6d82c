/**
 * 钥匙借用册: the key lending log for a date range, as the paper register hanging by the door
 * (a Chinese document: its fixed labels live here, not in the message files). ID numbers are
 * masked: the printed log is on view in the office.
 */
import { lines, registerLogPdf, type RegisterLogHead } from './register-log.ts';
import { formatDateTimeLocal } from '../../dates.ts';
import { maskIdNumber } from '../../domain/keys.ts';
import { ID_TYPE_ZH } from './id-types.ts';
import type { LoanRecord, StaffRef } from '../keys/queries.ts';

const PURPOSE: Record<string, string> = {
	viewing: '看房',
	repair: '维修',
	renovation: '装修',
	other: '其他'
};
const ID_TYPE: Record<string, string> = ID_TYPE_ZH;
const ANSWER: Record<string, string> = { agreed: '同意', refused: '不同意', no_answer: '未接通' };

export interface KeyLogPdfInput extends RegisterLogHead {
	loans: LoanRecord[];
}

const who = (s: StaffRef | null) => (s ? `${s.displayName} ${s.workNo}` : '');

export async function keyLogPdf(input: KeyLogPdfInput): Promise<Buffer> {
	const tz = input.timeZone;
	// Within one year the subtitle carries the year; the cells show "11-23 09:00" and stay on one line.
	const short = input.from.slice(0, 4) === input.to.slice(0, 4);
	const at = (ms: number | null) =>
		ms === null ? '' : short ? formatDateTimeLocal(ms, tz).slice(5) : formatDateTimeLocal(ms, tz);
	const rows = input.loans.map((l, i) => {
		const consent =
			l.consentBasis === 'phone'
				? lines(
						`业主同意：${ANSWER[l.consentAnswer ?? ''] ?? ''}`,
						`致电 ${l.consentPhone ?? ''}`,
						at(l.consentAt),
						who(l.consentBy)
					)
				: l.consentBasis === 'owner'
					? '业主本人借用'
					: l.consentBasis === 'authorised'
						? '业主授权人借用'
						: '公共区域钥匙';
		const guard = lines(
			consent,
			l.escort && `陪同：${who(l.escort)}`,
			l.collateralIdNumber && `押证：${ID_TYPE[l.collateralIdType ?? ''] ?? ''}`,
			l.collateralIdNumber && maskIdNumber(l.collateralIdNumber)
		);
		const back = l.returned
			? lines(
					at(l.returned.returnedAt),
					`接收：${who(l.returned.receivedBy)}`,
					l.returned.lost ? '钥匙遗失' : `归位：${l.returned.slot ?? ''}`,
					l.returned.collateralReturned !== null &&
						(l.returned.collateralReturned ? '证件已退还' : '证件未退还')
				)
			: l.overdue
				? '逾期未还'
				: '未归还';
		return [
			String(i + 1),
			lines(l.tagNo, l.opens, `格位 ${l.slot}`),
			lines(
				l.borrowerName,
				l.borrowerPhone,
				`${ID_TYPE[l.borrowerIdType] ?? ''} ${maskIdNumber(l.borrowerIdNumber)}`,
				[l.borrowerCompany, l.borrowerRelation].filter(Boolean).join('／'),
				`事由：${[PURPOSE[l.purpose] ?? l.purpose, l.purposeNote].filter(Boolean).join('，')}`
			),
			guard,
			lines(at(l.lentAt), `经办：${who(l.lentBy)}`, `应还 ${at(l.expectedReturnAt)}`),
			back
		];
	});
	return registerLogPdf(input, {
		title: '钥匙借用册',
		countLabel: '借用笔数',
		count: input.loans.length,
		openLabel: '未归还',
		open: input.loans.filter((l) => !l.returned).length,
		overdue: input.loans.filter((l) => l.overdue).length,
		columns: [
			{ header: '序号', width: 5, align: 'center' },
			{ header: '钥匙', width: 14 },
			{ header: '借用人', width: 22 },
			{ header: '同意／陪同／押证', width: 20 },
			{ header: '借出', width: 19 },
			{ header: '归还', width: 19 }
		],
		rows,
		empty: '本期间无借用记录'
	});
}
