import { describe, it, expect, beforeEach } from 'vitest';
import { eq } from 'drizzle-orm';
import { m } from '$lib/paraglide/messages.js';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { auditLog, communities } from '../db/schema';
import { parseForm } from '../forms';
import { forgetCommunity, getCommunity } from '../community';
import { canonicalTimeZone, mergeSettings, saveSettings, settingsFormSchema, settingsFormValues, timeZoneNames, type SettingsForm } from './settings';
import type { Actor } from './staff';

const T0 = Date.parse('2026-11-23T01:00:00Z');

/** What another capability might have stored: keys this form does not own must survive a save. */
const STORED = {
	fees: { dueDay: 20, moveInPrepayMonths: 6, somethingNew: 'keep me' },
	renovation: { depositFen: 300000 },
	tickets: { holidays: ['2026-10-01'] },
	kiosk: { idleSeconds: 90, phone: '0571-1' },
	futureArea: { enabled: true }
};

let db: Db;
let f: Fixture;
let admin: Actor;
beforeEach(() => {
	forgetCommunity(); // every test's database reuses community id 1
	db = createTestDb();
	f = createFixture(db, STORED);
	admin = { id: f.adminId, communityId: f.communityId };
});

const form = (over: Partial<Record<keyof SettingsForm, string>> = {}) => ({ ...settingsFormValues(db, f.communityId), ...over });
const parse = (over: Partial<Record<keyof SettingsForm, string>> = {}) => parseForm(settingsFormSchema, form(over));
const stored = () => JSON.parse(db.select().from(communities).where(eq(communities.id, f.communityId)).get()!.settings);
const audits = () => db.select().from(auditLog).all();

function save(over: Partial<Record<keyof SettingsForm, string>>) {
	const p = parse(over);
	if (!p.ok) throw new Error(JSON.stringify(p.errors));
	return saveSettings(db, admin, p.data, T0);
}

