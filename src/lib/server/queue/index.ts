// The hall queue (排队叫号), DOMAIN.md §8: taking numbers, calling them at the counters, the hall
// display. Rules (order, numbering, wait estimate) live in domain/queue.ts; error messages in ./messages.ts.
export {
	takeNumber,
	callNext,
	callTicket,
	queueAction,
	setPriority,
	parseCounter,
	parseServices,
	QueueError,
	type TakeInput,
	type Taken,
	type CallResult
} from './commands';
export {
	loadDay,
	queueDayOf,
	queueTicket,
	currentAt,
	waitingOf,
	estimateFor,
	estimateNew,
	statsOf,
	hallBoard,
	minutesPerService,
	type QueueDay,
	type QueueTicketView,
	type QueueTicketPage,
	type QueueEstimate,
	type ServiceStats,
	type HallBoard
} from './queries';
