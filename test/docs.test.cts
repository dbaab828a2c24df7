/**
 * The manual is README.md (for whoever installs and runs the nodes), docs/ (one page per topic),
 * CONTRIBUTING.md and sandbox/README.md (for whoever works on the package). Moving a section
 * between them must not break a link: every relative link and image resolves, and every #anchor
 * names a heading of its page (GitHub's heading ids).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { dirname, join, relative } from 'path';

import { PACKAGE_ROOT } from './harness/index.cjs';

const pages = [
	'README.md',
	'CONTRIBUTING.md',
	'sandbox/README.md',
	...readdirSync(join(PACKAGE_ROOT, 'docs'))
		.filter((f) => f.endsWith('.md'))
		.map((f) => `docs/${f}`),
];

/** Markdown without its fenced code blocks and inline code (neither holds links or headings). */
function prose(markdown: string): string[] {
	let fenced = false;
	return markdown.split('\n').map((line) => {
		if (/^\s*(```|~~~)/.test(line)) {
			fenced = !fenced;
			return '';
		}
		return fenced ? '' : line;
	});
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces to hyphens, -1, -2 for repeats. */
export function headingIds(markdown: string): Set<string> {
	const seen = new Map<string, number>();
	const ids = new Set<string>();
	for (const line of prose(markdown)) {
		const m = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
		if (!m) continue;
		const text = m[1].replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1');
		const base = text
			.toLowerCase()
			.replace(/[^\p{L}\p{N}\p{M}_\- ]/gu, '')
			.replace(/ /g, '-');
		const n = seen.get(base) ?? 0;
		seen.set(base, n + 1);
		ids.add(n === 0 ? base : `${base}-${n}`);
	}
	return ids;
}

function links(markdown: string): string[] {
	const found: string[] = [];
	for (const line of prose(markdown)) {
		const text = line.replace(/`[^`]*`/g, '');
		for (const m of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) found.push(m[1]);
	}
	return found;
}

describe('links between README, docs/, CONTRIBUTING and the sandbox README', () => {
	it('finds the pages and their links', () => {
		expect(pages).toEqual(
			expect.arrayContaining([
				'docs/provisioning.md',
				'docs/trigger.md',
				'docs/troubleshooting.md',
			]),
		);
		expect(links(readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8')).length).toBeGreaterThan(10);
	});

	it('computes GitHub heading ids', () => {
		const ids = headingIds(
			'# Scaling out (queue mode)\n### `npm run test:e2e:queue`\n## Why\n## Why\n```\n# not a heading\n```',
		);
		expect([...ids]).toEqual(['scaling-out-queue-mode', 'npm-run-teste2equeue', 'why', 'why-1']);
	});

	it.each(pages)('%s: every relative link and #anchor resolves', (page) => {
		const markdown = readFileSync(join(PACKAGE_ROOT, page), 'utf8');
		const broken: string[] = [];
		for (const link of links(markdown)) {
			if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue; // https:, mailto:
			const [path, anchor] = link.split('#');
			const target = path
				? join(dirname(join(PACKAGE_ROOT, page)), decodeURIComponent(path))
				: join(PACKAGE_ROOT, page);
			if (!existsSync(target)) {
				broken.push(`${link} (no ${relative(PACKAGE_ROOT, target)})`);
				continue;
			}
			if (anchor !== undefined && statSync(target).isFile() && target.endsWith('.md')) {
				if (!headingIds(readFileSync(target, 'utf8')).has(anchor))
					broken.push(`${link} (no heading #${anchor})`);
			}
		}
		expect(broken).toEqual([]);
	});
});

describe('the README is for the ops person', () => {
	const readme = readFileSync(join(PACKAGE_ROOT, 'README.md'), 'utf8');

	it('is at most 400 lines and 25 KB; the rest lives in docs/ and CONTRIBUTING.md', () => {
		expect(readme.split('\n').length).toBeLessThanOrEqual(400);
		expect(Buffer.byteLength(readme)).toBeLessThanOrEqual(25 * 1024);
	});

	it('has the two commands near the top, and says early that roster jobs need an Administrator', () => {
		const lines = readme.split('\n');
		const at = (pattern: RegExp) => lines.findIndex((l) => pattern.test(l));
		expect(at(/^npm ci && npm start/)).toBeGreaterThanOrEqual(0);
		expect(at(/^npm ci && npm start/)).toBeLessThan(30);
		expect(at(/^npm ci && npm test/)).toBeLessThan(30);
		expect(at(/Administrator/)).toBeGreaterThanOrEqual(0);
		expect(at(/Administrator/)).toBeLessThan(120);
	});

	it('says what n8n 3 and n8n Cloud change, and how to install from the Community Nodes panel and npm', () => {
		expect(readme).toMatch(/## n8n 3 and n8n Cloud/);
		expect(readme).toContain('N8N_UNVERIFIED_PACKAGES_ENABLED');
		expect(readme).toMatch(/Community Nodes/);
		expect(readme).toContain('npm install n8n-nodes-harvest-users');
	});
});
