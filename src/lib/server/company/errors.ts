import { areaError } from '../errors';

/** A refused company write: a community, a membership or a switch (nothing is written). */
export type CompanyErrorCode =
	| 'unknown_community'
	| 'not_member'
	| 'unknown_user'
	| 'home_community'
	| 'head_office'
	| 'inactive'
	| 'code_taken'
	| 'bad_time_zone'
	| 'not_found';

export const CompanyError = areaError<CompanyErrorCode>('company', 'CompanyError', {
	not_member: 403,
	not_found: 404,
	code_taken: 409
});
export type CompanyError = InstanceType<typeof CompanyError>;
