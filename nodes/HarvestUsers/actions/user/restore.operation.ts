import { activeStateOperation } from './fields/userBody';

export const { description, execute } = activeStateOperation('restore', true);
