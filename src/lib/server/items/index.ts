// The items area (物品寄存 · 物品放行); forms.ts and messages.ts are for routes.
export * from './queries';
export * from './commands';
export * from './errors';
export { itemMatters } from './matters';
export { owingOfUnits, type UnitOwing } from './arrears';
