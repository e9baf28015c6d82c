// The one way a route answers a refused write: the area's message map turns the error's code
// into the translated summary and field messages, and its status into the action's failure.
// Routes only (uses Paraglide through the areas' message maps).
import { failForm } from './forms';
import { AppError, type ErrorArea, type ErrorMessages, type RefusalContext } from './errors';
import { arrearsMessages } from './arrears/messages';
import { chargeMessages } from './charges/messages';
import { companyMessages } from './company/messages';
import { directoryMessages } from './directory/messages';
import { errandMessages } from './errands/messages';
import { visitorMessages } from './visitors/messages';
import { appointmentMessages } from './appointments/messages';
import { importMessages } from './import/messages';
import { itemMessages } from './items/messages';
import { journalMessages } from './journal/messages';
import { kioskDeviceMessages } from './kiosk-devices/messages';
import { ledgerMessages } from './ledger/messages';
import { moveInMessages } from './movein/messages';
import { noticeMessages } from './notices/messages';
import { parcelMessages } from './parcels/messages';
import { queueMessages } from './queue/messages';
import { recordsMessages } from './records/messages';
import { renovationMessages } from './renovation/messages';
import { shiftMessages } from './shifts/messages';
import { waiverMessages } from './waivers/messages';
import { voucherMessages } from './voucher/messages';

const AREAS: Partial<Record<ErrorArea, ErrorMessages>> = {
	arrears: arrearsMessages,
	charges: chargeMessages,
	company: companyMessages,
	directory: directoryMessages,
	errands: errandMessages,
	appointments: appointmentMessages,
	import: importMessages,
	items: itemMessages,
	journal: journalMessages,
	kiosk_devices: kioskDeviceMessages,
	ledger: ledgerMessages,
	movein: moveInMessages,
	notices: noticeMessages,
	parcels: parcelMessages,
	queue: queueMessages,
	records: recordsMessages,
	renovation: renovationMessages,
	shifts: shiftMessages,
	visitors: visitorMessages,
	voucher: voucherMessages,
	waivers: waiverMessages
};

export interface Translated {
	status: number;
	message: string;
	/** Field → message, for every broken rule that belongs to a field. */
	errors: Record<string, string>;
}

export interface RefusalOptions extends RefusalContext {
	/** Added to the error's detail for the message (what only the route knows, e.g. a name). */
	detail?: Record<string, unknown>;
	/**
	 * For forms whose rows (`w{i}_…`, `d{i}_…`) may skip blank ones: the n-th parsed row's form
	 * row, so `detail.row` points at what the user sees.
	 */
	rows?: number[];
}

/** The translated refusal, or null when `e` is not a refusal with messages (then rethrow it). */
export function translateError(e: unknown, opts: RefusalOptions = {}): Translated | null {
	if (!(e instanceof AppError)) return null;
	const map = AREAS[e.area as ErrorArea];
	if (!map) return null;
	const detail: Record<string, unknown> = { ...e.detail, ...opts.detail };
	if (typeof detail.row === 'number' && opts.rows?.length) {
		const formRow = opts.rows[detail.row - 1];
		if (formRow !== undefined) detail.row = formRow + 1;
	}
	const ctx: RefusalContext = { step: opts.step, timeZone: opts.timeZone };
	const say = (code: string) => (map.messages[code] ?? map.fallback)(detail, ctx);
	// Several rules may be broken at once (detail.errors lists them): each marks its field.
	const codes = Array.isArray(detail.errors) ? (detail.errors as string[]) : [e.code];
	const errors: Record<string, string> = {};
	for (const code of codes) {
		const f = map.fields?.[code];
		const field = typeof f === 'function' ? f(detail, ctx) : f;
		if (field) errors[field] ??= say(code);
	}
	return { status: e.status, message: say(e.code), errors };
}

/**
 * A route action's answer to a refused write: the standard failure (status, message, field
 * errors, what was typed). Anything that is not a refusal is rethrown (a 500, as it should be).
 */
export function refusal(
	e: unknown,
	opts: RefusalOptions & { values?: Record<string, string> } = {}
): ReturnType<typeof failForm> {
	const t = translateError(e, opts);
	if (!t) throw e;
	return failForm(t.status, t.message, { errors: t.errors, values: opts.values });
}
