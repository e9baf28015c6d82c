// What other areas and routes may import from the voucher area (accounting export, issue 19).
export { accountChanges, accountMap, incomeItems, setAccount } from './accounts';
export type { AccountRow, IncomeItem } from './accounts';
export {
	VOUCHER_MAX_DAYS,
	voucherCsv,
	voucherFile,
	voucherFileNames,
	voucherRows,
	voucherSummary,
	voucherXlsx
} from './export';
export type { VoucherFile, VoucherRow } from './export';
export { VoucherError } from './errors';
export { accountSchema } from './forms';
