/**
 * Project user assignments (reference §7) and task assignments (§8) share their shape: a list
 * across projects or of one project, and get/create/update/delete that exist only under
 * `/v2/projects/{id}/…`. One implementation serves both, parameterised by the kind; only what is
 * assigned (a user or a task) and the fields differ.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { harvestPath, harvestRequest } from '../../transport';
import { projectLocator, returnAllOrLimit } from './common.descriptions';
import { filtersToQuery, readProjectId } from './parameters';
import type { ItemOperation } from '../types';
import { archiveOptionsCollection, deleteOrArchive } from './deleteOrArchive';
import { toHarvestBody, type FieldMapping } from './fieldMap';
import { checkInput, dependentIdOption, filtersCollection, itemOperation, listRecords } from './itemOperation';

export interface AssignmentField extends FieldMapping {
	property: INodeProperties;
}

export interface AssignmentKind {
	resource: 'userAssignment' | 'taskAssignment';
	/** Path segment and list envelope key. */
	segment: 'user_assignments' | 'task_assignments';
	idParameter: 'userAssignmentId' | 'taskAssignmentId';
	loadOptionsMethod: 'getUserAssignments' | 'getTaskAssignments';
	/** "User Assignment", "Task Assignment". */
	title: string;
	/** What is assigned to the project: "user", "task". */
	assigned: string;
	/** Get Many's filters (Harvest's query parameter names). */
	filters: INodeProperties[];
	/** The fields create takes beside the assigned record, and update changes; in display-name order. */
	fields: AssignmentField[];
}

/** Field definitions shared by both kinds; `usedWhen` says which project setting makes the field count. */
export const assignmentFields = {
	isActive: (noun: string): AssignmentField => ({
		name: 'isActive',
		key: 'is_active',
		label: 'Active',
		property: {
			displayName: 'Active',
			name: 'isActive',
			type: 'boolean',
			default: true,
			description: `Whether the ${noun} is active. Archiving it (off) keeps its time entries but stops new time being tracked to it.`,
		},
	}),
	amount: (name: 'hourlyRate' | 'budget', usedWhen: string): AssignmentField => {
		const label = name === 'budget' ? 'Budget' : 'Hourly Rate';
		return {
			name,
			key: name === 'budget' ? 'budget' : 'hourly_rate',
			label,
			amount: true,
			property: {
				displayName: label,
				name,
				type: 'number',
				typeOptions: { minValue: 0, numberPrecision: 2 },
				default: 0,
				description: `${name === 'budget' ? 'The budget, in hours or money as the project budgets' : 'The hourly rate'}. Harvest uses it only when ${usedWhen}.`,
			},
		};
	},
	/** A yes/no field written out in full where it is used, so its wording and default stay readable there. */
	flag: (key: string, property: INodeProperties): AssignmentField => ({
		name: property.name,
		key,
		label: property.displayName,
		property,
	}),
};

function listOperation(kind: AssignmentKind): ItemOperation {
	const properties: INodeProperties[] = [
		{
			displayName: 'Scope',
			name: 'scope',
			type: 'options',
			default: 'all',
			options: [
				{ name: 'All Projects', value: 'all', description: `${kind.title}s of every project, newest first` },
				{ name: 'One Project', value: 'project', description: `${kind.title}s of the chosen project` },
			],
		},
		projectLocator({ displayOptions: { show: { scope: ['project'] } } }),
		...returnAllOrLimit,
		filtersCollection(kind.filters),
	];
	return itemOperation(kind.resource, 'getAll', properties, async function (itemIndex) {
		const perProject = this.getNodeParameter('scope', itemIndex) === 'project';
		const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
		return await listRecords(this, itemIndex, {
			path: perProject ? await assignmentPath(this, itemIndex, kind) : `/v2/${kind.segment}`,
			key: kind.segment,
			qs: filtersToQuery(this, filters, itemIndex),
		});
	});
}

/** `/v2/projects/{id}/<assignments>`, or one assignment of it when `withId` (IDs checked by harvestPath). */
async function assignmentPath(ctx: IExecuteFunctions, itemIndex: number, kind: AssignmentKind, withId = false): Promise<string> {
	const ids: Record<string, unknown> = { projectId: readProjectId(ctx, itemIndex) };
	if (withId) ids[kind.idParameter] = ctx.getNodeParameter(kind.idParameter, itemIndex);
	const template = `/v2/projects/{projectId}/${kind.segment}${withId ? `/{${kind.idParameter}}` : ''}`;
	return harvestPath(ctx.getNode(), template, ids, itemIndex);
}

