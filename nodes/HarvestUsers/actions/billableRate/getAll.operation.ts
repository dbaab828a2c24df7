import { BILLABLE_RATE, rateGetAll } from '../shared/rates';

export const { description, execute } = rateGetAll(BILLABLE_RATE);
