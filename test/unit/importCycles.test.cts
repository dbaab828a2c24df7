/**
 * The package's folders form layers: a folder may import from another only if that one never
 * imports back, directly or round about. A cycle between folders is how `methods/` and `actions/`
 * got tangled before; this reads every import in nodes/ and credentials/ and fails on one. Files
 * too: two files that import each other (type imports included) are one module in two pieces, as
 * `transport/request.ts` and `transport/accounts.ts` were.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';

const PACKAGE_ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

/** Folder (or file) -> the folders (files) it imports from (relative imports only; packages are outside). */
function folderGraph(level: 'folder' | 'file' = 'folder'): Map<string, Set<string>> {
	const graph = new Map<string, Set<string>>();
	const files = ['nodes', 'credentials'].flatMap((top) => sourceFiles(join(PACKAGE_ROOT, top)));
	for (const file of files) {
		const from = relative(PACKAGE_ROOT, level === 'folder' ? dirname(file) : file);
		const edges = graph.get(from) ?? new Set<string>();
		graph.set(from, edges);
		for (const [, specifier] of readFileSync(file, 'utf8').matchAll(
			/(?:from|import)\s+'(\.{1,2}\/[^']*)'/g,
		)) {
			const target = resolve(dirname(file), specifier);
			// `../transport` is the folder itself (its index.ts); `./labels` is a file in a folder.
			const isFile = existsSync(`${target}.ts`);
			const to =
				level === 'folder'
					? relative(PACKAGE_ROOT, isFile ? dirname(target) : target)
					: relative(PACKAGE_ROOT, isFile ? `${target}.ts` : join(target, 'index.ts'));
			if (to !== from) edges.add(to);
		}
	}
	return graph;
}

/** Every cycle found by a depth-first walk, each as the folders along it. */
function cycles(graph: Map<string, Set<string>>): string[][] {
	const found: string[][] = [];
	const state = new Map<string, 'open' | 'done'>();
	const walk = (folder: string, path: string[]) => {
		state.set(folder, 'open');
		for (const next of graph.get(folder) ?? []) {
			if (state.get(next) === 'open') found.push([...path.slice(path.indexOf(next)), folder, next]);
			else if (!state.has(next)) walk(next, [...path, folder]);
		}
		state.set(folder, 'done');
	};
	for (const folder of graph.keys()) if (!state.has(folder)) walk(folder, []);
	return found;
}

describe('folder layering', () => {
	it('finds the imports it checks', () => {
		const graph = folderGraph();
		expect(graph.get('nodes/HarvestUsers/methods')).toContain('nodes/HarvestUsers/display');
		expect(graph.get('nodes/HarvestUsers/actions/user')).toContain(
			'nodes/HarvestUsers/actions/shared',
		);
	});

	it('has no import cycle between folders', () => {
		expect(cycles(folderGraph())).toEqual([]);
	});

	it('has no import cycle between files either', () => {
		const graph = folderGraph('file');
		expect(graph.get('nodes/HarvestUsers/transport/request.ts')).toContain(
			'nodes/HarvestUsers/transport/accounts.ts',
		);
		expect(cycles(graph)).toEqual([]);
	});

	it('keeps methods/ and actions/ apart: what both need lives below both', () => {
		const graph = folderGraph();
		const crossing = [...graph.entries()].flatMap(([from, edges]) =>
			[...edges]
				.filter(
					(to) =>
						(from.includes('/methods') && to.includes('/actions')) ||
						(from.includes('/actions') && to.includes('/methods')),
				)
				.map((to) => `${from} -> ${to}`),
		);
		expect(crossing).toEqual([]);
	});
});
