import { Router } from '../router.cjs';
import { registerAssignments } from './assignments.cjs';
import { registerCatalog } from './catalog.cjs';
import { registerRates } from './rates.cjs';
import { registerRoles } from './roles.cjs';
import { registerUsers } from './users.cjs';

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
