// Key register and lending log (钥匙借用册): data access and use cases. Rules live in domain/keys.ts.
export * from './queries';
export * from './commands';
export { seedKeys } from './seed';
