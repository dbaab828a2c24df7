import { activeStateOperation } from './userBody';

export const { description, execute } = activeStateOperation('restore', true);
