import { describe, it, expect } from 'vitest';
import {
	lateFeeSchedule,
	nextChange,
	parseSettings,
	settingsOn,
	settingsSchema,
	valueInForce,
	type SettingChange
} from './settings';
import { MAX_FEN } from '../money';

describe('parseSettings', () => {
	it("gives the service standard's defaults when nothing is stored", () => {
		const s = parseSettings('{}');
		expect(s.fees).toMatchObject({
			dueDay: 20,
			lateFeeRatePerMille: 3,
			lateFeeCapPercent: 100,
			vacancyPercent: 90,
			moveInPrepayMonths: 6
		});
		expect(s.keys.loanHours).toBe(2);
		expect(s.tickets).toMatchObject({
			recordWithinMinutes: 10,
			supervisorNotifyMinutes: 30,
			developerTransferWorkingDays: 1,
			followUpDaysEngineering: 7,
			followUpDaysProperty: 3,
			enquiryAnswerHours: 24,
			resultDays: 7,
			returnVisitWorkingDays: 1,
			holidays: [],
			extraWorkdays: []
		});
		expect(s.sessions).toEqual({ staffIdleMinutes: 30, staffAbsoluteHours: 12 });
		expect(s.kiosk).toMatchObject({ idleSeconds: 60, phone: '' });
	});

	it.each([null, undefined, '', 'not json', '[]', 'null', '42', '"text"', '{"fees":'])(
		'never throws on %j: defaults instead',
		(raw) => {
			expect(parseSettings(raw)).toEqual(settingsSchema.parse({}));
		}
	);

	it('keeps stored values and fills only what is missing, section by section', () => {
		const s = parseSettings(
			JSON.stringify({ fees: { dueDay: 25 }, kiosk: { phone: '0571-8888 6666' } })
		);
		expect(s.fees.dueDay).toBe(25);
		expect(s.fees.lateFeeRatePerMille).toBe(3);
		expect(s.kiosk).toMatchObject({ phone: '0571-8888 6666', idleSeconds: 60 });
		expect(s.sessions.staffIdleMinutes).toBe(30);
	});

	it('a stored null cap means no cap; a missing cap means the 100 % default', () => {
		expect(
			parseSettings(JSON.stringify({ fees: { lateFeeCapPercent: null } })).fees.lateFeeCapPercent
		).toBeNull();
		expect(parseSettings(JSON.stringify({ fees: {} })).fees.lateFeeCapPercent).toBe(100);
	});

	it('ignores keys it does not know (another version may have written them)', () => {
		const s = parseSettings(
			JSON.stringify({ futureArea: { x: 1 }, fees: { dueDay: 5, other: true } })
		);
		expect(s.fees.dueDay).toBe(5);
		expect(s).not.toHaveProperty('futureArea');
	});

	it.each([
		{ fees: { dueDay: 29 } },
		{ fees: { dueDay: 0 } },
		{ fees: { dueDay: 20.5 } },
		{ fees: { lateFeeRatePerMille: -1 } },
		{ fees: { vacancyPercent: 101 } },
		{ fees: { dueDay: '20' } },
		{ keys: { loanHours: 0 } },
		{ sessions: { staffIdleMinutes: 0 } },
		{ kiosk: { idleSeconds: 5 } },
		{ tickets: { holidays: ['2026/10/01'] } },
		// Upper limits: a billion working days would hang the time-limit arithmetic.
		{ tickets: { developerTransferWorkingDays: 1e9 } },
		{ tickets: { recordWithinMinutes: 1441 } },
		{ tickets: { holidays: Array.from({ length: 501 }, () => '2026-10-01') } },
		{ sessions: { staffAbsoluteHours: 73 } },
		{ kiosk: { idleSeconds: 601 } },
		{ kiosk: { phone: '1'.repeat(41) } },
		{ renovation: { depositFen: MAX_FEN + 1 } },
		{ renovation: { passCardFeeFen: 10.5 } }
	])('an out-of-range stored value %j is not used: the defaults apply', (bad) => {
		expect(parseSettings(JSON.stringify(bad))).toEqual(settingsSchema.parse({}));
	});

	it('accepts the limits themselves', () => {
		const s = parseSettings(
			JSON.stringify({
				fees: { dueDay: 28, lateFeeRatePerMille: 0, lateFeeCapPercent: 0, vacancyPercent: 100 },
				keys: { loanHours: 0.25 }
			})
		);
		expect([
			s.fees.dueDay,
			s.fees.lateFeeRatePerMille,
			s.fees.lateFeeCapPercent,
			s.fees.vacancyPercent,
			s.keys.loanHours
		]).toEqual([28, 0, 0, 100, 0.25]);
	});
});

