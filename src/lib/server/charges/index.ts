// Fee items as data, one-off charges at the counter and the paid-services price list (issue 18).
export * from './errors';
export * from './items';
export * from './services';
export * from './raise';
export { seedChargeData, DEMO_PAID_SERVICES } from './seed';