describe('settingsFormSchema', () => {
	it('reads the form current values back unchanged', () => {
		const p = parse();
		expect(p.ok).toBe(true);
		if (p.ok) {
			expect(p.data).toMatchObject({ name: '测试小区', timeZone: 'Asia/Shanghai', dueDay: 20, lateFeeRatePerMille: 3, lateFeeCapPercent: 100, vacancyPercent: 90, keyLoanHours: 2, staffIdleMinutes: 30, staffAbsoluteHours: 12, kioskPhone: '0571-1' });
		}
	});

	it('an empty cap means no cap; decimals are allowed for the key loan', () => {
		const p = parse({ lateFeeCapPercent: ' ', keyLoanHours: '1.5', dueDay: ' 15 ' });
		expect(p.ok && [p.data.lateFeeCapPercent, p.data.keyLoanHours, p.data.dueDay]).toEqual([null, 1.5, 15]);
	});

	it('the time zone is checked with Intl and stored under its canonical name', () => {
		const p = parse({ timeZone: 'asia/hong_kong' });
		expect(p.ok && p.data.timeZone).toBe('Asia/Hong_Kong');
	});

	it.each(([
		['name', '', m.validation_required()],
		['name', 'x'.repeat(10_000), m.validation_too_long({ max: 60 })],
		['name', '<b>鹿鸣</b>', m.validation_no_markup()],
		['centreName', '<script>alert(1)</script>', m.validation_no_markup()],
		['timeZone', 'Mars/Olympus', m.validation_timezone()],
		['timeZone', "Asia/Shanghai' OR 1=1 --", m.validation_timezone()],
		['timeZone', '', m.validation_required()],
		['dueDay', '0', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', '29', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', '20.5', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', 'abc', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', '-1', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', '1e1', m.validation_range_int({ min: 1, max: 28 })],
		['dueDay', '', m.validation_required()],
		['lateFeeRatePerMille', '101', m.validation_range_int({ min: 0, max: 100 })],
		['lateFeeCapPercent', '1001', m.validation_range_int({ min: 0, max: 1000 })],
		['vacancyPercent', '100.5', m.validation_range_int({ min: 0, max: 100 })],
		['keyLoanHours', '0.1', m.validation_range_decimal({ min: 0.25, max: 72, decimals: 2 })],
		['keyLoanHours', '1.234', m.validation_range_decimal({ min: 0.25, max: 72, decimals: 2 })],
		['keyLoanHours', '73', m.validation_range_decimal({ min: 0.25, max: 72, decimals: 2 })],
		['staffIdleMinutes', '0', m.validation_range_int({ min: 1, max: 1440 })],
		['staffAbsoluteHours', '99999999999', m.validation_range_int({ min: 1, max: 72 })],
		['kioskPhone', '<script>', m.validation_phone_format()],
		['kioskPhone', '1'.repeat(41), m.validation_too_long({ max: 40 })]
	] as [keyof SettingsForm, string, string][]).map(([field, value, message]) => ({ field, value, message, shown: value.length > 40 ? `${value.slice(0, 8)}…(${value.length} chars)` : JSON.stringify(value) })))('$field = $shown is refused', ({ field, value, message }) => {
		const p = parse({ [field]: value });
		expect(p.ok).toBe(false);
		if (!p.ok) expect(p.errors[field]).toBe(message);
	});

	it('a form with every field missing reports each one', () => {
		const p = parseForm(settingsFormSchema, {});
		expect(p.ok).toBe(false);
		if (!p.ok) expect(Object.keys(p.errors).sort()).toEqual(Object.keys(form()).sort());
	});
});

describe('mergeSettings', () => {
	it('writes only the keys the form owns', () => {
		const p = parse({ dueDay: '25' });
		if (!p.ok) throw new Error();
		const merged = mergeSettings({ ...STORED, fees: 'not an object' } as never, p.data);
		expect(merged.futureArea).toEqual({ enabled: true });
		expect(merged.fees).toEqual({ dueDay: 25, lateFeeRatePerMille: 3, lateFeeCapPercent: 100, vacancyPercent: 90 });
	});
});

describe('saveSettings', () => {
	it('saves names, time zone and numbers, and keeps every key it does not own', () => {
		const r = save({ name: '鹿鸣溪谷二期', centreName: '二期客服中心', timeZone: 'Asia/Urumqi', dueDay: '25', lateFeeRatePerMille: '2', lateFeeCapPercent: '', vacancyPercent: '80', keyLoanHours: '3.5', staffIdleMinutes: '15', staffAbsoluteHours: '10', kioskPhone: '0571-8888 0000' });
		expect(r.ok).toBe(true);
		const s = stored();
		expect(s.fees).toEqual({ dueDay: 25, moveInPrepayMonths: 6, somethingNew: 'keep me', lateFeeRatePerMille: 2, lateFeeCapPercent: null, vacancyPercent: 80 });
		expect(s.renovation).toEqual({ depositFen: 300000 });
		expect(s.tickets).toEqual({ holidays: ['2026-10-01'] });
		expect(s.kiosk).toEqual({ idleSeconds: 90, phone: '0571-8888 0000' });
		expect(s.futureArea).toEqual({ enabled: true });
		expect(s.keys).toEqual({ loanHours: 3.5 });
		expect(s.sessions).toEqual({ staffIdleMinutes: 15, staffAbsoluteHours: 10 });
		const row = db.select().from(communities).where(eq(communities.id, f.communityId)).get()!;
		expect([row.name, row.centreName, row.timeZone]).toEqual(['鹿鸣溪谷二期', '二期客服中心', 'Asia/Urumqi']);
	});

	it('is seen at once by getCommunity (the cache is dropped)', () => {
		expect(getCommunity(db, f.communityId).settings.fees.dueDay).toBe(20);
		save({ dueDay: '10', lateFeeCapPercent: '' });
		const c = getCommunity(db, f.communityId);
		expect(c.settings.fees.dueDay).toBe(10);
		expect(c.settings.fees.lateFeeCapPercent).toBeNull();
		expect(c.settings.kiosk.idleSeconds).toBe(90);
	});

	it('audits exactly what changed, from what to what', () => {
		const r = save({ dueDay: '15', lateFeeCapPercent: '' });
		expect(r).toEqual({ ok: true, changed: ['dueDay', 'lateFeeCapPercent'] });
		const [a] = audits();
		expect(a).toMatchObject({ action: 'community.settings', actorId: f.adminId, targetType: 'community', targetId: String(f.communityId), at: T0 });
		expect(JSON.parse(a.detail)).toEqual({ dueDay: ['20', '15'], lateFeeCapPercent: ['100', ''] });
	});

	it('saving without changes writes nothing', () => {
		expect(save({})).toEqual({ ok: true, changed: [] });
		expect(audits()).toHaveLength(0);
		expect(stored()).toEqual(STORED);
	});

	it("only the actor's community is changed", () => {
		save({ name: '改名' });
		expect(getCommunity(db, f.otherCommunityId).name).toBe('别的小区');
	});

	it('refuses to save over another key that is stored broken (it would silently reset everything)', () => {
		db.update(communities).set({ settings: JSON.stringify({ ...STORED, renovation: { depositFen: -5 } }) }).where(eq(communities.id, f.communityId)).run();
		const p = parseForm(settingsFormSchema, { ...form(), dueDay: '12' });
		if (!p.ok) throw new Error();
		expect(saveSettings(db, admin, p.data, T0)).toEqual({ ok: false, error: 'invalid_stored' });
		expect(JSON.parse(db.select().from(communities).where(eq(communities.id, f.communityId)).get()!.settings).fees.dueDay).toBe(20);
		expect(audits()).toHaveLength(0);
	});

	it('a stored value that is not JSON is replaced by the saved keys', () => {
		db.update(communities).set({ settings: 'not json' }).where(eq(communities.id, f.communityId)).run();
		expect(save({ dueDay: '12' }).ok).toBe(true);
		expect(stored().fees.dueDay).toBe(12);
	});
});

describe('time zones', () => {
	it.each([
		['Asia/Shanghai', 'Asia/Shanghai'],
		['asia/shanghai', 'Asia/Shanghai'],
		['UTC', 'UTC'],
		['Europe/Berlin', 'Europe/Berlin'],
		['Mars/Olympus', null],
		['', null],
		['x'.repeat(65), null]
	])('%j → %j', (name, expected) => {
		expect(canonicalTimeZone(name)).toBe(expected);
	});

	it('the suggestion list is long and contains Asia/Shanghai', () => {
		expect(timeZoneNames().length).toBeGreaterThan(300);
		expect(timeZoneNames()).toContain('Asia/Shanghai');
	});
});
