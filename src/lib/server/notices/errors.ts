import { areaError } from '../errors';
import type { NoticeErrorCode as RuleCode } from '../../domain/notices';
import type { PhotoError } from '../uploads/photos';

export type NoticeErrorCode =
	RuleCode | PhotoError['code'] | 'not_found' | 'withdrawn' | 'idempotency_conflict';

/**
 * A refused notice write; nothing was written. `detail.errors` lists every broken rule (each
 * marks its field), photo errors carry the file's name and the limit.
 */
export const NoticeError = areaError<NoticeErrorCode>('notices', 'NoticeError', {
	not_found: 404,
	withdrawn: 409,
	idempotency_conflict: 409
});
export type NoticeError = InstanceType<typeof NoticeError>;
