import { beforeEach, describe, expect, it, vi } from 'vitest';
import { eq } from 'drizzle-orm';
import { twoConnections } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { tx, type Db } from '../db';
import { pgBridge } from '../db/pg-bridge';
import { testingOnPg } from '../db/pg-test-template';
import { communities } from '../db/schema';
import { parseForm } from '../forms';
import {
	saveSettings,
	settingsFormSchema,
	settingsFormValues,
	type SettingsForm
} from '../admin/settings';
import { todayIn } from '../../dates';
import { getCommunity } from './index';

/*
 * Two app instances behind a load balancer: two connections to one file, and — for instance B —
 * this module loaded afresh, so B has a memory of its own as another process would.
 */
type CommunityModule = typeof import('./index');

let a: Db;
let b: Db;
let f: Fixture;
let instanceB: CommunityModule;
beforeEach(async () => {
	({ a, b } = twoConnections());
	f = createFixture(a);
	vi.resetModules();
	instanceB = await import('./index');
});

const NOW = Date.now();
const TODAY = todayIn('Asia/Shanghai', NOW);

/** Instance A's admin saves the settings form with these boxes changed, in force today. */
function saveOnA(over: Partial<Record<keyof SettingsForm, string>>) {
	const p = parseForm(settingsFormSchema, {
		...settingsFormValues(a, f.communityId, new Date(NOW)),
		effectiveFrom: TODAY,
		...over
	});
	if (!p.ok) throw new Error(JSON.stringify(p.errors));
	const r = saveSettings(
		a,
		{ id: f.adminId, communityId: f.communityId, role: 'admin' },
		p.data,
		NOW
	);
	expect(r.ok).toBe(true);
}

describe('settings saved on one instance', () => {
	it('a priced setting (late-fee rate) is used by the other instance on its next read', () => {
		const before = instanceB.getCommunity(b, f.communityId).settings.fees.lateFeeRatePerMille;
		saveOnA({ lateFeeRatePerMille: String(before + 1) });
		expect(instanceB.getCommunity(b, f.communityId).settings.fees.lateFeeRatePerMille).toBe(
			before + 1
		);
	});
	it('a setting saved in place (loan hours, name) is seen by the other instance', () => {
		expect(instanceB.getCommunity(b, f.communityId).name).toBe('测试小区');
		saveOnA({ name: '新名字', keyLoanHours: '7' });
		const c = instanceB.getCommunity(b, f.communityId);
		expect([c.name, c.settings.keys.loanHours]).toEqual(['新名字', 7]);
	});
	it('a write by any other path (a tool, SQL) also moves the version', () => {
		instanceB.getCommunity(b, f.communityId);
		a.update(communities)
			.set({ centreName: '别处' })
			.where(eq(communities.id, f.communityId))
			.run();
		expect(instanceB.getCommunity(b, f.communityId).centreName).toBe('别处');
	});
	it('an unchanged community is answered from memory: the same copy twice', () => {
		const first = getCommunity(a, f.communityId);
		expect(getCommunity(a, f.communityId)).toBe(first);
		// Another connection (another database, a restored snapshot) never shares this copy.
		expect(getCommunity(b, f.communityId)).not.toBe(first);
	});
});

describe('inside one transaction', () => {
	const rename = (name: string) =>
		a.update(communities).set({ centreName: name }).where(eq(communities.id, f.communityId)).run();
	const centre = () => getCommunity(a, f.communityId).centreName;

	it('sees its own writes, and what a rolled-back savepoint undid', () => {
		tx(a, () => {
			centre();
			rename('甲');
			expect(centre()).toBe('甲');
			expect(() =>
				tx(a, () => {
					rename('乙');
					expect(centre()).toBe('乙');
					throw new Error('undo');
				})
			).toThrow('undo');
			expect(centre()).toBe('甲');
		});
		expect(centre()).toBe('甲');
	});

	it.skipIf(!testingOnPg())(
		'checks the settings version once (PostgreSQL: a round trip each)',
		() => {
			const call = vi.spyOn(pgBridge(), 'call');
			try {
				tx(a, () => {
					for (let i = 0; i < 3; i++) getCommunity(a, f.communityId);
				});
				const reads = call.mock.calls.filter(([r]) =>
					/^select "settings_version"/.test(r.text ?? '')
				);
				expect(reads).toHaveLength(1);
			} finally {
				call.mockRestore();
			}
		}
	);
});
