// `n8n-node build` (npm run build) compiles with tsc and copies every .png and .svg of the repository
// into dist/, the screenshots of docs/ included. n8n needs only the icons next to the built nodes and
// credentials; this removes everything else from dist/ before `npm pack` ships it.
const { readdirSync, rmSync } = require('fs');
const { join } = require('path');
const { task } = require('gulp');

const SHIPPED = new Set(['nodes', 'credentials']);

task('build:prune', async () => {
	for (const entry of readdirSync('dist')) {
		if (!SHIPPED.has(entry)) rmSync(join('dist', entry), { recursive: true, force: true });
	}
});
