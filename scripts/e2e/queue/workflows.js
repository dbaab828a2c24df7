'use strict';
/**
 * The workflows the queue-mode test creates over n8n's REST API. Node parameters use the
 * package's public field names, as a saved workflow would.
 */
const { randomUUID } = require('node:crypto');

const PKG = 'n8n-nodes-harvest-users';
const START = 'Start';

function node(name, type, parameters, position, extra = {}) {
	return { id: randomUUID(), name, type, typeVersion: 1, position, parameters, ...extra };
}

function chain(name, nodes) {
	const connections = {};
	for (let i = 0; i + 1 < nodes.length; i++) {
		connections[nodes[i].name] = { main: [[{ node: nodes[i + 1].name, type: 'main', index: 0 }]] };
	}
	return { name, nodes, connections, settings: { executionOrder: 'v1' } };
}

const credentials = (cred) => ({ harvestUsersApi: { id: cred.id, name: cred.name } });
const manualTrigger = () => node(START, 'n8n-nodes-base.manualTrigger', {}, [0, 0]);

/** Manual start → Harvest Users: list all users. */
function listUsers(cred) {
	return chain('Queue: list users', [
		manualTrigger(),
		node(
			'List users',
			`${PKG}.harvestUsers`,
			{ resource: 'user', operation: 'getAll', returnAll: true },
			[220, 0],
			{ credentials: credentials(cred) },
		),
	]);
}

/** The email of person `i` (1-based) of roster `prefix`. */
const rosterEmail = (prefix, i) => `${prefix}-${String(i).padStart(3, '0')}@queue.example.com`;

/**
 * Manual start → a Code node producing `size` people (`<prefix>-001@queue.example.com`…) →
 * Reconcile (applied, no archiving: several rosters share the account). Continue On Fail makes
 * a failed person an output item, so the summary's `failed` count is always there to read.
 */
function reconcileRoster(cred, prefix, size) {
	const jsCode = [
		`const pad = (i) => String(i).padStart(3, '0');`,
		`return Array.from({ length: ${size} }, (_, k) => ({ json: {`,
		`  email: '${prefix}-' + pad(k + 1) + '@queue.example.com',`,
		`  first_name: 'Queue', last_name: '${prefix.toUpperCase()} ' + pad(k + 1), weekly_hours: 30 } }));`,
	].join('\n');
	return chain(`Queue: reconcile roster ${prefix}`, [
		manualTrigger(),
		{ ...node('Roster', 'n8n-nodes-base.code', { jsCode }, [220, 0]), typeVersion: 2 },
		node(
			'Reconcile',
			`${PKG}.harvestUsers`,
			{
				resource: 'user',
				operation: 'reconcile',
				dryRun: false,
				email: '={{ $json.email }}',
				firstName: '={{ $json.first_name }}',
				lastName: '={{ $json.last_name }}',
				additionalFields: { weeklyCapacity: '={{ $json.weekly_hours }}' },
				archiveMissing: false,
				// Two of these share one token on two workers, where docs/queue-mode.md advises a
				// higher Max Retries: with the default 5, one quiet run saw 3 of 600 creates
				// throttled 6 times in a row (each item reported its own error, nothing was lost).
				requestOptions: { maxRetries: 10 },
			},
			[440, 0],
			{ credentials: credentials(cred), onError: 'continueRegularOutput' },
		),
	]);
}

/** Harvest Users Trigger (every minute; created and archived) → No Op, so each change runs a node on a worker. */
function watchUsers(cred) {
	return chain('Queue: watch users', [
		node(
			'Harvest Users Trigger',
			`${PKG}.harvestUsersTrigger`,
			{ pollTimes: { item: [{ mode: 'everyMinute' }] }, events: ['created', 'archived'] },
			[0, 0],
			{ credentials: credentials(cred) },
		),
		node('Seen', 'n8n-nodes-base.noOp', {}, [220, 0]),
	]);
}

module.exports = { START, listUsers, reconcileRoster, rosterEmail, watchUsers };
