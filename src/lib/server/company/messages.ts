// Translations of refused company writes. Routes only (uses Paraglide).
import { m } from '$lib/paraglide/messages.js';
import type { ErrorMessages } from '../errors';
import type { CompanyErrorCode } from './errors';

export const companyMessages: ErrorMessages<CompanyErrorCode> = {
	messages: {
		unknown_community: () => m.company_unknown_community(),
		not_member: () => m.company_not_member(),
		unknown_user: (d) => m.company_unknown_user({ username: String(d.username ?? '') }),
		home_community: () => m.company_home_community(),
		head_office: () => m.company_head_office_member(),
		inactive: () => m.company_inactive_user(),
		code_taken: (d) => m.company_code_taken({ code: String(d.code ?? '') }),
		bad_time_zone: () => m.company_bad_time_zone(),
		not_found: () => m.company_not_found()
	},
	fields: {
		unknown_community: 'communityId',
		unknown_user: 'username',
		home_community: 'communityId',
		head_office: 'username',
		inactive: 'username',
		code_taken: 'code',
		bad_time_zone: 'timeZone'
	},
	fallback: () => m.company_not_found()
};
