import { COST_RATE, rateCreate } from '../shared/rates';

export const { description, execute } = rateCreate(COST_RATE);
