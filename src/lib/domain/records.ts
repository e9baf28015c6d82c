/**
 * The community's records (住户档案), issue 13: who is tied to a unit on a given day, how ID numbers
 * and phones are checked, and how they are shown. Pure functions; the server module reads the rows
 * and writes what these allow. Dates are YYYY-MM-DD in the community's zone.
 */
import { isValidDate } from '../dates';
import { maskIdNumber, normaliseIdNumber } from './keys';

// One masking rule for every view but the edit form (and the printed key log).
export { maskIdNumber, normaliseIdNumber };

/** The ID papers a person's record may name (证件类型). */
export const ID_TYPES = [
	'id_card',
	'passport',
	'home_return_permit',
	'taiwan_permit',
	'hk_mo_id',
	'business_licence',
	'other'
] as const;
export type IdType = (typeof ID_TYPES)[number];

// ------------------------------------------------------------------------------ ties as of a date

/**
 * A tie runs from its start date (included; none = since before records began) to its end date
 * (excluded; none = current). So on a transfer dated D the old owner's tie ends on D and the new
 * owner's starts on D: on D itself the new owner is the owner, and a tie ended on the day it
 * started was never in force.
 */
export interface DatedTie {
	startDate: string | null;
	endDate: string | null;
}

export function tieInForce(tie: DatedTie, date: string): boolean {
	return (
		(tie.startDate === null || tie.startDate <= date) &&
		(tie.endDate === null || date < tie.endDate)
	);
}

export function tiesInForce<T extends DatedTie>(ties: readonly T[], date: string): T[] {
	return ties.filter((t) => tieInForce(t, date));
}

/**
 * Ties marked in force on `date` and listed those first, otherwise in the order given (a stable
 * sort): "current" is the as-of rule, never "no end date" (a lease ending next year is current).
 */
export function currentFirst<T extends DatedTie>(
	ties: readonly T[],
	date: string
): (T & { current: boolean })[] {
	return ties
		.map((t) => ({ ...t, current: tieInForce(t, date) }))
		.sort((a, b) => Number(b.current) - Number(a.current));
}

/**
 * The day that decides who "the owner" of a bill month is: its first day. A transfer on the 1st
 * gives that month's bill to the new owner; a transfer on the 15th leaves it with the old one.
 */
export function ownerDateOfMonth(month: string): string {
	return `${month}-01`;
}

/** A name on a slip or a kiosk screen: 张伟 → 张*; 欧阳明明 → 欧**明: enough for the resident to recognise, not to identify. */
export function maskName(name: string): string {
	const chars = [...name.trim()];
	if (chars.length <= 1) return chars.join('');
	if (chars.length === 2) return chars[0] + '*';
	return chars[0] + '*'.repeat(chars.length - 2) + chars[chars.length - 1];
}

/** The order people of a unit are listed in (the owner first, emergency contacts last). */
export const ROLE_ORDER = [
	'owner',
	'co_owner',
	'resident',
	'household',
	'tenant',
	'authorised',
	'emergency'
] as const;

/** Roles whose phone identifies the unit at the kiosk: people who live there or own it. */
export const IDENTIFYING_ROLES = [
	'owner',
	'co_owner',
	'resident',
	'household',
	'tenant',
	'authorised'
] as const;

// ------------------------------------------------------------------------------ checks

/**
 * Mainland resident ID card (居民身份证, GB 11643-1999): 18 characters, a valid birth date at
 * 7–14, and the last character the ISO 7064 MOD 11-2 check of the first 17 (X stands for 10).
 * The old 15-digit cards carry no check character: a valid 19YYMMDD birth date is all there is.
 */
export function isValidIdCard(input: string): boolean {
	const id = normaliseIdNumber(input);
	if (/^\d{15}$/.test(id))
		return isValidDate(`19${id.slice(6, 8)}-${id.slice(8, 10)}-${id.slice(10, 12)}`);
	if (!/^\d{17}[\dX]$/.test(id)) return false;
	if (!isValidDate(`${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`)) return false;
	return id[17] === idCardCheckChar(id.slice(0, 17));
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 digits of an ID card number. */
export function idCardCheckChar(first17: string): string {
	let sum = 0;
	for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
	return ID_CHECK[sum % 11];
}

/**
 * A phone as stored: spaces, dots and a +86 prefix dropped, dashes kept only in a landline
 * ("010-6512 3456" → "010-65123456", "138-0000-0001" → "13800000001"). Null when it is neither an 11-digit mainland mobile
 * (1[3-9]…) nor a landline (area code 0xx/0xxx and 7–8 digits, optional extension, or 7–8 local
 * digits).
 */
export function normalisePhone(input: string): string | null {
	let s = String(input ?? '')
		.replace(/[\uff10-\uff19]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xff10 + 48))
		.replace(/[－—–]/g, '-')
		.replace(/[\s.()（）]/g, '');
	s = s.replace(/^(\+86|0086)-?/, '');
	const mobile = s.replace(/-/g, '');
	if (/^1[3-9]\d{9}$/.test(mobile)) return mobile;
	const land = /^(0\d{2,3})-?(\d{7,8})(?:-(\d{1,6}))?$/.exec(s);
	// Without a dash the area code's length is ambiguous (025 or 0251): keep the digits as typed.
	if (land) return s.includes('-') ? `${land[1]}-${land[2]}${land[3] ? '-' + land[3] : ''}` : s;
	if (/^[2-9]\d{6,7}$/.test(s)) return s;
	return null;
}

/** Parts of a unit code (楼-单元-房): letters and digits, no dash of their own. */
export function isValidCodePart(part: string): boolean {
	return /^[0-9A-Za-z]{1,8}$/.test(part);
}

export function unitCodeOf(building: string, entrance: string, room: string): string {
	return `${building}-${entrance}-${room}`;
}

export type TransferError =
	'date_invalid' | 'date_future' | 'date_before_tie' | 'same_owner' | 'no_current_owner';

/**
 * May the ownership of a unit pass to `newOwnerId` on `date`? `openOwners` are the owner ties not
 * yet ended; they end on `date`, so it may not be before any of them started (that would rewrite
 * the past), nor after today (a transfer is recorded when it has happened), and the new owner must
 * not be one of them already.
 */
export function checkTransfer(
	openOwners: readonly (DatedTie & { ownerId: number })[],
	newOwnerId: number | null,
	date: string,
	today: string
): TransferError[] {
	if (!isValidDate(date)) return ['date_invalid'];
	if (date > today) return ['date_future'];
	const currentOwners = openOwners;
	const errors: TransferError[] = [];
	if (currentOwners.length === 0) errors.push('no_current_owner');
	if (currentOwners.some((t) => t.startDate !== null && t.startDate > date))
		errors.push('date_before_tie');
	if (newOwnerId !== null && currentOwners.some((t) => t.ownerId === newOwnerId))
		errors.push('same_owner');
	return errors;
}

/** A tie's end may equal its start (a tie entered by mistake, never in force), not precede it. */
export function checkTieDates(startDate: string | null, endDate: string | null): boolean {
	return !(startDate && endDate && endDate < startDate);
}
