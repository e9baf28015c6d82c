import type { Db } from '../db';
import { getCommunity } from '../community';
import { nowMs } from '../clock';
import { moveInChecklistPdf } from '../pdf/movein-checklist';
import { getCase } from './index';
import { formLabel, groupLabel, itemLabel, ownerTypeLabel } from './labels';

/** The printed checklist of a case (always in Chinese: it is the document the owner takes home). */
export async function checklistPdf(
	db: Db,
	communityId: number,
	caseId: number,
	printedBy: string,
	now = nowMs()
): Promise<Buffer> {
	const view = getCase(db, communityId, caseId);
	const community = getCommunity(db, communityId);
	const zh = 'zh-CN' as const;
	const c = view.case;
	return moveInChecklistPdf({
		communityName: community.name,
		centreName: community.centreName,
		centrePhone: community.settings.kiosk.phone,
		timeZone: community.timeZone,
		caseId: c.id,
		unitCode: view.unit.code,
		ownerName: c.ownerName,
		ownerType: ownerTypeLabel(c.ownerType, zh),
		mortgage: c.mortgage,
		proxy: c.proxy,
		proxyName: c.proxyName,
		persons: c.persons,
		openedAt: c.openedAt,
		completed:
			c.status === 'completed' && c.completedAt
				? {
						at: c.completedAt,
						byName: view.completedByName ?? '',
						keys: c.keysHandedOver ?? 0,
						recipient: c.keysRecipient ?? ''
					}
				: null,
		items: view.items.map((i) => ({
			label: itemLabel(i.code, zh),
			group: groupLabel(i.group, zh),
			form: formLabel(i, zh),
			required: i.required,
			received: i.received ? { at: i.received.at, byName: i.received.byName } : null,
			notes: i.notes.filter((n) => n.kind === 'missing').map((n) => n.note)
		})),
		months: view.months,
		monthsPaid: view.monthsPaid,
		printedAt: now,
		printedBy
	});
}
