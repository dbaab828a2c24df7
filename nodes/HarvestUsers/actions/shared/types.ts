import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	INodePropertyOptions,
} from 'n8n-workflow';

/**
 * One operation = one module, and the module is all there is to it: its resource file lists it in
 * one line, and the Operation dropdown, the router's map and the one-write-per-record keys are
 * derived from what it exports (operations.ts, recordKey.ts). operations.ts checks every module
 * against these types, so a module that leaves a part out does not compile.
 */

/** The operation's entry in its resource's Operation dropdown. `value` is what saved workflows store. */
export interface OperationOption extends INodePropertyOptions {
	value: string;
	action: string;
	description: string;
}

interface OperationParts {
	option: OperationOption;
	/** The operation's fields, shown only for its resource and operation (updateDisplayOptions). */
	description: INodeProperties[];
}

/** Works item by item; the router adds pairedItem and Continue On Fail. */
export interface ItemOperation extends OperationParts {
	/**
	 * The parameter that names the record an item writes, so that items writing one record run
	 * one after another (recordKey.ts); `null` when the operation only reads.
	 */
	recordParameter: string | null;
	/** Returns the Harvest record(s) for this item. */
	execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject | IDataObject[]>;
}

/** Reads all input items at once, e.g. reconcile, where the items together are the roster. */
export interface BatchOperation extends OperationParts {
	executeAll(this: IExecuteFunctions, items: INodeExecutionData[]): Promise<INodeExecutionData[]>;
}

export type OperationModule = ItemOperation | BatchOperation;

/**
 * A resource's operations by value, as its `*.resource.ts` lists them. Every resource has Get
 * Many: its Operation dropdown starts there.
 */
export type ResourceOperations = Record<string, OperationModule> & { getAll: OperationModule };
