import { BILLABLE_RATE, rateCreate } from '../shared/rates';

export const { description, execute } = rateCreate(BILLABLE_RATE);
