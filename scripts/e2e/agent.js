'use strict';
/**
 * e2e scenario "agent" (issue 20): example 6, n8n's AI Agent (3.1) with three Harvest Users tools,
 * the OpenAI Chat Model pointed at a local fake OpenAI-compatible model (fakeModel.js) that plays
 * a scripted model: find Kenji, set his capacity to 30 hours sending blanks for everything else,
 * archive Olivia, then answer. Checked: what reached the sandbox (one token check for the whole
 * execution, no second GET of a user found by email, a PATCH with only the capacity, roles kept)
 * and what the model got back from each tool (the simplified user, capacity in hours).
 */
const assert = require('node:assert/strict');
const path = require('node:path');
const { startFakeModel, toolResults } = require('./fakeModel');

const FILE = 'ai-agent-harvest-tools.json';
const ID = 'harvestExample06';
const KENJI = 'kenji.watanabe@example.com';
const OLIVIA = 'olivia.brown@example.com';
const SIMPLIFIED = [
	'access_roles',
	'email',
	'first_name',
	'has_access_to_all_future_projects',
	'id',
	'is_active',
	'is_contractor',
	'last_name',
	'roles',
	'telephone',
	'timezone',
	'weekly_capacity_hours',
];

/** The scripted model: the next step after as many tool results as the conversation holds. */
function scriptedModel(body) {
	const names = (body.tools ?? []).map((t) => t.function.name);
	const tool = (pattern) => {
		const name = names.find((n) => pattern.test(n));
		if (!name) throw new Error(`no tool matching ${pattern} among ${names.join(', ')}`);
		return name;
	};
	const done = (body.messages ?? []).filter((m) => m.role === 'tool').length;
	if (done === 0) return { tool: tool(/find/i), args: { email: KENJI } };
	if (done === 1)
		return {
			tool: tool(/update/i),
			args: { email: KENJI, first_name: '', last_name: '', roles: '', weekly_capacity_hours: '30' },
		};
	if (done === 2) return { tool: tool(/archive/i), args: { email: OLIVIA } };
	return { text: 'Kenji now has 30 hours a week; Olivia is archived.' };
}

async function runAgentScenario(ctx, { inst, log }) {
	await ctx.api('POST', '/__sandbox/reset', { seed: 'demo' });
	const fake = await startFakeModel(scriptedModel);
	try {
		await inst.importCredentials(
			ctx.userFolder,
			[
				{
					id: 'openAiFake01',
					name: 'OpenAI (local fake model)',
					type: 'openAiApi',
					data: { apiKey: 'sk-test', url: fake.url },
				},
			],
			ctx.tmp,
		);
		await inst.importWorkflows(ctx.userFolder, [path.join(inst.EXAMPLES_DIR, FILE)], ctx.tmp);
		const before = await ctx.api('GET', '/__sandbox/state');
		await ctx.api('DELETE', '/__sandbox/log');
		const r = await inst.executeWorkflow(ctx.userFolder, ID);
		const error = r.result?.data?.resultData?.error;
		assert.ok(
			r.code === 0 && r.result && !error,
			`n8n execute --id=${ID} failed: ${error ? error.message : `exit ${r.code}`}\n${(r.stdout + r.stderr).split('\n').slice(-25).join('\n')}`,
		);
		const after = await ctx.api('GET', '/__sandbox/state');
		const requests = (await ctx.api('GET', '/__sandbox/log')).filter((q) =>
			q.path.startsWith('/v2/'),
		);
		log(
			`  model requests: ${fake.requests.length}; Harvest requests: ${requests.map((q) => `${q.method} ${q.path}`).join(', ')}`,
		);

		const find = (state, email) => state.users.find((u) => u.email === email);
		const kenji = find(after, KENJI);
		assert.equal(kenji.weekly_capacity, 30 * 3600, 'Kenji works 30 hours');
		assert.deepEqual(
			kenji.roles,
			find(before, KENJI).roles,
			"Kenji's roles kept (the model sent roles: '')",
		);
		assert.equal(kenji.first_name, find(before, KENJI).first_name);
		assert.equal(find(after, OLIVIA).is_active, false, 'Olivia archived');

		const patches = requests
			.filter((q) => q.method === 'PATCH')
			.map((q) => ({ path: q.path, body: q.body }));
		assert.deepEqual(patches, [
			{ path: `/v2/users/${kenji.id}`, body: { weekly_capacity: 108000 } },
			{ path: `/v2/users/${find(after, OLIVIA).id}`, body: { is_active: false } },
		]);
		assert.equal(
			requests.filter((q) => q.path === '/v2/users/me').length,
			1,
			'the token is checked once for the whole execution',
		);
		assert.equal(
			requests.filter((q) => q.method === 'GET' && /^\/v2\/users\/\d+$/.test(q.path)).length,
			0,
			'no second GET of a user found by email',
		);
		assert.equal(requests.length, 6, 'me + 3 roster reads + 2 PATCHes');

		const last = fake.requests[fake.requests.length - 1];
		const results = toolResults(last);
		assert.equal(results.length, 3, `the model got 3 tool results: ${JSON.stringify(results)}`);
		const users = results.map((t) => {
			const parsed = JSON.parse(t.content);
			return Array.isArray(parsed) ? parsed[0] : parsed;
		});
		for (const u of users)
			assert.deepEqual(
				Object.keys(u).sort(),
				SIMPLIFIED,
				`a tool answered the simplified user: ${JSON.stringify(u)}`,
			);
		assert.equal(
			users[0].weekly_capacity_hours,
			find(before, KENJI).weekly_capacity / 3600,
			'Find user answers capacity in hours',
		);
		assert.equal(users[1].weekly_capacity_hours, 30);
		assert.equal(users[2].is_active, false);
		const described = Object.fromEntries(
			last.tools.map((t) => [t.function.name, t.function.description]),
		);
		assert.match(
			Object.values(described).join(' | '),
			/Get a user by ID or email/,
			`tool descriptions: ${JSON.stringify(described)}`,
		);
	} finally {
		await fake.close();
	}
}

module.exports = { runAgentScenario, scriptedModel };
