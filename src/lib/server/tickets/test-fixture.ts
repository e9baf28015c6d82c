import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDb } from '../db/test-db';
import { createFixture, type Fixture } from '../db/fixtures';
import { forgetCommunity } from '../community';
import type { Db } from '../db';
import { staffActor, type TicketActor } from './index';

export interface TicketWorld {
	db: Db;
	fx: Fixture;
	clerk: TicketActor;
	manager: TicketActor;
	/** A fresh folder for the photos the test uploads. */
	photoDir: string;
}

/** A fresh fixture database with its clerk (李晓梅 C001) and manager (周主管 M001) as ticket actors. */
export function ticketWorld(photoDirPrefix: string): TicketWorld {
	forgetCommunity();
	const db = createTestDb();
	const fx = createFixture(db);
	const actor = (id: number, displayName: string, workNo: string, role: 'clerk' | 'manager') =>
		staffActor({ id, displayName, workNo, role, communityId: fx.communityId });
	return {
		db,
		fx,
		clerk: actor(fx.clerkId, '李晓梅', 'C001', 'clerk'),
		manager: actor(fx.managerId, '周主管', 'M001', 'manager'),
		photoDir: mkdtempSync(join(tmpdir(), photoDirPrefix))
	};
}
