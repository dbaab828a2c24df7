/**
 * Runs the lab's CommonJS TypeScript (.cts) in Node without a build step:
 *
 *   node -r ./sandbox/register.cjs sandbox/src/cli.cts
 *
 * The lab imports a .cts module as `./x.cjs` (the name TypeScript gives its output, and the only
 * spelling TypeScript resolves to a .cts file). Node would look for a real x.cjs, so a `.cjs`
 * request from a .cts file that has an x.cts next to it loads x.cts; ts-node compiles it.
 * Jest does the same with its moduleNameMapper (jest.config.js).
 */
const Module = require('node:module');
const { existsSync } = require('node:fs');
const { dirname, resolve } = require('node:path');

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, parent, ...rest) {
	if (request.startsWith('.') && request.endsWith('.cjs') && parent?.filename?.endsWith('.cts')) {
		const cts = `${request.slice(0, -4)}.cts`;
		if (existsSync(resolve(dirname(parent.filename), cts)))
			return resolveFilename.call(this, cts, parent, ...rest);
	}
	return resolveFilename.call(this, request, parent, ...rest);
};

require('ts-node').register({
	transpileOnly: true,
	// ts-node compiles .cts as module "nodenext", which needs the matching resolution setting;
	// with transpileOnly nothing is resolved at compile time (type checking is `npm run lint:lab`).
	compilerOptions: { module: 'nodenext', moduleResolution: 'nodenext' },
});
