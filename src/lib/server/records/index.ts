// The community's records (住户档案): units, people and their dated ties, spaces, vehicles.
// Other areas import `unitTiesAsOf` / `currentUnitTies` from './ties' for "who is the owner".
export * from './ties';
export * from './queries';
export * from './commands';
export * from './errors';
