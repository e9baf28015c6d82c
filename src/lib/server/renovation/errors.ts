/**
 * A refused renovation write. `code` maps to a translated message (messages.ts); `detail` fills
 * it in (which worker, which deduction…). Thrown inside the transaction: nothing was written.
 */
export class RenovationError extends Error {
	constructor(
		public code: string,
		public detail: Record<string, unknown> = {}
	) {
		super(code);
		this.name = 'RenovationError';
	}
}
