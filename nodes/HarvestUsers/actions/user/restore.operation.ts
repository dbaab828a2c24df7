import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

// STUB: to be implemented (user.restore).
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	throw new NodeOperationError(this.getNode(), 'user.restore is not implemented yet', { itemIndex });
}
