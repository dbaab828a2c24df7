import { COST_RATE, rateGetAll } from '../shared/rates';

export const { description, execute } = rateGetAll(COST_RATE);
