/**
 * Jest's side of the .cts convention (CONTRIBUTING.md): the lab imports a .cts module as `./x.cjs`,
 * the name TypeScript resolves to x.cts. When no real x.cjs exists but an x.cts does, load x.cts;
 * everything else (node_modules' own .cjs files included) resolves as jest always does.
 * sandbox/register.cjs does the same for plain Node.
 */
const { existsSync } = require('fs');
const { resolve } = require('path');

module.exports = (request, options) => {
	if (request.startsWith('.') && request.endsWith('.cjs')) {
		const cjs = resolve(options.basedir, request);
		const cts = `${cjs.slice(0, -4)}.cts`;
		if (!existsSync(cjs) && existsSync(cts)) return cts;
	}
	return options.defaultResolver(request, options);
};
