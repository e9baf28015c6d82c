/**
 * The 打印 / 补打 form action, shared by the counter's receipt page and the receipt lookup: it
 * records the print (a reprint needs a reason) and sends the browser to the PDF, which then shows
 * exactly that print. Opening the PDF by itself records nothing.
 */
import { redirect, type RequestEvent } from '@sveltejs/kit';
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { requireStaff } from '../auth/guards';
import { getDb } from '../db';
import { communityToday, getCommunity } from '../community';
import { nowMs } from '../clock';
import { failForm, parseForm } from '../forms';
import { normaliseReceiptNo, recordReceiptPrint, RECEIPT_FORMATS, REPRINT_REASONS } from './index';

export const REPRINT_NOTE_MAX = 200;

/** Where a receipt's PDF is (the format the clerk printed). */
export function receiptPdfPath(receiptNo: string, format: string): string {
	return `/receipts/${encodeURIComponent(receiptNo)}.pdf${format === 'roll' ? '?format=roll' : ''}`;
}

/** A fresh one-time key for a print form (a double submit records one print). */
export function newPrintKey(): string {
	return crypto.randomUUID();
}

// Built per request: the messages are in the request's language.
const schema = () =>
	z.object({
		receiptNo: z.string().trim().min(1).max(40),
		format: z.enum(RECEIPT_FORMATS, { message: m.receipts_print_bad_format() }),
		printKey: z.string().regex(/^[A-Za-z0-9-]{16,64}$/),
		// '' is fine here: the first print needs no reason; recordReceiptPrint asks for one on a reprint.
		reason: z
			.union([z.literal(''), z.enum(REPRINT_REASONS)], {
				message: m.receipts_reprint_reason_required()
			})
			.default(''),
		note: z.string().trim().max(REPRINT_NOTE_MAX).default('')
	});

export async function printReceiptAction({
	request,
	locals,
	url
}: Pick<RequestEvent, 'request' | 'locals' | 'url'>) {
	const user = requireStaff(locals, 'clerk', url);
	const parsed = parseForm(schema(), await request.formData());
	if (!parsed.ok) return failForm(400, Object.values(parsed.errors)[0], parsed);
	const { format, printKey, reason, note } = parsed.data;
	const values = { receiptNo: parsed.data.receiptNo, reason, note };

	const db = getDb();
	const community = getCommunity(db, user.communityId);
	const receiptNo = normaliseReceiptNo(
		parsed.data.receiptNo,
		Number(communityToday(community).slice(0, 4))
	);
	if (!receiptNo) return failForm(400, m.receipts_invalid_no(), { values });
	const result = recordReceiptPrint(db, {
		communityId: user.communityId,
		receiptNo,
		staffId: user.id,
		format,
		reasonCode: reason,
		reasonNote: note,
		printKey,
		now: nowMs()
	});
	if (!result.ok) {
		if (result.error === 'not_found')
			return failForm(404, m.receipts_not_found({ no: receiptNo }), { values });
		const message =
			result.error === 'reason_required'
				? m.receipts_reprint_reason_required()
				: m.receipts_reprint_note_required();
		return failForm(400, message, {
			values,
			errors: { [result.error === 'reason_required' ? 'reason' : 'note']: message }
		});
	}
	redirect(303, receiptPdfPath(result.receiptNo, format));
}
