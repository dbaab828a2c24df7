import * as people from './loadOptionsPeople';
import * as projects from './loadOptionsProjects';

export * as listSearch from './listSearch';

export const loadOptions = { ...people, ...projects };
