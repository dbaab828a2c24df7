import { COST_RATE, rateGet } from '../shared/rates';

export const { description, execute } = rateGet(COST_RATE);
