export * from './errors';
export * from './memberships';
export * from './communities';
export * from './dashboard';
