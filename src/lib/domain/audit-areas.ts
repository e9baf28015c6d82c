/**
 * Which area of the front desk an audit entry belongs to, pure: the audit log viewer filters by
 * area, and an action is named `<prefix>.<verb>` by the area that wrote it.
 */
export const AUDIT_AREAS = [
	'fees',
	'waivers',
	'renovation',
	'movein',
	'keys',
	'tickets',
	'shifts',
	'arrears',
	'records',
	'directory',
	'desk',
	'access',
	'settings',
	'other'
] as const;
export type AuditArea = (typeof AUDIT_AREAS)[number];

/** Action prefixes (the part before the first dot) of each area; `other` takes the rest. */
export const AREA_PREFIXES: Record<Exclude<AuditArea, 'other'>, readonly string[]> = {
	fees: ['payment', 'bills', 'fees', 'fee_items', 'receipt', 'charges', 'paid_services'],
	waivers: ['waiver'],
	renovation: ['renovation'],
	movein: ['movein', 'unit'],
	keys: ['key'],
	tickets: ['ticket'],
	shifts: ['shift'],
	arrears: ['arrears'],
	records: ['records', 'import'],
	directory: ['directory'],
	desk: ['errand', 'parcel', 'visitor', 'item', 'appointment'],
	access: ['login', 'kiosk', 'staff'],
	settings: ['community', 'company']
};

export function isAuditArea(s: string): s is AuditArea {
	return (AUDIT_AREAS as readonly string[]).includes(s);
}

/** The area of an action such as `payment.post` or `ticket.return_visit`. */
export function auditArea(action: string): AuditArea {
	const prefix = action.split('.', 1)[0];
	for (const [area, prefixes] of Object.entries(AREA_PREFIXES))
		if (prefixes.includes(prefix)) return area as AuditArea;
	return 'other';
}

/** Every prefix named by some area: `other` is an action whose prefix is none of these. */
export function knownPrefixes(): string[] {
	return Object.values(AREA_PREFIXES).flat();
}
