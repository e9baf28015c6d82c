import { AppError, statusOf } from '../errors';

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

const status = statusOf<CompanyErrorCode>({
	not_member: 403,
	not_found: 404,
	code_taken: 409
});

export class CompanyError extends AppError<CompanyErrorCode> {
	constructor(code: CompanyErrorCode, detail: Record<string, unknown> = {}) {
		super('company', code, detail, status(code));
		this.name = 'CompanyError';
	}
}
