'use strict';
/**
 * What each example must have done, checked against the sandbox's state (its admin API) before
 * and after the run and the output n8n recorded. The checks hold in any order and on any repeat:
 * they compare with the state the example started from, not with the fresh demo data.
 *   1 creates or updates Jane Doe, assigns her the projects she lacks, sets her rate;
 *   2 archives Grace Okafor (again, if she already is);
 *   3 syncs the roster (creates who is missing, updates who differs, archives who is not on it);
 *   5 is a dry run: plans within the guard and writes nothing;
 *   4 watches a user created and one archived directly in the sandbox.
 */
const assert = require('node:assert/strict');

const EXAMPLES = [
	{ id: 'harvestExample01', file: 'onboard-new-hire.json' },
	{ id: 'harvestExample02', file: 'offboard-by-email.json' },
	{ id: 'harvestExample03', file: 'roster-sync.json' },
	{ id: 'harvestExample04', file: 'watch-user-changes.json' },
	{ id: 'harvestExample05', file: 'hr-roster-reconcile.json' },
];

const PROJECT_WEBSITE = 14308001;
const PROJECT_MOBILE = 14308003;
const HOURS = 3600;
const JANE = 'jane.doe@example.com';

const byEmail = (state, email) =>
	state.users.find((u) => u.email.toLowerCase() === email.toLowerCase());
const only = (items, what) => {
	assert.ok(Array.isArray(items), `${what}: the node did not run`);
	assert.equal(items.length, 1, `${what}: expected 1 output item, got ${items.length}`);
	return items[0];
};
const projectsOf = (state, user) =>
	user ? state.user_assignments.filter((a) => a.user_id === user.id).map((a) => a.project_id) : [];

/** `before` (the state the run started from) is optional for callers that only check the result. */
function assertOnboarded(state, nodes, before) {
	const user = byEmail(state, JANE);
	assert.ok(user, 'Jane Doe is not in the sandbox');
	assert.equal(user.first_name, 'Jane');
	assert.equal(user.is_active, true);
	assert.deepEqual(user.access_roles, ['member'], 'access role');
	assert.equal(user.weekly_capacity, 32 * HOURS, 'weekly capacity (32 h in seconds)');
	const upserted = only(nodes['Create or update user'], 'Create or update user');
	assert.equal(upserted.id, user.id, 'Create or update user output is Jane');

	assert.deepEqual(
		projectsOf(state, user).sort(),
		[PROJECT_WEBSITE, PROJECT_MOBILE].sort(),
		'project assignments, each once',
	);
	const assignedNow = nodes['Assign to project'] ?? [];
	assert.ok(
		assignedNow.every((a) => a.user?.id === user.id),
		`Assign to project assigned someone else: ${JSON.stringify(assignedNow)}`,
	);
	assert.equal(user.default_hourly_rate, 125, 'billable rate 125');
	assert.equal(only(nodes['Set billable rate'], 'Set billable rate').amount, 125);
	assert.equal(
		state.invitations.filter((i) => i.email === JANE).length,
		1,
		'Harvest (the sandbox) invited Jane exactly once',
	);
	if (before) {
		const existed = byEmail(before, JANE);
		// the manager is told once, when Jane is created, through n8n's Send Email node
		assert.equal(
			(nodes['Tell the manager'] ?? []).length,
			existed ? 0 : 1,
			`Tell the manager ran ${(nodes['Tell the manager'] ?? []).length} time(s) although Jane ${existed ? 'existed' : 'was new'}`,
		);
		// Harvest keeps a rate history: a rate already at 125 is left alone (Only If Different)
		const history = (state) =>
			state.billable_rates
				.filter((r) => r.user_id === user.id)
				.map((r) => `${r.id}:${r.amount}:${r.start_date}:${r.end_date}`);
		if (existed && existed.default_hourly_rate === 125) {
			assert.deepEqual(history(state), history(before), 'the rate history is as it was');
			assert.equal(
				only(nodes['Set billable rate'], 'Set billable rate').unchanged,
				true,
				'Set billable rate reports unchanged',
			);
		}
		assert.equal(
			upserted.action === 'created',
			!existed,
			`action ${upserted.action} although Jane ${existed ? 'existed' : 'did not exist'}`,
		);
		const missing = [PROJECT_WEBSITE, PROJECT_MOBILE].filter(
			(p) => !projectsOf(before, existed).includes(p),
		);
		assert.deepEqual(
			assignedNow.map((a) => a.project?.id).sort(),
			missing.sort(),
			'assigned exactly the projects Jane lacked',
		);
	}
}

