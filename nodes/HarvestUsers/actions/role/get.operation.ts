import { NodeOperationError, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

// STUB: to be implemented (role.get).
export const description: INodeProperties[] = [];

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	throw new NodeOperationError(this.getNode(), 'role.get is not implemented yet', { itemIndex });
}
