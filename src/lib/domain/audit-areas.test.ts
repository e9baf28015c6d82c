import { describe, expect, it } from 'vitest';
import { AREA_PREFIXES, auditArea, isAuditArea, knownPrefixes } from './audit-areas';

describe('auditArea', () => {
	it('files each action by its prefix', () => {
		expect(auditArea('payment.post')).toBe('fees');
		expect(auditArea('payment.void')).toBe('fees');
		expect(auditArea('bills.generate')).toBe('fees');
		expect(auditArea('waiver.approve')).toBe('waivers');
		expect(auditArea('renovation.inspect_pass')).toBe('renovation');
		expect(auditArea('unit.occupancy')).toBe('movein');
		expect(auditArea('key.lend')).toBe('keys');
		expect(auditArea('ticket.return_visit')).toBe('tickets');
		expect(auditArea('shift.close')).toBe('shifts');
		expect(auditArea('arrears.reminder')).toBe('arrears');
		expect(auditArea('records.tie.add')).toBe('records');
		expect(auditArea('import.confirm')).toBe('records');
		expect(auditArea('login.failed.more')).toBe('access');
		expect(auditArea('kiosk.identify')).toBe('access');
		expect(auditArea('parcel.handover')).toBe('desk');
		expect(auditArea('community.settings')).toBe('settings');
	});
	it('puts an unknown prefix, an action without a dot and the empty action under other', () => {
		expect(auditArea('nosuch.receive')).toBe('other');
		expect(auditArea('payment')).toBe('fees');
		expect(auditArea('paymentx.post')).toBe('other');
		expect(auditArea('')).toBe('other');
	});
	it('names every prefix once', () => {
		const all = knownPrefixes();
		expect(new Set(all).size).toBe(all.length);
		expect(all.length).toBe(Object.values(AREA_PREFIXES).reduce((n, p) => n + p.length, 0));
	});
	it('knows its areas', () => {
		expect(isAuditArea('fees')).toBe(true);
		expect(isAuditArea('other')).toBe(true);
		expect(isAuditArea('fees; drop')).toBe(false);
	});
});