function assertOffboarded(state, nodes, before) {
	const grace = byEmail(state, 'grace.okafor@example.com');
	assert.equal(grace.is_active, false, 'Grace Okafor is still active');
	assert.equal(
		only(nodes['Find user by email'], 'Find user by email').id,
		grace.id,
		'found by (differently cased) email',
	);
	const report = only(nodes.Report, 'Report');
	assert.equal(report.archived, true, 'report: archived');
	assert.equal(report.goneFromActiveList, true, 'report: gone from the active list');
	assert.equal(report.userId, grace.id);
	const activeNow = state.users.filter((u) => u.is_active).length;
	assert.equal(report.activeUsers, activeNow, 'report counts the active users');
	assert.ok(
		!nodes['Active users'].some((u) => u.id === grace.id),
		'Grace is not in the Active users output',
	);
	if (before) assert.equal(state.users.length, before.users.length, 'no user created or deleted');
}

/**
 * The email example 1 sends to the manager when it creates Jane, as the mail catcher received it
 * (`emails`: MailDev's GET /email, oldest first).
 */
function assertManagerEmail(newEmails) {
	assert.equal(newEmails.length, 1, `one email to the manager, got ${newEmails.length}`);
	const [mail] = newEmails;
	assert.deepEqual(
		mail.to.map((t) => t.address),
		['maya.patel@example.com'],
		'sent to the manager',
	);
	assert.deepEqual(
		mail.from.map((f) => f.address),
		['it@example.com'],
		'sent from IT',
	);
	assert.equal(mail.subject, 'Jane now has a Harvest account');
	assert.equal(
		mail.text.trim(),
		'Jane Doe (jane.doe@example.com) has a Harvest account, is assigned to 2 project(s) and has a billable rate of 125 per hour.',
	);
}

/** Whether example 1, started from `before`, creates Jane (and so tells the manager). */
const createdJane = (before) => !byEmail(before, JANE);

/** Example 3 read its roster from the HR export through n8n's file nodes: the CSV's Active rows. */
function assertRosterFromCsv(nodes) {
	const rows = nodes['Parse CSV'];
	assert.ok(
		Array.isArray(rows) && rows.length === ROSTER.length + 1,
		`Parse CSV gave ${rows?.length} rows, expected ${ROSTER.length + 1}`,
	);
	const active = nodes['Active employees'].map((r) => r['Work Email'].toLowerCase()).sort();
	assert.deepEqual(
		active,
		ROSTER.map((p) => p.email).sort(),
		'the Active rows of hr-export.csv are the roster',
	);
	assert.ok(!active.includes('daniel.kim@example.com'), 'the Terminated row is left out');
}

/** The HR roster of example 3 (examples/hr-export.csv, its Active rows), and the emails it never archives. */
const ROSTER = [
	{ email: 'sam.carter@example.com', first_name: 'Sam', last_name: 'Carter', hours: 35 },
	{ email: 'maya.patel@example.com', first_name: 'Maya', last_name: 'Patel', hours: 35 },
	{ email: 'leo.fischer@example.com', first_name: 'Leo', last_name: 'Fischer', hours: 35 },
	{ email: 'ana.souza@example.com', first_name: 'Ana', last_name: 'Souza', hours: 30 },
	{ email: 'kenji.watanabe@example.com', first_name: 'Kenji', last_name: 'Watanabe', hours: 20 },
	{ email: JANE, first_name: 'Jane', last_name: 'Doe', hours: 32 },
	{ email: 'priya.singh@example.com', first_name: 'Priya', last_name: 'Singh', hours: 40 },
];
const NEVER_ARCHIVED = ['sam.carter@example.com'];

