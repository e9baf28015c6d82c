import { m } from '$lib/paraglide/messages.js';
import type { CommunitySettings } from '$lib/domain/settings';

// The kiosk's default wall texts quote the community's ticket time limits, so they never contradict them.

/** The standard's report-and-complaint procedure with this community's time limits (the kiosk's default wall text). */
export function reportProcedureDefault(t: CommunitySettings['tickets']): string {
	return m.kiosk_info_report_default({
		record: t.recordWithinMinutes,
		notify: t.supervisorNotifyMinutes,
		transfer: t.developerTransferWorkingDays,
		followEng: t.followUpDaysEngineering,
		followProp: t.followUpDaysProperty,
		enquiry: t.enquiryAnswerHours,
		visit: t.returnVisitWorkingDays,
		result: t.resultDays
	});
}

/** The standard's service commitments with this community's recording time limit. */
export function serviceCommitmentsDefault(t: CommunitySettings['tickets']): string {
	return m.kiosk_info_commitments_default({ record: t.recordWithinMinutes });
}
