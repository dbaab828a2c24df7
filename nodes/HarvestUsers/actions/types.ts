import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

/**
 * One operation = one module. Most operations work item by item (`execute`); a few read all
 * input items at once (`executeAll`, e.g. reconcile, where the items together are the roster).
 */
export interface ItemOperation {
	description: INodeProperties[];
	/** Returns the Harvest record(s) for this item; the router adds pairedItem and Continue On Fail. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

export interface BatchOperation {
	description: INodeProperties[];
	executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type OperationModule = ItemOperation | BatchOperation;
