/**
 * Shared bits of the renovation forms (《装修申请表》, 施工许可证, 出入证, 退款凭证): the data
 * they print and fixed Chinese labels. These are Chinese documents in every UI language.
 */
import type { Community } from '../community';
import type { RenovationDetail } from '../renovation/records';

export type RenovationCommunity = Pick<Community, 'name' | 'centreName' | 'timeZone'>;

export const DOC_ZH: Record<string, string> = {
	design_drawings: '装修设计图纸',
	construction_drawings: '施工图',
	contractor_qualification: '施工队伍资质证明',
	business_licence: '营业执照复印件'
};

export const STATE_ZH: Record<string, string> = {
	submitted: '待审批',
	approved: '审批通过',
	rejected: '审批不通过',
	paid: '已签协议并缴费',
	permit_issued: '已发施工许可证',
	in_progress: '施工中',
	inspection_failed: '验收不合格',
	inspection_passed: '验收合格',
	deposit_settled: '保证金已退',
	closed: '已结案'
};

/** 缴费方式 as the receipt prints it (one list for receipts and refund vouchers). */
export { METHOD_ZH } from './receipt';

/** "装修单位" as the standard asks: the company, or 自装. */
export function contractorZh(d: RenovationDetail): string {
	return d.renovation.selfRenovation ? '自装' : d.renovation.contractorName;
}

/** 330102********1234 — printed passes carry only part of the ID number. */
export function maskIdZh(id: string): string {
	return id.length > 8 ? id.slice(0, 6) + '*'.repeat(id.length - 10) + id.slice(-4) : id;
}
