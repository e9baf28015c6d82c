/**
 * The move-in pages' form schemas, parsed with `parseForm`. Functions, not constants: their
 * messages are in the request's language. Imported by the routes only.
 */
import { z } from 'zod';
import { m } from '$lib/paraglide/messages.js';
import { isValidDate } from '../../dates';
import {
	isItemCode,
	MAX_KEYS,
	MAX_PERSONS,
	MOVEIN_OWNER_TYPES
} from '../../domain/movein-checklist';
import { checkbox } from '../forms';

/** /movein `open`: a unit, the owner type, mortgage / proxy, persons; a proxy needs a name. */
export function openCaseSchema() {
	const persons = m.movein_error_persons({ max: MAX_PERSONS });
	return z
		.object({
			unitCode: z.string().trim().min(1).max(20),
			ownerType: z.enum(MOVEIN_OWNER_TYPES, { message: m.validation_required() }),
			mortgage: checkbox,
			proxy: checkbox,
			persons: z.coerce
				.number({ message: persons })
				.int(persons)
				.min(1, persons)
				.max(MAX_PERSONS, persons),
			proxyName: z.string().trim().max(50).optional().default(''),
			proxyIdNumber: z.string().trim().max(30).optional().default('')
		})
		.refine((d) => !d.proxy || d.proxyName.length > 0, {
			path: ['proxyName'],
			message: m.movein_error_proxy_name()
		});
}

const itemCode = () => z.string().refine(isItemCode, { message: m.movein_error_item_unknown() });

/** /movein/{id} `tick`: an item, with an optional note. */
export const tickSchema = () =>
	z.object({ itemCode: itemCode(), note: z.string().trim().max(200).optional().default('') });

/** /movein/{id} `note`: what is still missing for an item. */
export const noteSchema = () =>
	z.object({ itemCode: itemCode(), note: z.string().trim().min(1).max(200) });

/** /movein/{id} `revoke`: why a tick is taken back. */
export const revokeSchema = () =>
	z.object({ itemCode: itemCode(), reason: z.string().trim().min(1).max(200) });

/** /movein/{id} `complete`: keys handed over (1..MAX_KEYS) and who took them. */
export function completeSchema() {
	const keysMsg = m.movein_error_keys({ max: MAX_KEYS });
	return z.object({
		keys: z.coerce.number({ message: keysMsg }).int(keysMsg).min(1, keysMsg).max(MAX_KEYS, keysMsg),
		recipient: z.string().trim().max(50).optional().default('')
	});
}

const date = () => z.string().trim().refine(isValidDate, { message: m.validation_invalid() });

/** /movein/notice `unit`: one unit's handover notice date. */
export const unitNoticeSchema = () =>
	z.object({ unitCode: z.string().trim().min(1).max(20), date: date() });

/** /movein/notice `building`: a whole building's handover notice date. */
export const buildingNoticeSchema = () =>
	z.object({ building: z.string().trim().min(1).max(10), date: date() });
