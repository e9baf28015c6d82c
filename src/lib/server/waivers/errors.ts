/**
 * A refused waiver step. `code` maps to a translated message in the route (`messages.ts`);
 * `detail.errors` lists every rule broken when there are several. Nothing was written.
 */
export class WaiverError extends Error {
	constructor(
		public code: string,
		public detail: Record<string, unknown> = {}
	) {
		super(code);
		this.name = 'WaiverError';
	}
}
