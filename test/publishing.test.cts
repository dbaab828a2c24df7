/**
 * Ready for n8n's verification and for publishing: package metadata comes from package.json alone,
 * the node's documentation link survives n8n's appended query string, n8n's scanner gate fails on a
 * finding even when it is switched off inline, and the publish workflow publishes with provenance.
 */
import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { createServer, type IncomingHttpHeaders, type Server } from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import type { AddressInfo } from 'net';
import { parse as parseYaml } from 'yaml';

import { loadPackage, PACKAGE_ROOT, runNode } from './harness/index.cjs';

const metadata = require('../scripts/metadata.js') as {
	deriveMetadata(pkg: object): { documentationUrl: string; userAgent: string; contact: string };
	githubSlug(repository: unknown): string | undefined;
};

const pkg = JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8'));
const readBuilt = (path: string) =>
	JSON.parse(readFileSync(join(PACKAGE_ROOT, 'dist', path), 'utf8'));

/** What n8n's NDV does with the first primaryDocumentation URL (NodeSettings: `${url}?${utm}`). */
const n8nDocsLink = (url: string, nodeType: string) =>
	`${url}?${new URLSearchParams({ utm_source: 'n8n_app', utm_medium: 'node_settings_modal-credential_link', utm_campaign: nodeType })}`;

describe('package.json', () => {
	it('has no dangling `main`, and every file the n8n manifest names is built', () => {
		expect(pkg).not.toHaveProperty('main');
		for (const file of [...pkg.n8n.nodes, ...pkg.n8n.credentials]) {
			expect(() => readFileSync(join(PACKAGE_ROOT, file))).not.toThrow();
		}
	});

	it('publishes only through `n8n-node release`; a plain npm publish is refused as node-cli’s template does', () => {
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
		for (const forbidden of ['prepare', 'preinstall', 'install', 'postinstall', 'prepublish']) {
			expect(pkg.scripts).not.toHaveProperty(forbidden);
		}
		expect(pkg).not.toHaveProperty('overrides');
		expect(pkg.peerDependencies).toEqual({ 'n8n-workflow': '*' });
	});

	it('is in strict mode with n8n’s template lint, as n8n Cloud verification requires', () => {
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.devDependencies['@n8n/node-cli']).toMatch(/^0\.48\.\d+$/);
		const template = readFileSync(
			join(
				PACKAGE_ROOT,
				'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
			),
			'utf8',
		);
		expect(readFileSync(join(PACKAGE_ROOT, 'eslint.config.mjs'), 'utf8')).toBe(template);
		expect(pkg.scripts.lint).toMatch(/(^|&& )n8n-node lint( &&|$)/);
		expect(pkg.scripts.test).toMatch(/npm run lint/);
		expect(pkg.scripts.build).toMatch(/n8n-node build/);
	});

	it('ships no eslint-disable comment in node or credential code (n8n’s scanner ignores them)', () => {
		const { stdout } = spawnSync(
			'git',
			['grep', '-n', '-I', '-i', 'eslint-disable', '--', 'nodes', 'credentials'],
			{ cwd: PACKAGE_ROOT, encoding: 'utf8' },
		);
		expect(stdout).toBe('');
	});

	it('packs the built nodes and credentials with their icons, and nothing of the lab or the docs', () => {
		const res = spawnSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: PACKAGE_ROOT,
			encoding: 'utf8',
		});
		expect(res.status).toBe(0);
		const files = (JSON.parse(res.stdout)[0].files as Array<{ path: string }>)
			.map((f) => f.path)
			.sort();
		expect(files).toEqual(
			expect.arrayContaining([
				'dist/nodes/HarvestUsers/harvest.svg',
				'dist/nodes/HarvestUsers/harvest.dark.svg',
				...pkg.n8n.nodes,
				...pkg.n8n.credentials,
			]),
		);
		expect(
			files.filter(
				(f) =>
					!/^dist\/(nodes|credentials)\//.test(f) &&
					!/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/.test(f),
			),
		).toEqual([]);
	});

	it('pins n8n’s scanner as a dev dependency and has no runtime dependencies', () => {
		expect(pkg.devDependencies['@n8n/scan-community-package']).toMatch(/^\d+\.\d+\.\d+$/);
		expect(pkg.dependencies ?? {}).toEqual({});
	});
});

