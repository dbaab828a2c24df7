import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	ILoadOptionsFunctions,
	IPollFunctions,
} from 'n8n-workflow';

/** Every n8n context the transport is called from: node executions, dropdowns, polls, webhooks. */
export type HarvestContext =
	| IExecuteFunctions
	| ILoadOptionsFunctions
	| IPollFunctions
	| IHookFunctions;

export interface HarvestRequest {
	method: IHttpRequestMethods;
	/** `/v2/...` (build it with harvestPath), or an absolute `links.next` URL from Harvest. */
	path: string;
	qs?: IDataObject;
	body?: IDataObject;
	itemIndex?: number;
	/** For writes whose outcome is unknown after a failure: what the person should check. */
	checkHint?: string;
}

export interface HarvestResponse<T = unknown> {
	body: T;
	status: number;
	headers: Record<string, string>;
}
