import { describe, it, expect } from 'vitest';
import { parseSettings, settingsSchema } from './settings';
import { MAX_FEN } from '../money';

describe('parseSettings', () => {
	it("gives the service standard's defaults when nothing is stored", () => {
		const s = parseSettings('{}');
		expect(s.fees).toMatchObject({ dueDay: 20, lateFeeRatePerMille: 3, lateFeeCapPercent: 100, vacancyPercent: 90, vacancyAfterMonths: 12, moveInPrepayMonths: 6 });
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

	it.each([null, undefined, '', 'not json', '[]', 'null', '42', '"text"', '{"fees":'])('never throws on %j: defaults instead', (raw) => {
		expect(parseSettings(raw)).toEqual(settingsSchema.parse({}));
	});

	it('keeps stored values and fills only what is missing, section by section', () => {
		const s = parseSettings(JSON.stringify({ fees: { dueDay: 25 }, kiosk: { phone: '0571-8888 6666' } }));
		expect(s.fees.dueDay).toBe(25);
		expect(s.fees.lateFeeRatePerMille).toBe(3);
		expect(s.kiosk).toMatchObject({ phone: '0571-8888 6666', idleSeconds: 60 });
		expect(s.sessions.staffIdleMinutes).toBe(30);
	});

	it('a stored null cap means no cap; a missing cap means the 100 % default', () => {
		expect(parseSettings(JSON.stringify({ fees: { lateFeeCapPercent: null } })).fees.lateFeeCapPercent).toBeNull();
		expect(parseSettings(JSON.stringify({ fees: {} })).fees.lateFeeCapPercent).toBe(100);
	});

	it('ignores keys it does not know (another version may have written them)', () => {
		const s = parseSettings(JSON.stringify({ futureArea: { x: 1 }, fees: { dueDay: 5, other: true } }));
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
		const s = parseSettings(JSON.stringify({ fees: { dueDay: 28, lateFeeRatePerMille: 0, lateFeeCapPercent: 0, vacancyPercent: 100 }, keys: { loanHours: 0.25 } }));
		expect([s.fees.dueDay, s.fees.lateFeeRatePerMille, s.fees.lateFeeCapPercent, s.fees.vacancyPercent, s.keys.loanHours]).toEqual([28, 0, 0, 100, 0.25]);
	});
});

describe('parseSettings section fallback', () => {
	it('keeps the valid sections when one section is invalid', () => {
		const s = parseSettings(JSON.stringify({ fees: { dueDay: 15 }, keys: { loanHours: 'soon' } }));
		expect(s.fees.dueDay).toBe(15);
		expect(s.keys.loanHours).toBe(2);
	});
});