describe('metadata comes from package.json alone', () => {
	it('the built node links to the package’s documentation, and n8n’s added query string keeps working', async () => {
		const { loader } = await loadPackage();
		for (const [file, type] of [
			['nodes/HarvestUsers/HarvestUsers.node.json', 'harvestUsers'],
			['nodes/HarvestUsers/HarvestUsersTrigger.node.json', 'harvestUsersTrigger'],
		]) {
			const built = readBuilt(file);
			const first = built.resources.primaryDocumentation[0].url as string;
			expect(first).toBe(pkg.homepage);
			// n8n reads the codex through its loader; that is the URL its NDV "Docs" link uses.
			const loaded = loader.nodeTypes[type].type.description as {
				codex?: { resources?: { primaryDocumentation?: Array<{ url: string }> } };
			};
			expect(loaded.codex?.resources?.primaryDocumentation?.[0].url).toBe(first);
			const link = new URL(n8nDocsLink(first, `n8n-nodes-harvest-users.${type}`));
			expect(link.hash).toBe('');
			expect(link.searchParams.get('utm_source')).toBe('n8n_app');
			expect(link.href.startsWith(`${first}?`)).toBe(true);
		}
	});

	it('rejects a documentation URL with a fragment or a query, and incomplete metadata', () => {
		expect(() => metadata.deriveMetadata({ ...pkg, homepage: `${pkg.homepage}#readme` })).toThrow(
			/homepage/,
		);
		expect(() =>
			metadata.deriveMetadata({ ...pkg, homepage: `${pkg.homepage}?tab=readme` }),
		).toThrow(/homepage/);
		expect(() => metadata.deriveMetadata({ ...pkg, repository: undefined })).toThrow(/repository/);
		expect(() => metadata.deriveMetadata({ ...pkg, author: { email: 'a@example.com' } })).toThrow(
			/author\.name/,
		);
	});

	it('changing package.json changes the User-Agent and the documentation link, nothing else to edit', () => {
		const other = metadata.deriveMetadata({
			...pkg,
			homepage: 'https://github.com/acme/harvest-nodes',
			repository: { type: 'git', url: 'git+https://github.com/acme/harvest-nodes.git' },
			author: { name: 'Acme', email: 'ops@acme.example' },
		});
		expect(other.documentationUrl).toBe('https://github.com/acme/harvest-nodes');
		expect(other.userAgent).toBe(
			`n8n-nodes-harvest-users/${pkg.version} (ops@acme.example; +https://github.com/acme/harvest-nodes)`,
		);
		expect(metadata.githubSlug({ url: 'git+https://github.com/acme/harvest-nodes.git' })).toBe(
			'acme/harvest-nodes',
		);
	});

	it('no repository, author or contact is hard-coded in the node and credential sources', () => {
		const { stdout } = spawnSync(
			'git',
			[
				'grep',
				'-n',
				'-I',
				'-e',
				'github.com',
				'-e',
				pkg.author.email,
				'--',
				'nodes',
				'credentials',
			],
			{
				cwd: PACKAGE_ROOT,
				encoding: 'utf8',
			},
		);
		expect(stdout).toBe('');
	});

	describe('the User-Agent Harvest sees', () => {
		let server: Server;
		let seen: IncomingHttpHeaders[] = [];
		beforeAll(async () => {
			server = createServer((req, res) => {
				seen.push(req.headers);
				res.writeHead(200, { 'Content-Type': 'application/json' });
				res.end(
					JSON.stringify({
						id: 7,
						first_name: 'Ada',
						last_name: 'Lovelace',
						email: 'ada@example.com',
					}),
				);
			});
			await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
		});
		afterAll(async () => await new Promise<void>((done) => server.close(() => done())));
		beforeEach(() => (seen = []));

		const baseUrl = () => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

		it('is derived from package.json, for the token and the OAuth2 credential alike', async () => {
			const expected = metadata.deriveMetadata(pkg).userAgent;
			expect(expected).toContain(pkg.author.email);
			const pat = await runNode({
				parameters: { resource: 'user', operation: 'me' },
				credentials: {
					harvestUsersApi: { accessToken: 'tok-ua-test', accountId: '123', baseUrl: baseUrl() },
				},
			});
			const oauth = await runNode({
				parameters: { authentication: 'oAuth2', resource: 'user', operation: 'me' },
				credentials: {
					harvestUsersOAuth2Api: {
						accountId: '123',
						baseUrl: baseUrl(),
						grantType: 'authorizationCode',
						authentication: 'body',
						oauthTokenData: { access_token: 'tok-ua-oauth', token_type: 'bearer' },
					},
				},
			});
			expect([pat.status, oauth.status]).toEqual(['success', 'success']);
			expect(seen.map((h) => h['user-agent'])).toEqual([expected, expected]);
		});
	});
});

