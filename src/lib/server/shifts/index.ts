// Cashier shifts and handover (交接班), DOMAIN.md §9. The cash arithmetic lives in domain/report.ts.
export { ShiftError, type ShiftErrorCode } from './errors';
export { requireCashShift } from './open';
export {
	openShift,
	closeShift,
	acknowledgeShift,
	NOTE_MAX,
	type OpenShiftInput,
	type CloseShiftInput,
	type AcknowledgeInput
} from './commands';
export {
	openShiftOf,
	shiftCash,
	openMatters,
	closedShift,
	closedShifts,
	recentClosedShifts,
	handedOverTo,
	hasDifference,
	parseHandover,
	EMPTY_HANDOVER,
	type ShiftRow,
	type CashFigures,
	type Handover,
	type ClosedShift
} from './queries';
