// Renovation permits and deposits (装修手续), DOMAIN.md §4: data access and use cases.
// Rules live in domain/renovation.ts (state machine) and domain/renovation-fees.ts (money).
export { RenovationError } from './errors';
export {
	createApplication,
	transition,
	recordEvent,
	permitEnd,
	renovationDepositHeld,
	todayOf,
	type Actor,
	type ApplicationInput,
	type TransitionInput
} from './applications';
export {
	payFees,
	issuePasses,
	quoteFor,
	PASS_STATES,
	PAYMENT_PURPOSE,
	type WorkerInput,
	type MethodInput,
	type PayFeesInput,
	type Paid
} from './payments';
export {
	settleDeposit,
	settlePass,
	voucherByNo,
	readDeductionPhoto,
	deductionPhotoDir,
	type DeductionInput,
	type RefundInput,
	type Settled,
	type VoucherRecord
} from './settlements';
export {
	renovationDetail,
	listRenovations,
	findRenovation,
	unitByCode,
	ownerOfUnit,
	REF_PASS,
	REF_RENOVATION,
	type RenovationDetail,
	type RenovationListRow,
	type PassView,
	type SettlementView,
	type EventView
} from './records';
export { passApplication, type PassApplication } from './passes-lookup';
export { renovationBoard, awaitingReviewCount, type BoardRow, type OutstandingPass } from './board';
export {
	depositMovements,
	depositsHeld,
	voucherSummary,
	renovationActivity,
	type DepositMovement,
	type DepositsHeld,
	type VoucherSummary,
	type RenovationActivity
} from './report';
export { dryRun, reviewFees, reviewSettlement, reviewStep, type FeesReview } from './review';
export { seedRenovations } from './seed';