/** What reconciling `roster` against `state` must do (the rules of "What counts as a change"). */
function expectedPlan(state, roster, protectedEmails) {
	const listed = new Set(roster.map((p) => p.email));
	const created = roster.filter((p) => !byEmail(state, p.email)).length;
	const updated = roster.filter((p) => {
		const u = byEmail(state, p.email);
		return (
			u &&
			u.is_active &&
			(u.first_name !== p.first_name ||
				u.last_name !== p.last_name ||
				u.weekly_capacity !== p.hours * HOURS)
		);
	}).length;
	const archived = state.users.filter(
		(u) =>
			u.is_active &&
			!listed.has(u.email.toLowerCase()) &&
			!protectedEmails.includes(u.email.toLowerCase()),
	).length;
	return { created, updated, archived };
}

function assertRosterSynced(before, after, nodes) {
	const expected = expectedPlan(before, ROSTER, NEVER_ARCHIVED);
	const leftArchived = ROSTER.filter((p) => byEmail(before, p.email)?.is_active === false).map(
		(p) => p.email,
	);
	const active = after.users.filter((u) => u.is_active).map((u) => u.email.toLowerCase());
	const shouldBeActive = ROSTER.map((p) => p.email).filter((e) => !leftArchived.includes(e));
	assert.deepEqual(active.sort(), shouldBeActive.sort(), 'active Harvest users = the roster');
	for (const p of ROSTER.filter((r) => !leftArchived.includes(r.email))) {
		const u = byEmail(after, p.email);
		assert.equal(u.weekly_capacity, p.hours * HOURS, `${p.email}: ${p.hours} h`);
		assert.equal(
			`${u.first_name} ${u.last_name}`,
			`${p.first_name} ${p.last_name}`,
			`${p.email}: name`,
		);
	}
	assert.equal(byEmail(after, 'daniel.kim@example.com').is_active, false, 'Daniel Kim archived');
	assert.equal(
		after.users.length,
		before.users.length + expected.created,
		`${expected.created} user(s) created`,
	);

	const out = nodes['Reconcile with roster'];
	const summary = out.find((i) => i.action === 'summary');
	assert.ok(summary, 'reconcile output has a summary item');
	assert.equal(summary.dryRun, false);
	const { created, updated, archived, failed } = summary.counts;
	assert.deepEqual(
		{ created, updated, archived, failed },
		{ ...expected, failed: 0 },
		'reconcile counts, from the state before',
	);
	const report = only(nodes.Report, 'Report');
	assert.match(
		report.message,
		new RegExp(
			`Made ${expected.created} created, ${expected.updated} updated, ${expected.archived} archived, 0 failed`,
		),
	);
}

