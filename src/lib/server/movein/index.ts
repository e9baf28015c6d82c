/**
 * Move-in (接房) at the counter, DOMAIN.md §5: reads in queries.ts, writes in commands.ts, the
 * pages' form schemas in forms.ts, words in labels.ts. Rules live in domain/movein-checklist.ts.
 */
export {
	MoveInError,
	caseMonths,
	findUnit,
	getCase,
	listOpenCases,
	listPending,
	openCaseOfUnit,
	type Actor,
	type CaseItemView,
	type CaseRow,
	type CaseView,
	type MoveInErrorCode,
	type OpenCaseSummary,
	type PendingUnit,
	type Receipt,
	type UnitWithOwner
} from './queries';
export * from './commands';
export { MAX_KEYS, MAX_PERSONS } from '../../domain/movein-checklist';
