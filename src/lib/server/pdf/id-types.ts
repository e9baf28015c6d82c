// The ID types' names on printed documents (key log, visitor slip and log): Chinese in every UI language.
import type { IdType } from '../db/schema/core.ts';

export const ID_TYPE_ZH: Record<IdType, string> = {
	id_card: '身份证',
	passport: '护照',
	home_return_permit: '回乡证',
	taiwan_permit: '台胞证',
	hk_mo_id: '港澳身份证',
	business_licence: '营业执照',
	other: '其他证件'
};