/** Example 5: a dry run over its own roster (read from the example), within the guard, writing nothing. */
function assertDryRunPlanned(before, after, nodes) {
	const out = nodes['Reconcile with roster'];
	assert.ok(Array.isArray(out), 'Reconcile with roster did not run (did the guard trip?)');
	const summary = out.find((i) => i.action === 'summary');
	assert.ok(summary, 'reconcile output has a summary item');
	assert.equal(summary.dryRun, true, 'example 5 is a dry run');
	assert.equal(
		summary.planned.failed,
		0,
		`failed items: ${JSON.stringify(out.filter((i) => i.action === 'failed'))}`,
	);
	assert.ok(
		out.every((i) => Object.keys(i)[0] === 'dryRun' && i.dryRun === true),
		'every item opens with dryRun: true',
	);
	assert.ok(
		!out.some((i) => ['created', 'updated', 'restored', 'archived'].includes(i.action)),
		'nothing in a dry run reads as done',
	);
	const people = nodes['HR roster'].map((p) => ({
		email: p.email.toLowerCase(),
		first_name: p.first_name,
		last_name: p.last_name,
	}));
	const created = people.filter((p) => !byEmail(before, p.email)).length;
	assert.equal(
		summary.planned.create,
		created,
		'planned creates = roster people missing in Harvest',
	);
	assert.deepEqual(after.users, before.users, 'a dry run writes nothing');
	assert.equal(after.invitations.length, before.invitations.length, 'a dry run invites nobody');
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
		assert.equal(
			e.status,
			'success',
			`execution ${e.id} status ${e.status}${e.error ? `: ${e.error}` : ''}`,
		);
	}
	const emitted = db.executions.flatMap((e) => e.nodes['Harvest Users Trigger'] ?? []);
	const messages = db.executions.flatMap((e) => e.nodes['Format message'] ?? []);
	const summary = emitted.map((u) => `${u.event}:${u.email}`).sort();
	assert.deepEqual(
		summary,
		[`archived:${archived.email}`, `created:${created.email}`].sort(),
		'trigger emitted exactly these changes',
	);
	const createdItem = emitted.find((u) => u.event === 'created');
	assert.equal(createdItem.id, created.id);
	assert.equal(emitted.find((u) => u.event === 'archived').id, archived.id);
	assert.equal(messages.length, 2, 'Format message ran once per change');
	assert.ok(
		messages.some(
			(m) => m.event === 'created' && m.message.includes('Tomás Rivera <tomas.rivera@example.com>'),
		),
		`formatted message for the new user: ${JSON.stringify(messages)}`,
	);
	assert.ok(
		messages.some(
			(m) => m.event === 'archived' && m.message.includes('kenji.watanabe@example.com'),
		),
		`formatted message for the archived user: ${JSON.stringify(messages)}`,
	);
}

/**
 * The running n8n serves our node and credential types to the editor, and the credential's test
 * request (the editor's "Test" button → our /v2/users/me test) succeeds against the sandbox.
 */
