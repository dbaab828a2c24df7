import { NodeOperationError, updateDisplayOptions, type IDataObject, type IExecuteFunctions, type INodeProperties } from 'n8n-workflow';

import { harvestList, type PageRequest } from '../../transport';
import { readLimit } from './parameters';
import type { ItemOperation } from '../types';

/** An operation module built by a factory: its fields shown only for this resource and operation. */
export function itemOperation(
	resource: string,
	operation: string,
	properties: INodeProperties[],
	execute: ItemOperation['execute'],
): ItemOperation {
	return { description: updateDisplayOptions({ show: { resource: [resource], operation: [operation] } }, properties), execute };
}

/**
 * A record picked from a dropdown that depends on another field (a user's rates, a project's
 * assignments), or given as an ID through an expression.
 */
export function dependentIdOption(
	displayName: string,
	name: string,
	loadOptionsMethod: string,
	dependsOn: string,
): INodeProperties {
	return {
		displayName: `${displayName} Name or ID`,
		name,
		type: 'options',
		typeOptions: { loadOptionsMethod, loadOptionsDependsOn: [`${dependsOn}.value`] },
		required: true,
		default: '',
		description:
			'Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>',
	};
}

/** The "Filters" collection of a Get Many, with Harvest's query parameter names as field names. */
export function filtersCollection(options: INodeProperties[], overrides: Partial<INodeProperties> = {}): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, options, ...overrides };
}

/** A Harvest list read with the item's Return All / Limit. */
export async function listRecords(
	ctx: IExecuteFunctions,
	itemIndex: number,
	list: Omit<PageRequest, 'limit' | 'itemIndex'>,
): Promise<IDataObject[]> {
	return await harvestList(ctx, { ...list, limit: readLimit(ctx, itemIndex), itemIndex });
}

/** Runs a pure input check; its plain `Error` becomes an item error that says what to fix, before any request. */
export function checkInput<T>(ctx: IExecuteFunctions, itemIndex: number, check: () => T, description?: string): T {
	try {
		return check();
	} catch (error) {
		throw new NodeOperationError(ctx.getNode(), (error as Error).message, { itemIndex, description });
	}
}
