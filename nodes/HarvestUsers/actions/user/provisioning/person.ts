import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

/** The person's fields as the node's parameters give them for this item (expressions resolved per item). */
export function readPersonFields(ctx: IExecuteFunctions, itemIndex: number): IDataObject {
	return {
		email: ctx.getNodeParameter('email', itemIndex, ''),
		firstName: ctx.getNodeParameter('firstName', itemIndex, ''),
		lastName: ctx.getNodeParameter('lastName', itemIndex, ''),
		...(ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
}
