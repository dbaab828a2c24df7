'use strict';
/**
 * Reads what n8n recorded for one workflow straight from its SQLite database, with the sqlite3
 * and flatted modules of the pinned n8n install (run with that install's Node 24):
 *
 *   node db.js <n8nDir> <database.sqlite> <workflowId>
 *
 * Prints JSON: { staticData, active, executions: [{ id, mode, status, startedAt, error, nodes: { <node>: [json, …] } }] }
 * Opened read-only, so it is safe while n8n runs.
 */
const path = require('node:path');

const [n8nDir, dbFile, workflowId] = process.argv.slice(2);
const load = (m) =>
	require(require.resolve(m, { paths: [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir] }));
const sqlite3 = load('sqlite3');
const { parse } = load('flatted');

const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READONLY);
const all = (sql, params) =>
	new Promise((res, rej) => db.all(sql, params, (e, rows) => (e ? rej(e) : res(rows))));

function outputs(runData) {
	const nodes = {};
	for (const [name, runs] of Object.entries(runData ?? {})) {
		nodes[name] = runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json));
	}
	return nodes;
}

(async () => {
	db.configure('busyTimeout', 5000);
	const [wf] = await all(
		'SELECT "staticData", "active", "activeVersionId" FROM workflow_entity WHERE id = ?',
		[workflowId],
	).catch(() =>
		all('SELECT "staticData", "active" FROM workflow_entity WHERE id = ?', [workflowId]),
	);
	const rows = await all(
		`SELECT e.id, e.mode, e.status, e.startedAt, d.data FROM execution_entity e
		 LEFT JOIN execution_data d ON d.executionId = e.id WHERE e.workflowId = ? ORDER BY e.id`,
		[workflowId],
	);
	const executions = rows.map((r) => {
		let data;
		try {
			data = r.data ? parse(r.data) : undefined;
		} catch {
			data = undefined;
		}
		const result = data?.resultData;
		return {
			id: r.id,
			mode: r.mode,
			status: r.status,
			startedAt: r.startedAt,
			error: result?.error?.message,
			nodes: outputs(result?.runData),
		};
	});
	let staticData = wf?.staticData;
	try {
		staticData = staticData ? JSON.parse(staticData) : staticData;
	} catch {
		// leave as text
	}
	process.stdout.write(
		JSON.stringify({ staticData, active: wf ? Boolean(wf.active) : undefined, executions }),
	);
	db.close();
})().catch((e) => {
	process.stderr.write(`${e.stack || e}\n`);
	process.exit(1);
});
