'use strict';
/**
 * What each example must have done, checked against the sandbox's state (its admin API) and the
 * output n8n recorded. The examples run in order on one sandbox with the demo seed:
 * 1 creates Jane Doe, 2 archives Grace Okafor, 3 syncs the roster (creates Priya Singh, updates
 * Ana Souza's capacity, archives Daniel Kim), 4 watches a user created and one archived directly
 * in the sandbox.
 */
const assert = require('node:assert/strict');

const EXAMPLES = [
	{ id: 'harvestExample01', file: 'onboard-new-hire.json' },
	{ id: 'harvestExample02', file: 'offboard-by-email.json' },
	{ id: 'harvestExample03', file: 'roster-sync.json' },
	{ id: 'harvestExample04', file: 'watch-user-changes.json' },
];

const PROJECT_WEBSITE = 14308001;
const PROJECT_MOBILE = 14308003;
const HOURS = 3600;

const byEmail = (state, email) => state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
const only = (items, what) => {
	assert.ok(Array.isArray(items), `${what}: the node did not run`);
	assert.equal(items.length, 1, `${what}: expected 1 output item, got ${items.length}`);
	return items[0];
};

function assertOnboarded(state, nodes) {
	const user = byEmail(state, 'jane.doe@example.com');
	assert.ok(user, 'Jane Doe was not created in the sandbox');
	assert.equal(user.first_name, 'Jane');
	assert.equal(user.is_active, true);
	assert.deepEqual(user.access_roles, ['member'], 'access role');
	assert.equal(user.weekly_capacity, 32 * HOURS, 'weekly capacity (32 h in seconds)');
	assert.equal(only(nodes['Create user'], 'Create user').id, user.id, 'Create user output is the created user');

	const assigned = state.user_assignments.filter((a) => a.user_id === user.id).map((a) => a.project_id);
	assert.deepEqual(assigned.sort(), [PROJECT_WEBSITE, PROJECT_MOBILE].sort(), 'project assignments');
	assert.equal(nodes['Assign to project'].length, 2, 'one Assign to project item per project');

	const rates = state.billable_rates.filter((r) => r.user_id === user.id);
	assert.ok(rates.some((r) => r.amount === 125), `billable rate 125 not found: ${JSON.stringify(rates)}`);
	assert.equal(only(nodes['Set billable rate'], 'Set billable rate').amount, 125);
	assert.ok(state.invitations.some((i) => i.email === 'jane.doe@example.com'), 'Harvest (the sandbox) invited Jane');
	// n8n passes items through a disabled node unchanged: no email is built or sent
	if (nodes['Tell the manager'] !== undefined) {
		assert.deepEqual(nodes['Tell the manager'], nodes['Set billable rate'], 'the disabled email node only passes its input through');
	}
}

function assertOffboarded(state, nodes) {
	const grace = byEmail(state, 'grace.okafor@example.com');
	assert.equal(grace.is_active, false, 'Grace Okafor is still active');
	assert.equal(only(nodes['Find user by email'], 'Find user by email').id, grace.id, 'found by (differently cased) email');
	const report = only(nodes.Report, 'Report');
	assert.equal(report.archived, true, 'report: archived');
	assert.equal(report.goneFromActiveList, true, 'report: gone from the active list');
	assert.equal(report.userId, grace.id);
	const activeNow = state.users.filter((u) => u.is_active).length;
	assert.equal(report.activeUsers, activeNow, 'report counts the active users');
	assert.ok(!nodes['Active users'].some((u) => u.id === grace.id), 'Grace is not in the Active users output');
}

const ROSTER = [
	'sam.carter@example.com',
	'maya.patel@example.com',
	'leo.fischer@example.com',
	'ana.souza@example.com',
	'kenji.watanabe@example.com',
	'jane.doe@example.com',
	'priya.singh@example.com',
];

function assertRosterSynced(before, after, nodes) {
	const active = after.users.filter((u) => u.is_active).map((u) => u.email.toLowerCase());
	assert.deepEqual(active.sort(), [...ROSTER].sort(), 'active Harvest users = the roster');
	const priya = byEmail(after, 'priya.singh@example.com');
	assert.equal(priya.weekly_capacity, 40 * HOURS, 'Priya created with 40 h');
	assert.equal(byEmail(after, 'ana.souza@example.com').weekly_capacity, 30 * HOURS, "Ana's capacity updated to 30 h");
	assert.equal(byEmail(after, 'daniel.kim@example.com').is_active, false, 'Daniel Kim archived');
	assert.equal(byEmail(after, 'grace.okafor@example.com').is_active, false, 'Grace stays archived');
	assert.equal(after.users.length, before.users.length + 1, 'exactly one user created');

	const out = nodes['Reconcile with roster'];
	const summary = out.find((i) => i.action === 'summary');
	assert.ok(summary, 'reconcile output has a summary item');
	assert.equal(summary.dryRun, false);
	assert.deepEqual(
		{ created: summary.counts.created, updated: summary.counts.updated, archived: summary.counts.archived, failed: summary.counts.failed },
		{ created: 1, updated: 1, archived: 1, failed: 0 },
		'reconcile counts',
	);
	const report = only(nodes.Report, 'Report');
	assert.match(report.message, /Made 1 created, 1 updated, 1 archived, 0 failed/);
}

