/**
 * The shape of nodes/ and credentials/ file by file, where importCycles.test.ts looks at folders:
 * no import cycle between files (a cycle inside a folder hides from the folder graph, and that is
 * how transport/request.ts and transport/accounts.ts came to import each other), pure modules that
 * reach no HTTP, and the size limits of the house (no file over 250 lines, no function over 60).
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import { dirname, join, relative, resolve } from 'path';
import ts from 'typescript';

const PACKAGE_ROOT = join(__dirname, '..', '..');

function sourceFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return sourceFiles(path);
		return entry.name.endsWith('.ts') ? [path] : [];
	});
}

const FILES = ['nodes', 'credentials'].flatMap((top) => sourceFiles(join(PACKAGE_ROOT, top)));

/** `./x` is x.ts; `../transport` is transport/index.ts. */
function resolveImport(from: string, specifier: string): string | undefined {
	const target = resolve(dirname(from), specifier);
	for (const candidate of [`${target}.ts`, join(target, 'index.ts')])
		if (existsSync(candidate)) return candidate;
	return undefined;
}

/** File -> the files it imports or re-exports from, type-only imports included (relative imports only). */
function fileGraph(): Map<string, string[]> {
	const graph = new Map<string, string[]>();
	for (const file of FILES) {
		const specifiers = [
			...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s+'(\.{1,2}\/[^']*)'/g),
		].map((m) => m[1]);
		const targets = specifiers
			.map((s) => resolveImport(file, s))
			.filter((t): t is string => t !== undefined);
		graph.set(relative(PACKAGE_ROOT, file), [
			...new Set(targets.map((t) => relative(PACKAGE_ROOT, t))),
		]);
	}
	return graph;
}

/** Every cycle a depth-first walk meets, each as the files along it. */
function cycles(graph: Map<string, string[]>): string[] {
	const found: string[] = [];
	const state = new Map<string, 'open' | 'done'>();
	const walk = (file: string, path: string[]) => {
		state.set(file, 'open');
		for (const next of graph.get(file) ?? []) {
			if (state.get(next) === 'open')
				found.push([...path.slice(path.indexOf(next)), file, next].join(' -> '));
			else if (!state.has(next)) walk(next, [...path, file]);
		}
		state.set(file, 'done');
	};
	for (const file of graph.keys()) if (!state.has(file)) walk(file, []);
	return found;
}

function reachable(graph: Map<string, string[]>, from: string): Set<string> {
	const seen = new Set<string>();
	const stack = [from];
	while (stack.length > 0) {
		const file = stack.pop()!;
		for (const next of graph.get(file) ?? []) {
			if (seen.has(next)) continue;
			seen.add(next);
			stack.push(next);
		}
	}
	return seen;
}

/** Functions (declarations, methods, arrows, expressions) longer than `max` lines, as file:line name (lines). */
function longFunctions(max: number): string[] {
	const long: string[] = [];
	for (const file of FILES) {
		const source = ts.createSourceFile(
			file,
			readFileSync(file, 'utf8'),
			ts.ScriptTarget.Latest,
			true,
		);
		const visit = (node: ts.Node) => {
			if (ts.isFunctionLike(node) && 'body' in node && node.body) {
				const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
				const last = source.getLineAndCharacterOfPosition(node.getEnd()).line;
				const name = (node as ts.FunctionLikeDeclaration).name?.getText(source) ?? '(anonymous)';
				if (last - first + 1 > max)
					long.push(
						`${relative(PACKAGE_ROOT, file)}:${first + 1} ${name} (${last - first + 1} lines)`,
					);
			}
			ts.forEachChild(node, visit);
		};
		visit(source);
	}
	return long;
}

describe('file structure of nodes/ and credentials/', () => {
	it('reads the imports it checks', () => {
		const graph = fileGraph();
		expect(graph.get('nodes/HarvestUsers/actions/router.ts')).toContain(
			'nodes/HarvestUsers/actions/operations.ts',
		);
		expect(graph.get('nodes/HarvestUsers/actions/user/User.resource.ts')).toContain(
			'nodes/HarvestUsers/actions/user/reconcile.operation.ts',
		);
		expect(graph.get('nodes/HarvestUsers/actions/user/get.operation.ts')).toContain(
			'nodes/HarvestUsers/transport/index.ts',
		);
	});

	it('has no import cycle between files', () => {
		expect(cycles(fileGraph())).toEqual([]);
	});

	it('keeps the reconcile planner and report pure: nothing they import, however indirectly, is in transport/', () => {
		const graph = fileGraph();
		const pure = ['plan.ts', 'steps.ts', 'report.ts', 'diff.ts', 'guard.ts', 'desiredUser.ts'].map(
			(file) => `nodes/HarvestUsers/actions/user/provisioning/${file}`,
		);
		const reaching = pure.flatMap((file) =>
			[...reachable(graph, file)]
				.filter((to) => to.includes('/transport/'))
				.map((to) => `${file} -> ${to}`),
		);
		expect(reaching).toEqual([]);
		// The check can see a transport import where there is one.
		expect([
			...reachable(graph, 'nodes/HarvestUsers/actions/user/provisioning/apply.ts'),
		]).toContain('nodes/HarvestUsers/transport/index.ts');
	});

	it('has no file over 250 lines', () => {
		const long = FILES.map((file) => ({
			file,
			lines: readFileSync(file, 'utf8').split('\n').length - 1,
		}))
			.filter(({ lines }) => lines > 250)
			.map(({ file, lines }) => `${relative(PACKAGE_ROOT, file)} (${lines} lines)`);
		expect(long).toEqual([]);
	});

	it('has no function over 60 lines', () => {
		expect(longFunctions(60)).toEqual([]);
		// The measure finds a long function where there is one.
		expect(longFunctions(20).length).toBeGreaterThan(0);
	});
});
