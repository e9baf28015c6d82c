/**
 * The receipts journal (收款流水) and statement reconciliation (对账), issue 19. What the routes
 * may import.
 */
export * from './queries';
export * from './commands';
export * from './errors';
export * from './export';
export { JOURNAL_SORTS, type JournalSort } from './sql';
export * from './statement';
