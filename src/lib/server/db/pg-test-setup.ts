import { setupPgTemplate } from './pg-test-template';

/** Vitest global setup (vitest.config.ts): the PostgreSQL template when `TEST_DB=postgres`. */
export default setupPgTemplate;
