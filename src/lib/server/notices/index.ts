// Notices (公告): posting, revising and withdrawing (commands.ts), what shows now and the history
// (queries.ts). Rules live in domain/notices.ts.
export * from './commands';
export * from './queries';
export { NoticeError, type NoticeErrorCode } from './errors';