async function assertEditor(n8nUrl, inst, sandbox) {
	const owner = {
		email: 'e2e@example.com',
		password: 'E2e-password-2026',
		firstName: 'E2E',
		lastName: 'Owner',
	};
	await inst.setupOwner(n8nUrl, owner);
	const cookie = await inst.login(n8nUrl, owner);
	const get = async (p) => {
		const res = await fetch(`${n8nUrl}${p}`, { headers: { cookie } });
		assert.equal(res.status, 200, `GET ${p} → ${res.status}`);
		return res.json();
	};
	const nodeTypes = await get('/types/nodes.json');
	const names = nodeTypes.map((n) => n.name);
	for (const n of [
		'n8n-nodes-harvest-users.harvestUsers',
		'n8n-nodes-harvest-users.harvestUsersTrigger',
	]) {
		assert.ok(names.includes(n), `${n} is not among the editor's node types`);
	}
	const action = nodeTypes.find((n) => n.name === 'n8n-nodes-harvest-users.harvestUsers');
	const resources = action.properties
		.find((p) => p.name === 'resource')
		.options.map((o) => o.value);
	assert.ok(
		resources.includes('user') && resources.includes('userAssignment'),
		`resources: ${resources}`,
	);
	// alphabetical, as n8n's verification scanner requires
	assert.deepEqual(
		resources,
		[...resources].sort(),
		`resources in the scanner's alphabetical order: ${resources}`,
	);
	// the add-node panel merges the trigger into the "Harvest Users" entry and shows the trigger's description there
	const trigger = nodeTypes.find((n) => n.name === 'n8n-nodes-harvest-users.harvestUsersTrigger');
	assert.match(
		trigger.description,
		/^Provision Harvest users .*when users change$/,
		`merged entry description: ${trigger.description}`,
	);
	// our icon is not the built-in Harvest node's
	const iconOf = async (type) => {
		const url = typeof type.iconUrl === 'string' ? type.iconUrl : type.iconUrl?.light;
		const res = await fetch(`${n8nUrl}/${url}`, { headers: { cookie } });
		assert.equal(res.status, 200, `GET ${url} → ${res.status}`);
		return Buffer.from(await res.arrayBuffer());
	};
	const ours = await iconOf(action);
	assert.match(ours.toString('utf8'), /<title>Harvest Users<\/title>/, 'our icon is served');
	const builtIn = nodeTypes.find((n) => n.name === 'n8n-nodes-base.harvest');
	if (builtIn)
		assert.ok(
			!ours.equals(await iconOf(builtIn)),
			"our icon differs from the built-in Harvest node's",
		);
	const credTypes = (await get('/types/credentials.json')).map((c) => c.name);
	assert.ok(
		credTypes.includes('harvestUsersApi') && credTypes.includes('harvestUsersOAuth2Api'),
		'credential types',
	);

	const admin = sandbox.tokens.tokens.admin;
	// n8n's own CredentialsTester (the editor's "Test connection"), case by case (docs/troubleshooting.md)
	const testConnection = async (data) => {
		const res = await fetch(`${n8nUrl}/rest/credentials/test`, {
			method: 'POST',
			headers: { cookie, 'content-type': 'application/json' },
			body: JSON.stringify({
				credentials: {
					id: inst.CREDENTIAL_ID,
					name: inst.CREDENTIAL_NAME,
					type: 'harvestUsersApi',
					data,
				},
			}),
		});
		const body = await res.json();
		assert.equal(res.status, 200, `credential test → ${res.status} ${JSON.stringify(body)}`);
		return body.data ?? body;
	};
	const good = {
		accessToken: admin.token,
		accountId: String(admin.accountId),
		baseUrl: sandbox.url,
	};
	const ok = await testConnection(good);
	assert.equal(ok.status, 'OK', `credential test: ${JSON.stringify(ok)}`);
	assert.match(ok.message, /an Administrator/);
	const manager = await testConnection({
		...good,
		accessToken: sandbox.tokens.tokens.manager.token,
	});
	assert.equal(manager.status, 'Error', `a Manager's token: ${JSON.stringify(manager)}`);
	assert.match(manager.message, /is a Manager\. .*need an Administrator/);
	const account = await testConnection({ ...good, accountId: '999999' });
	assert.equal(account.status, 'Error');
	assert.match(
		account.message,
		/^Account ID 999999 is not a Harvest account this token can reach.*This token reaches: Sandbox Co/,
	);
	const scheme = await testConnection({ ...good, baseUrl: sandbox.url.replace(/^http:\/\//, '') });
	assert.equal(scheme.status, 'Error');
	assert.match(
		scheme.message,
		/^The Base URL ".*" is not a web address: it must start with https:\/\//,
	);
	const nothing = await testConnection({ ...good, baseUrl: 'http://127.0.0.1:9' });
	assert.equal(nothing.status, 'Error');
	assert.match(
		nothing.message,
		/^Base URL http:\/\/127\.0\.0\.1:9: .*Check the Base URL in the credential/,
	);
	assert.doesNotMatch(
		JSON.stringify([ok, manager, account, scheme, nothing]),
		/ECONNREFUSED|ERR_INVALID_URL/,
	);
}

module.exports = {
	EXAMPLES,
	assertOnboarded,
	assertManagerEmail,
	assertRosterFromCsv,
	createdJane,
	assertOffboarded,
	assertRosterSynced,
	assertDryRunPlanned,
	expectedPlan,
	changeUsersForTrigger,
	assertTriggerExecutions,
	assertEditor,
};
