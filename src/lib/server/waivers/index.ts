/**
 * Late-fee waiver requests (滞纳金免除申请): filing at the counter, the manager's decision, the
 * ledger entries an approval writes, the return of a request when its payment is voided, and the
 * figures for the daily report. Rules live in domain/waiver.ts.
 */

export { WaiverError } from './errors';
export {
	createWaiverRequest,
	decideWaiverRequest,
	reviewWaiverDecision,
	onPaymentVoided,
	settleWaiversOnVoid,
	dependentWaivers,
	groupByRequest,
	owedNow,
	type DependentWaiver,
	type VoidEffects,
	type WaiversOfRequest,
	type NewWaiverInput,
	type FiledWaiver,
	type DecisionInput,
	type DecisionCheck,
	type Decided
} from './commands';
export {
	listRequests,
	pendingCount,
	pendingBillIds,
	requestById,
	requestDetail,
	requestBills,
	requestEvents,
	unitHistory,
	waiverCandidates,
	type RequestRow,
	type RequestBillRow,
	type RequestDetail,
	type WaiverCandidate,
	type WaiverEventRow,
	type ListOptions
} from './queries';
export { waiverSummary, type WaiverSummary } from './summary';
export { requestView, type RequestView } from './view';
export { seedWaivers } from './seed';
