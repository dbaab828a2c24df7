import { BILLABLE_RATE, rateGet } from '../shared/rates';

export const { description, execute } = rateGet(BILLABLE_RATE);
