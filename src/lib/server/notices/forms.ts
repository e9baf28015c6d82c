import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { formatDateTimeLocal, isValidDate, localToEpochMs } from '../../dates';
import { checkbox } from '../forms';

/*
 * The notice form. Shapes only (text, a date and time, a box); the rules (lengths, end after
 * start, start not in the past) are domain/notices.ts's, checked by the command and translated
 * by messages.ts, so a script posting a notice meets the same rules.
 */

const DATETIME_RE = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)$/;

const dateTime = z
	.string()
	.trim()
	.regex(DATETIME_RE, { error: () => m.notices_err_datetime() })
	.refine(
		(v) => {
			const [h, min, sec = 0] = v.slice(11).split(':').map(Number);
			return isValidDate(v.slice(0, 10)) && h <= 23 && min <= 59 && sec <= 59;
		},
		{ error: () => m.notices_err_datetime() }
	);

/** Generous bounds on what is read at all; the real limits are the domain's (with their message). */
export const noticeSchema = z.object({
	title: z.string().max(2000).default(''),
	body: z.string().max(20000).default(''),
	startsAt: dateTime,
	endsAt: dateTime,
	urgent: checkbox,
	keepImage: checkbox,
	idem: z.string().trim().max(100).default('')
});
export type NoticeForm = z.infer<typeof noticeSchema>;

/** "2026-12-08T09:00" or "…T09:00:05" (a datetime-local value, in the community's zone) → epoch ms. */
export function fromLocalInput(value: string, timeZone: string): number {
	const [, date, time] = DATETIME_RE.exec(value)!;
	return localToEpochMs(date, time, timeZone);
}

/** Epoch ms → a datetime-local value with seconds, in the community's zone. */
export function toLocalInput(ms: number, timeZone: string): string {
	const seconds = String(Math.floor(ms / 1000) % 60).padStart(2, '0');
	return `${formatDateTimeLocal(ms, timeZone).replace(' ', 'T')}:${seconds}`;
}

/** A notice's id from a form (withdraw button) or a route parameter. */
export const idSchema = z.object({
	id: z.coerce
		.number()
		.int()
		.positive()
		.max(2 ** 31)
});
