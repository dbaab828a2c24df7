'use strict';
/**
 * Clears the static data (a polling trigger's memory) of every workflow that uses one node type,
 * with the sqlite3 module of the pinned n8n install (run with that install's Node 24, while that
 * n8n is stopped):
 *
 *   node clear-trigger-state.js <n8nDir> <database.sqlite> <nodeType>
 *
 * Prints the number of workflows changed. Used by `npm start`, whose sandbox starts with fresh data.
 */
const path = require('node:path');

const [n8nDir, dbFile, nodeType] = process.argv.slice(2);
const sqlite3 = require(
	require.resolve('sqlite3', { paths: [path.join(n8nDir, 'node_modules', 'n8n'), n8nDir] }),
);

const db = new sqlite3.Database(dbFile, sqlite3.OPEN_READWRITE);
db.configure('busyTimeout', 5000);
// node types appear in the nodes JSON as "type":"<nodeType>"
db.run(
	'UPDATE workflow_entity SET "staticData" = NULL WHERE "staticData" IS NOT NULL AND "nodes" LIKE ?',
	[`%"${nodeType}"%`],
	function done(err) {
		if (err) {
			process.stderr.write(`${err.stack || err}\n`);
			process.exit(1);
		}
		process.stdout.write(`${this.changes}\n`);
		db.close();
	},
);
