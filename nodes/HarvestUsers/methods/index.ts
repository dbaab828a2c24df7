import * as people from './loadOptionsPeople';
import * as rates from './loadOptionsRates';

export * as listSearch from './listSearch';

export const loadOptions = { ...people, ...rates };