/** Changes made directly in the sandbox (as if someone used Harvest's web UI) for the trigger. */
async function changeUsersForTrigger(api) {
	const state = await api('GET', '/__sandbox/state');
	const kenji = byEmail(state, 'kenji.watanabe@example.com');
	const created = await api('POST', '/__sandbox/users', {
		first_name: 'Tomás',
		last_name: 'Rivera',
		email: 'tomas.rivera@example.com',
		access_roles: ['member'],
	});
	const archived = await api('PATCH', `/__sandbox/users/${kenji.id}`, { is_active: false });
	return { created, archived };
}

/** Exactly two emitted changes over all trigger executions: the created and the archived user. */
function assertTriggerExecutions(db, { created, archived }) {
	assert.equal(db.active, true, 'example 4 is active');
	for (const e of db.executions) {
		assert.equal(e.mode, 'trigger', `execution ${e.id} mode`);
		assert.equal(e.status, 'success', `execution ${e.id} status ${e.status}${e.error ? `: ${e.error}` : ''}`);
	}
	const emitted = db.executions.flatMap((e) => e.nodes['Harvest Users Trigger'] ?? []);
	const messages = db.executions.flatMap((e) => e.nodes['Format message'] ?? []);
	const summary = emitted.map((u) => `${u.event}:${u.email}`).sort();
	assert.deepEqual(summary, [`archived:${archived.email}`, `created:${created.email}`].sort(), 'trigger emitted exactly these changes');
	const createdItem = emitted.find((u) => u.event === 'created');
	assert.equal(createdItem.id, created.id);
	assert.equal(emitted.find((u) => u.event === 'archived').id, archived.id);
	assert.equal(messages.length, 2, 'Format message ran once per change');
	assert.ok(
		messages.some((m) => m.event === 'created' && m.message.includes('Tomás Rivera <tomas.rivera@example.com>')),
		`formatted message for the new user: ${JSON.stringify(messages)}`,
	);
	assert.ok(
		messages.some((m) => m.event === 'archived' && m.message.includes('kenji.watanabe@example.com')),
		`formatted message for the archived user: ${JSON.stringify(messages)}`,
	);
}

/**
 * The running n8n serves our node and credential types to the editor, and the credential's test
 * request (the editor's "Test" button → our /v2/users/me test) succeeds against the sandbox.
 */
async function assertEditor(n8nUrl, inst, sandbox) {
	const owner = { email: 'e2e@example.com', password: 'E2e-password-2026', firstName: 'E2E', lastName: 'Owner' };
	await inst.setupOwner(n8nUrl, owner);
	const cookie = await inst.login(n8nUrl, owner);
	const get = async (p) => {
		const res = await fetch(`${n8nUrl}${p}`, { headers: { cookie } });
		assert.equal(res.status, 200, `GET ${p} → ${res.status}`);
		return res.json();
	};
	const nodeTypes = await get('/types/nodes.json');
	const names = nodeTypes.map((n) => n.name);
	for (const n of ['n8n-nodes-harvest-users.harvestUsers', 'n8n-nodes-harvest-users.harvestUsersTrigger']) {
		assert.ok(names.includes(n), `${n} is not among the editor's node types`);
	}
	const action = nodeTypes.find((n) => n.name === 'n8n-nodes-harvest-users.harvestUsers');
	const resources = action.properties.find((p) => p.name === 'resource').options.map((o) => o.value);
	assert.ok(resources.includes('user') && resources.includes('userAssignment'), `resources: ${resources}`);
	const credTypes = (await get('/types/credentials.json')).map((c) => c.name);
	assert.ok(credTypes.includes('harvestUsersApi') && credTypes.includes('harvestUsersOAuth2Api'), 'credential types');

	const admin = sandbox.tokens.tokens.admin;
	const res = await fetch(`${n8nUrl}/rest/credentials/test`, {
		method: 'POST',
		headers: { cookie, 'content-type': 'application/json' },
		body: JSON.stringify({
			credentials: {
				id: inst.CREDENTIAL_ID,
				name: inst.CREDENTIAL_NAME,
				type: 'harvestUsersApi',
				data: { accessToken: admin.token, accountId: String(admin.accountId), baseUrl: sandbox.url },
			},
		}),
	});
	const body = await res.json();
	assert.equal(res.status, 200, `credential test → ${res.status} ${JSON.stringify(body)}`);
	assert.equal((body.data ?? body).status, 'OK', `credential test: ${JSON.stringify(body)}`);
}

module.exports = {
	EXAMPLES,
	assertOnboarded,
	assertOffboarded,
	assertRosterSynced,
	changeUsersForTrigger,
	assertTriggerExecutions,
	assertEditor,
};
