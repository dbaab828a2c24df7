'use strict';
/**
 * Reads what n8n recorded in its own Postgres database, with the `pg` and `flatted` modules of the
 * pinned n8n install (both plain JavaScript, so this script's Node can load them).
 */
const path = require('node:path');

function loader(n8nDir) {
	return (m) =>
		require(require.resolve(m, { paths: [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir] }));
}

/** Items each node output, per node name, from an execution's runData. */
function itemsByNode(runData) {
	return Object.fromEntries(
		Object.entries(runData ?? {}).map(([node, runs]) => [
			node,
			runs.flatMap((r) => (r.data?.main?.[0] ?? []).map((i) => i.json)),
		]),
	);
}

class N8nDb {
	constructor(n8nDir, pg) {
		const load = loader(n8nDir);
		const { Client } = load('pg');
		this.parse = load('flatted').parse;
		this.client = new Client({
			host: '127.0.0.1',
			port: pg.port,
			user: pg.user,
			password: pg.password,
			database: pg.database,
		});
		this.connected = this.client.connect();
	}

	async query(sql, params) {
		await this.connected;
		return (await this.client.query(sql, params)).rows;
	}

	/** Executions of one workflow (oldest first), with node outputs and the error, if any. */
	async executions(workflowId) {
		const rows = await this.query(
			`SELECT e.id, e.mode, e.status, e.finished, e."startedAt", e."stoppedAt", d.data
			 FROM execution_entity e LEFT JOIN execution_data d ON d."executionId" = e.id
			 WHERE e."workflowId" = $1 ORDER BY e.id`,
			[workflowId],
		);
		return rows.map((r) => {
			let result;
			try {
				result = r.data ? this.parse(r.data)?.resultData : undefined;
			} catch {
				result = undefined;
			}
			return {
				id: String(r.id),
				mode: r.mode,
				status: r.status,
				startedAt: r.startedAt ? new Date(r.startedAt).getTime() : undefined,
				stoppedAt: r.stoppedAt ? new Date(r.stoppedAt).getTime() : undefined,
				error: result?.error?.message,
				nodes: itemsByNode(result?.runData),
			};
		});
	}

	async execution(workflowId, id) {
		return (await this.executions(workflowId)).find((e) => e.id === String(id));
	}

	/** The workflow row: active flag and the trigger's persisted static data. */
	async workflow(workflowId) {
		const [row] = await this.query(
			'SELECT active, "staticData" FROM workflow_entity WHERE id = $1',
			[workflowId],
		);
		if (!row) return undefined;
		const staticData =
			typeof row.staticData === 'string' ? JSON.parse(row.staticData) : row.staticData;
		return { active: row.active, staticData };
	}

	async close() {
		await this.connected.catch(() => {});
		await this.client.end().catch(() => {});
	}
}

module.exports = { N8nDb };