describe('parseSettings section fallback', () => {
	it('keeps the valid sections when one section is invalid', () => {
		const s = parseSettings(JSON.stringify({ fees: { dueDay: 15 }, keys: { loanHours: 'soon' } }));
		expect(s.fees.dueDay).toBe(15);
		expect(s.keys.loanHours).toBe(2);
	});
});

describe('effective-dated settings: the value in force on a day', () => {
	const changes: SettingChange<number>[] = [
		{ id: 2, key: 'lateFeeRatePerMille', value: 2, from: '2026-12-06' },
		{ id: 5, key: 'lateFeeRatePerMille', value: 1, from: '2027-03-01' },
		{ id: 3, key: 'vacancyPercent', value: 80, from: '2026-01-01' },
		{ id: 4, key: 'lateFeeRatePerMille', value: 4, from: '2026-12-06' }
	];
	it('before the first change: the opening value', () => {
		expect(valueInForce(3, changes, 'lateFeeRatePerMille', '2026-12-05')).toBe(3);
		expect(valueInForce(3, [], 'lateFeeRatePerMille', '2030-01-01')).toBe(3);
	});
	it('on the change day: the new value (two changes that day: the later one)', () => {
		expect(valueInForce(3, changes, 'lateFeeRatePerMille', '2026-12-06')).toBe(4);
	});
	it('between changes, and after the last', () => {
		expect(valueInForce(3, changes, 'lateFeeRatePerMille', '2027-02-28')).toBe(4);
		expect(valueInForce(3, changes, 'lateFeeRatePerMille', '2027-03-01')).toBe(1);
		expect(valueInForce(3, changes, 'lateFeeRatePerMille', '2099-01-01')).toBe(1);
	});
	it('the next scheduled change after today, or none', () => {
		expect(nextChange(changes, 'lateFeeRatePerMille', '2026-12-05')).toMatchObject({
			value: 4,
			from: '2026-12-06'
		});
		expect(nextChange(changes, 'lateFeeRatePerMille', '2026-12-06')).toMatchObject({
			value: 1,
			from: '2027-03-01'
		});
		expect(nextChange(changes, 'lateFeeRatePerMille', '2027-03-01')).toBeNull();
		// A change that only restores the value in force (a cancelled one) is no change.
		const cancelled = [
			...changes,
			{ id: 9, key: 'lateFeeRatePerMille', value: 4, from: '2027-03-01' }
		];
		expect(nextChange(cancelled, 'lateFeeRatePerMille', '2026-12-06')).toBeNull();
		expect(
			nextChange(
				[{ id: 1, key: 'dueDay', value: 20, from: '2027-01-01' }],
				'dueDay',
				'2026-12-06',
				20
			)
		).toBeNull();
	});
	it('settingsOn puts the priced values of the day in, and leaves the rest', () => {
		const s = settingsSchema.parse({});
		const on = settingsOn(s, changes, '2026-12-06');
		expect(on.fees).toMatchObject({ lateFeeRatePerMille: 4, vacancyPercent: 80, dueDay: 20 });
		expect(on.tickets).toEqual(s.tickets);
		expect(settingsOn(s, changes, '2025-12-31').fees.vacancyPercent).toBe(90);
	});
	it('the late-fee schedule: one period per change day of rate or cap', () => {
		const s = settingsSchema.parse({});
		const all: SettingChange[] = [
			...changes,
			{ id: 6, key: 'lateFeeCapPercent', value: null, from: '2027-01-01' }
		];
		expect(lateFeeSchedule(s, all)).toEqual([
			{ from: '0000-01-01', ratePerMille: 3, capPercent: 100 },
			{ from: '2026-12-06', ratePerMille: 4, capPercent: 100 },
			{ from: '2027-01-01', ratePerMille: 4, capPercent: null },
			{ from: '2027-03-01', ratePerMille: 1, capPercent: null }
		]);
	});
});