describe('credentials n8n’s scanner accepts', () => {
	it('display names end in " API" while the names saved workflows use stay', async () => {
		const { loader } = await loadPackage();
		const types = Object.fromEntries(
			Object.entries(loader.credentialTypes).map(([name, c]) => [name, c.type.displayName]),
		);
		expect(Object.keys(types).sort()).toEqual(['harvestUsersApi', 'harvestUsersOAuth2Api']);
		for (const displayName of Object.values(types)) expect(displayName).toMatch(/ API$/);
	});
});

describe('the verification gate (scripts/verify.js, n8n’s scanner with its own configuration)', () => {
	it('fails on a finding even when eslint-disable and eslint.config.mjs switch the rule off', () => {
		const dir = mkdtempSync(join(tmpdir(), 'harvest-users-gate-'));
		try {
			cpSync(join(PACKAGE_ROOT, 'package.json'), join(dir, 'package.json'));
			cpSync(join(PACKAGE_ROOT, 'eslint.config.mjs'), join(dir, 'eslint.config.mjs'));
			cpSync(join(PACKAGE_ROOT, 'credentials'), join(dir, 'credentials'), { recursive: true });
			const file = join(dir, 'credentials/HarvestUsersApi.credentials.ts');
			const source = readFileSync(file, 'utf8').replace(
				/\n(\s*)displayName = '[^']*';/,
				"\n$1// eslint-disable-next-line n8n-nodes-base/cred-class-field-display-name-missing-api\n$1displayName = 'Harvest Users (Personal Access Token)';",
			);
			writeFileSync(file, source);
			const res = spawnSync(
				process.execPath,
				[join(PACKAGE_ROOT, 'scripts/verify.js'), '--source', dir],
				{ encoding: 'utf8' },
			);
			expect(res.status).toBe(1);
			expect(res.stderr).toContain('cred-class-field-display-name-missing-api');
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('the publish workflow', () => {
	const load = () =>
		parseYaml(readFileSync(join(PACKAGE_ROOT, '.github/workflows/publish.yml'), 'utf8'));
	const stepIndex = (pattern: RegExp) =>
		(load().jobs.publish.steps as Array<{ run?: string }>).findIndex((s) =>
			pattern.test(s.run ?? ''),
		);

	it('runs on a version tag and may mint the OIDC token provenance needs', () => {
		const workflow = load();
		expect(workflow.on.push.tags).toEqual(['v*']);
		expect(workflow.jobs.publish.permissions['id-token']).toBe('write');
	});

	it('installs, builds and tests, runs n8n’s scanner, then releases with node-cli (provenance in CI)', () => {
		const release = stepIndex(/npm run release/);
		expect(release).toBeGreaterThanOrEqual(0);
		for (const before of [/npm ci/, /npm test/, /npm run verify/, /check-repo/]) {
			expect(stepIndex(before)).toBeGreaterThanOrEqual(0);
			expect(stepIndex(before)).toBeLessThan(release);
		}
	});
});

describe('README and CHANGELOG for whoever installs or publishes', () => {
	const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');
	const section = (title: string) => readme.split(/\n## /).find((s) => s.startsWith(title)) ?? '';

	it('compares with the built-in Harvest node and says where the built-in one is still the one to use', () => {
		const why = section('Why this and not the built-in Harvest node');
		for (const figure of [
			/\*\*100\*\*/,
			/\*\*5\*\*/,
			/fails, 0 users/,
			/query string/,
			/JSON body/,
			/invoices/,
			/time entries/,
		]) {
			expect(why).toMatch(figure);
		}
	});

	it('states the n8n version the end-to-end test pins and the n8n-core the tests run', () => {
		const { N8N_VERSION } = require('../scripts/lib/runtime.js') as { N8N_VERSION: string };
		const compatibility = section('Compatibility');
		expect(compatibility).toContain(`**${N8N_VERSION}**`);
		expect(compatibility).toContain(`n8n-core ${pkg.devDependencies['n8n-core']}`);
		expect(compatibility).toContain(
			`@n8n/scan-community-package\` ${pkg.devDependencies['@n8n/scan-community-package']}`,
		);
	});

	it('has a version history with an entry for the current version', () => {
		expect(section('Version history')).toContain('CHANGELOG.md');
		const changelog = readFileSync(join(PACKAGE_ROOT, 'CHANGELOG.md'), 'utf8');
		expect(changelog).toContain(`## [${pkg.version}]`);
	});
});
