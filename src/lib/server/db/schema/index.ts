// Every area's tables; drizzle-kit reads this file. Add a file per area and export it here.
export * from './core';
export * from './ledger';
export * from './tickets';
export * from './keys';
export * from './movein';
export * from './renovation';
export * from './queue';
export * from './waivers';
export * from './shifts';
export * from './pricing';
export * from './charges';
export * from './imports';
export * from './arrears';
export * from './notices';
