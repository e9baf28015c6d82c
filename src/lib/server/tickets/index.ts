// Reports and complaints (报事/投诉): data access and use cases. Rules live in domain/tickets.ts
// (state machine) and domain/sla.ts (time limits); messages for error codes in ./messages.ts.
export { createTicket, type TicketInput, type CreateOptions, type CreateResult } from './create';
export { applyTicketAction, type ActionResult, type ActionOptions } from './actions';
export { staffActor, residentActor, actorLabel, type TicketActor, type LoggedEvent } from './model';
export {
	listBoard,
	ticketAlertCounts,
	getTicketDetail,
	listUnitTickets,
	readTicketPhoto,
	AGE_FILTERS,
	ALERT_FILTERS,
	type BoardFilter,
	type TicketSummary,
	type TicketDetail
} from './queries';
export { photosFromForm, type PhotoUpload } from '../uploads/photos';
export { parseLocalDateTime } from './forms';
export type { TicketFailure, FieldError, FormError } from './errors';
export { dispatchSlipData, dispatchSlipPdf } from './slip';
export { seedTickets } from './seed';
