export { baseRoleOf, requireWholeRoster, tokenUser, type RosterNeed } from './access';
export { accountsUrl } from './accounts';
export { requireId, toId } from './ids';
export { harvestPath } from './path';
export { harvestList, harvestPages, type PageRequest } from './paginate';
export {
	configureExecution,
	credentialTypeFor,
	harvestRequest,
	harvestRequestFull,
	type HarvestContext,
	type HarvestRequest,
	type HarvestResponse,
} from './request';
export { settings, type TransportSettings } from './settings';
