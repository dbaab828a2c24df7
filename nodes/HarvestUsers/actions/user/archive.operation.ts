import { activeStateOperation } from './userBody';

export const { description, execute } = activeStateOperation('archive', false);
