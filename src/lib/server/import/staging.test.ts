import { beforeEach, describe, expect, it, vi } from 'vitest';
import { twoConnections } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import type { Db } from '../db';
import { analyseImport, confirmImport } from './service';
import {
	findStaged,
	getProgress,
	MAX_STAGED,
	PROGRESS_EVERY_MS,
	progressWriter,
	stage,
	STAGED_TTL_MS,
	unstage
} from './staging';

/*
 * Two app instances: two connections to one file, and for instance B this module loaded afresh
 * (a memory of its own, as another process has).
 */
type StagingModule = typeof import('./staging');

const TODAY = '2026-11-23';
const NOW = Date.parse('2026-11-23T02:00:00Z');
const UNITS =
	'\uFEFF楼栋,单元,房号,建筑面积,用途,状态,交房通知日期,接房日期\r\n5,1,501,80.00,,,,\r\n';

let a: Db;
let b: Db;
let f: Fixture;
let instanceB: StagingModule;
beforeEach(async () => {
	({ a, b } = twoConnections());
	f = createFixture(a);
	vi.resetModules();
	instanceB = await import('./staging');
});

const file = (over: Partial<Parameters<typeof stage>[1]> = {}) => ({
	communityId: f.communityId,
	actorId: f.adminId,
	bytes: new TextEncoder().encode(UNITS),
	fileName: 'units.csv',
	encoding: null,
	kind: 'units' as const,
	digest: 'd',
	...over
});

describe('a file staged between preview and confirm', () => {
	it('previewed on one instance is confirmed on the other', async () => {
		const bytes = new TextEncoder().encode(UNITS);
		const upload = { bytes, fileName: 'units.csv' };
		const p = await analyseImport(a, f.communityId, upload, TODAY);
		const token = stage(a, { ...file(), digest: p.digest }, NOW);
		const s = instanceB.findStaged(b, token, f.communityId, f.adminId, NOW + 60_000);
		expect(s && [s.fileName, s.kind, s.digest, [...s.bytes]]).toEqual([
			'units.csv',
			'units',
			p.digest,
			[...bytes]
		]);
		const r = await confirmImport(b, f.communityId, s!, { id: f.adminId }, TODAY, NOW, s!.digest);
		expect(r.added).toBe(1);
		instanceB.unstage(b, token);
		expect(findStaged(a, token, f.communityId, f.adminId, NOW)).toBeNull();
	});
	it('is found only by its admin, in its community, before it expires', () => {
		const token = stage(a, file(), NOW);
		expect(findStaged(b, token, f.communityId, f.adminId, NOW + 1000)?.fileName).toBe('units.csv');
		expect(findStaged(b, token, f.communityId, f.managerId, NOW + 1000)).toBeNull();
		expect(findStaged(b, token, f.otherCommunityId, f.adminId, NOW + 1000)).toBeNull();
		expect(findStaged(b, token, f.communityId, f.adminId, NOW + STAGED_TTL_MS + 1)).toBeNull();
		unstage(a, token);
		expect(findStaged(b, token, f.communityId, f.adminId, NOW + 1000)).toBeNull();
	});
	it('stays bounded: expired files are purged, a community keeps its newest few', () => {
		const rows = () =>
			(a.$client.prepare('SELECT count(*) AS n FROM import_staged').get() as { n: number }).n;
		stage(a, file(), NOW);
		stage(a, file({ communityId: f.otherCommunityId }), NOW);
		const later = NOW + STAGED_TTL_MS + 1;
		const tokens = Array.from({ length: MAX_STAGED + 2 }, (_, i) => stage(a, file(), later + i));
		expect(rows()).toBe(MAX_STAGED);
		const found = tokens.map((t) => findStaged(a, t, f.communityId, f.adminId, later) !== null);
		expect(found).toEqual(tokens.map((_, i) => i >= 2));
	});
});

describe('the progress of a preview being checked', () => {
	it('written on the instance checking it, read on the one the page polls', () => {
		const write = progressWriter(a, 'job-12345678', f.adminId);
		write({ phase: 'reading', done: 0, total: 0 }, NOW);
		write({ phase: 'checking', done: 2000, total: 6000 }, NOW + 10);
		expect(instanceB.getProgress(b, 'job-12345678', f.adminId)).toMatchObject({
			phase: 'checking',
			done: 2000,
			total: 6000
		});
		// Another admin neither reads nor moves it.
		expect(getProgress(b, 'job-12345678', f.managerId)).toBeNull();
		progressWriter(b, 'job-12345678', f.managerId)({ phase: 'done', done: 0, total: 0 }, NOW);
		expect(getProgress(b, 'job-12345678', f.adminId)?.phase).toBe('checking');
	});
	it('is throttled: a report within the interval is skipped, a phase change never is', () => {
		const write = progressWriter(a, 'job-abcdefgh', f.adminId);
		const done = () => getProgress(b, 'job-abcdefgh', f.adminId)?.done;
		write({ phase: 'checking', done: 2000, total: 8000 }, NOW);
		write({ phase: 'checking', done: 4000, total: 8000 }, NOW + PROGRESS_EVERY_MS - 1);
		expect(done()).toBe(2000);
		write({ phase: 'checking', done: 6000, total: 8000 }, NOW + PROGRESS_EVERY_MS);
		expect(done()).toBe(6000);
		write({ phase: 'done', done: 0, total: 0 }, NOW + PROGRESS_EVERY_MS + 1);
		expect(getProgress(b, 'job-abcdefgh', f.adminId)?.phase).toBe('done');
	});
});
