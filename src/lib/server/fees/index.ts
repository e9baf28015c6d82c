// Property fees (物业服务费): fee items and rates, monthly billing, what a unit owes, counter payments.
// Other areas (receipts, move-in, waivers, bench) depend on these names and signatures.
export {
	ensureFeeItems,
	setRate,
	listFeeItems,
	feeItemOf,
	feeItemsWithRates,
	PROPERTY_ITEM,
	PARKING_ITEM,
	type FeeItemRow,
	type FeeRateRow,
	type RateHistoryRow
} from './items';
export { generateMonthlyBills, type GenerateOptions, type BillSource } from './generate';
export {
	findUnits,
	unitAccount,
	unitIdByCode,
	unitInfo,
	billStates,
	billsDue,
	monthsPaid,
	type BillDue,
	type UnitAccount,
	type VacancyCreditLine,
	type UnitInfo,
	type OwnerInfo,
	type AccountTotals,
	type UnitHit
} from './account';
export {
	postFeePayment,
	quoteFeePayment,
	lastBilledMonth,
	MAX_PREPAY_MONTHS,
	MAX_CHANGE_FEN,
	type FeePaymentInput,
	type FeeQuote,
	type FeeLine
} from './pay';
export { prepayPreview, type PrepayMonth } from './preview';
export { grantVacancyCredits } from './vacancy-credits';
