export { baseRoleOf, requireWholeRoster, tokenUser, type RosterNeed } from './access';
export { accountsUrl } from './accounts';
export { readTarget } from './credential';
export { requireId, toId } from './ids';
export { harvestPath } from './path';
export { harvestList, harvestPages, type PageRequest } from './paginate';
export { configureExecution, harvestRequest, harvestRequestFull } from './request';
export { settings, type TransportSettings } from './settings';
export type { HarvestContext, HarvestRequest, HarvestResponse } from './types';