const picked = (kind: AssignmentKind): INodeProperties[] => [
	projectLocator(),
	dependentIdOption(kind.title, kind.idParameter, kind.loadOptionsMethod, 'projectId'),
];

function getOperation(kind: AssignmentKind): ItemOperation {
	return itemOperation(kind.resource, 'get', picked(kind), async function (itemIndex) {
		return await harvestRequest(this, { method: 'GET', path: await assignmentPath(this, itemIndex, kind, true), itemIndex });
	});
}

const fieldsCollection = (kind: AssignmentKind, name: string, displayName: string): INodeProperties => ({
	displayName,
	name,
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	options: kind.fields.map((f) => f.property),
});

function readFields(ctx: IExecuteFunctions, itemIndex: number, kind: AssignmentKind, collection: string): IDataObject {
	const values = ctx.getNodeParameter(collection, itemIndex, {}) as IDataObject;
	return checkInput(ctx, itemIndex, () => toHarvestBody(values, kind.fields));
}

/** What create assigns: its fields and how to read them into the body (e.g. `{ user_id }`). */
export interface AssignedRecord {
	properties: INodeProperties[];
	read(ctx: IExecuteFunctions, itemIndex: number): Promise<IDataObject>;
}

function createOperation(kind: AssignmentKind, assigned: AssignedRecord): ItemOperation {
	const properties = [
		projectLocator(),
		...assigned.properties,
		fieldsCollection(kind, 'additionalFields', 'Additional Fields'),
	];
	return itemOperation(kind.resource, 'create', properties, async function (itemIndex) {
		const path = await assignmentPath(this, itemIndex, kind);
		const body = { ...(await assigned.read(this, itemIndex)), ...readFields(this, itemIndex, kind, 'additionalFields') };
		return await harvestRequest(this, {
			method: 'POST',
			path,
			body,
			itemIndex,
			checkHint: `Check the project's ${kind.title.toLowerCase()}s (Get Many, scope One Project) for this ${kind.assigned} before running this item again.`,
		});
	});
}

function updateOperation(kind: AssignmentKind): ItemOperation {
	const properties = [...picked(kind), fieldsCollection(kind, 'updateFields', 'Update Fields')];
	return itemOperation(kind.resource, 'update', properties, async function (itemIndex) {
		const body = readFields(this, itemIndex, kind, 'updateFields');
		checkInput(this, itemIndex, () => {
			if (Object.keys(body).length === 0) throw new Error(`Nothing to update: add at least one field under "Update Fields"`);
		});
		return await harvestRequest(this, { method: 'PATCH', path: await assignmentPath(this, itemIndex, kind, true), body, itemIndex });
	});
}

/**
 * Delete; with `archivedMeans` the operation offers "Archive Instead If Not Deletable" (archive =
 * `is_active: false`), where `archivedMeans` tells a person what archiving does.
 */
function deleteOperation(kind: AssignmentKind, blocked: { whenBlocked: string; archivedMeans?: string }): ItemOperation {
	const noun = kind.title.toLowerCase();
	const options = blocked.archivedMeans ? [archiveOptionsCollection(noun, blocked.archivedMeans)] : [];
	return itemOperation(kind.resource, 'delete', [...picked(kind), ...options], async function (itemIndex) {
		const path = await assignmentPath(this, itemIndex, kind, true);
		const archive = options.length > 0 && (this.getNodeParameter('options.archiveIfNotDeletable', itemIndex, false) as boolean);
		return await deleteOrArchive(this, itemIndex, {
			id: Number(this.getNodeParameter(kind.idParameter, itemIndex)),
			deletePath: path,
			noun,
			archive: archive ? { path, body: { is_active: false } } : undefined,
			whenBlocked: blocked.whenBlocked,
		});
	});
}

export const assignmentOperations = {
	getAll: listOperation,
	get: getOperation,
	create: createOperation,
	update: updateOperation,
	delete: deleteOperation,
};
