import { Router } from '../router';
import { registerAssignments } from './assignments';
import { registerCatalog } from './catalog';
import { registerRates } from './rates';
import { registerRoles } from './roles';
import { registerUsers } from './users';

/** Every Harvest route the sandbox serves. `/users/me…` routes come before `/users/:userId…`. */
export function harvestRoutes(): Router {
	const r = new Router();
	registerAssignments(r);
	registerUsers(r);
	registerRates(r);
	registerRoles(r);
	registerCatalog(r);
	return r;
}
