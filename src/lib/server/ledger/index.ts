// The ledger: posting payments with gap-free receipt numbers, voids, and reading them back.
export { LedgerError } from './errors';
export {
	postPayment,
	priorPayment,
	requestHash,
	type LineInput,
	type PaymentInput,
	type PostedPayment
} from './post-payment';
export { voidPayment, voidCheck, type VoidInput, type VoidCheck } from './void-payment';
export {
	paymentByReceiptNo,
	paymentById,
	voidedIds,
	recordPrint,
	type PaymentRecord
} from './queries';
export { formatReceiptNo, parseReceiptNo, RECEIPT_PREFIX } from './receipt-no';
