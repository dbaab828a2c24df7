/**
 * Contract checks against Harvest's OpenAPI description (harvest-openapi.yaml beside this file:
 * jolicode/harvest-php-api, MIT, generated from Harvest's docs; kept unmodified).
 *
 *   validateRequest({ method, path, query, body })   -> violations ([] = valid)
 *   validateRequest(req, { strictBody: true })       -> also body fields the spec does not declare
 *   validateResponse({ method, path, status, body }) -> violations
 *
 * Paths may be absolute URLs or /v2/… paths (the spec's are relative to /v2). Non-/v2 paths are
 * not in the spec and are skipped: `/api/v2/accounts` lives on id.getharvest.com.
 *
 * The OpenAPI 3.0 schemas are converted to JSON Schema for ajv: `nullable: true` becomes a type
 * union with null; `format: int32/int64/float/double` are ignored; `format: url` is checked as
 * an absolute URL. Where the spec disagrees with Harvest's documented or recorded behaviour
 * (the project's API reference wins), it is corrected here, and only here:
 *
 *  1. List envelopes declare `page` as a non-null integer, but in cursor mode `page` is null on
 *     every page but the first and last (pagination docs, §1.5). `page` is made nullable.
 *  2. `PATCH /users/{userId}/teammates` declares `teammate_ids` items as strings; the docs
 *     describe integer user ids. Both are accepted.
 *  3. Harvest's own `links` carry a `ref` query parameter (`ref=first|next_cursor|previous|last`)
 *     that no operation declares; following links verbatim must not count as a violation.
 *  4. `access_token` and `account_id` are the documented query-string alternative to the
 *     Authorization / Harvest-Account-Id headers, and are not declared per operation.
 *  5. Error responses: the spec's `Error` schema ({code, message}) does not match the recorded
 *     bodies ({"error","error_description"}, {"status","error"}, {"message"}); it has no
 *     required fields, so those still validate, and only JSON error bodies are checked.
 *  6. DELETE declares a 200 without a body, but every recorded DELETE answered 200 with the
 *     deleted record (harvest-observed.md §2 and §7, H8 and H20, 2019). A DELETE 200 body is
 *     checked against the 200 schema of GET on the same path instead of being refused.
 *  7. `POST /users` and `PATCH /users/{userId}` take `telephone`, which the spec lists for
 *     neither (harvest-observed-2.md §1.1, live test 2018; harvest-observed.md §2, the PATCH side).
 */
import fs from 'fs';
import path from 'path';
import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import YAML from 'yaml';

type Schema = Record<string, unknown>;

interface Parameter {
	name: string;
	in: 'query' | 'path' | 'header';
	schema?: Schema;
}

interface Operation {
	parameters?: Parameter[];
	requestBody?: { required?: boolean; content: Record<string, { schema: Schema }> };
	responses: Record<string, { content?: Record<string, { schema: Schema }> }>;
}

interface PathTemplate {
	template: string;
	regex: RegExp;
	params: number;
	operations: Record<string, Operation>;
	parameters: Parameter[];
}

const SPEC_FILE = path.join(__dirname, 'harvest-openapi.yaml');
const SCHEMA_BASE = 'https://harvest-openapi.test/schemas/';
const ALWAYS_ALLOWED_QUERY = new Set(['ref', 'access_token', 'account_id']);
const LIST_ENVELOPE = /^[A-Z][A-Za-z]*s$/;

interface Loaded {
	ajv: Ajv;
	paths: PathTemplate[];
	/** The spec's components, unconverted, for following `$ref` in strict body checks. */
	schemas: Record<string, Schema>;
}

let loaded: Loaded | undefined;
const compiled = new Map<Schema, ValidateFunction>();

function load(): Loaded {
	if (loaded) return loaded;
	const spec = YAML.parse(fs.readFileSync(SPEC_FILE, 'utf8')) as {
		components: { schemas: Record<string, Schema> };
		paths: Record<string, Record<string, unknown>>;
	};
	const ajv = new Ajv({ strict: false, allErrors: true });
	addFormats(ajv);
	for (const f of ['int32', 'int64', 'float', 'double']) ajv.addFormat(f, true);
	ajv.addFormat('url', (v: string) => /^https?:\/\/[^\s]+$/.test(v));
	for (const [name, schema] of Object.entries(spec.components.schemas)) {
		const converted = toJsonSchema(schema) as Schema;
		// Correction 1: cursor pages have page: null.
		if (
			LIST_ENVELOPE.test(name) &&
			isObject(converted.properties) &&
			isObject(converted.properties.page)
		)
			(converted.properties as Record<string, Schema>).page = { type: ['integer', 'null'] };
		ajv.addSchema({ ...converted, $id: SCHEMA_BASE + name });
	}
	const paths = Object.entries(spec.paths).map(([template, item]) => {
		const operations: Record<string, Operation> = {};
		for (const [k, v] of Object.entries(item))
			if (k !== 'parameters') operations[k.toUpperCase()] = v as Operation;
		const params = (template.match(/\{[^}]+\}/g) ?? []).length;
		const regex = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
		return {
			template,
			regex,
			params,
			operations,
			parameters: (item.parameters as Parameter[] | undefined) ?? [],
		};
	});
	// `/users/me` must win over `/users/{userId}`.
	paths.sort((a, b) => a.params - b.params);
	loaded = { ajv, paths, schemas: spec.components.schemas };
	return loaded;
}

/** OpenAPI 3.0 schema -> JSON Schema (draft-07): nullable, $ref to registered components. */
function toJsonSchema(node: unknown): unknown {
	if (Array.isArray(node)) return node.map(toJsonSchema);
	if (!isObject(node)) return node;
	const out: Schema = {};
	for (const [k, v] of Object.entries(node)) {
		if (k === 'nullable' || k === 'example' || k === 'externalDocs' || k === 'deprecated') continue;
		if (k === '$ref' && typeof v === 'string')
			out.$ref = v.replace('#/components/schemas/', SCHEMA_BASE);
		else out[k] = toJsonSchema(v);
	}
	if (node.nullable === true) {
		if (typeof out.type === 'string') out.type = [out.type, 'null'];
		if (Array.isArray(out.enum)) out.enum = [...out.enum, null];
	}
	return out;
}

function isObject(v: unknown): v is Schema {
	return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function validate(schema: Schema, value: unknown, where: string): string[] {
	const { ajv } = load();
	let fn = compiled.get(schema);
	if (!fn) {
		fn = ajv.compile(toJsonSchema(schema) as Schema);
		compiled.set(schema, fn);
	}
	if (fn(value)) return [];
	return (fn.errors ?? []).map(
		(e) =>
			`${where}${e.instancePath || ''} ${e.message ?? 'is invalid'}${e.params && 'allowedValues' in e.params ? ` ${JSON.stringify(e.params.allowedValues)}` : ''}`,
	);
}

/** Finds the spec operation for a sandbox/Harvest URL; undefined for paths outside /v2 (skipped). */
function findOperation(
	method: string,
	url: string,
): { op?: Operation; template?: PathTemplate; violations: string[] } | undefined {
	const pathname = url.startsWith('http') ? new URL(url).pathname : url.split('?')[0];
	if (!pathname.startsWith('/v2/')) return undefined;
	const specPath = pathname.slice(3);
	const template = load().paths.find((p) => p.regex.test(specPath));
	if (!template) return { violations: [`${pathname} matches no path in the spec`] };
	const op = template.operations[method.toUpperCase()];
	if (!op)
		return {
			template,
			violations: [`${method.toUpperCase()} ${template.template} is not in the spec`],
		};
	return { op, template, violations: [] };
}

export interface RequestToCheck {
	method: string;
	/** /v2/… or an absolute URL (its query string is checked too). */
	path: string;
	query?: Record<string, string | number | boolean>;
	body?: unknown;
}

export interface RequestCheckOptions {
	/**
	 * Also report body properties the operation's request schema does not declare, at any depth
	 * (objects inside objects and arrays). Harvest ignores unknown fields silently, so a node
	 * sending a removed field (`is_admin`, `can_see_rates`, PATCH `default_hourly_rate`) would
	 * otherwise look fine. Off by default: JSON Schema allows extra properties.
	 */
	strictBody?: boolean;
}

export function validateRequest(req: RequestToCheck, options: RequestCheckOptions = {}): string[] {
	const found = findOperation(req.method, req.path);
	if (!found) return [];
	const { op, template } = found;
	if (!op || !template) return found.violations;
	const violations: string[] = [];
	const query: Record<string, string> = {};
	if (req.path.includes('?'))
		for (const [k, v] of new URLSearchParams(req.path.split('?')[1])) query[k] = v;
	for (const [k, v] of Object.entries(req.query ?? {})) query[k] = String(v);
	const declared = new Map(
		[...template.parameters, ...(op.parameters ?? [])]
			.filter((p) => p.in === 'query')
			.map((p) => [p.name, p]),
	);
	for (const [name, value] of Object.entries(query)) {
		const param = declared.get(name);
		if (!param) {
			if (!ALWAYS_ALLOWED_QUERY.has(name))
				violations.push(
					`query parameter "${name}" is not declared for ${req.method.toUpperCase()} ${template.template}`,
				);
			continue;
		}
		const type = param.schema?.type;
		if (type === 'integer' && !/^-?\d+$/.test(value))
			violations.push(`query parameter "${name}" must be an integer, got "${value}"`);
		if (type === 'boolean' && value !== 'true' && value !== 'false')
			violations.push(`query parameter "${name}" must be true or false, got "${value}"`);
	}
	const hasBody = req.body !== undefined && req.body !== null;
	if (!op.requestBody) {
		if (hasBody)
			violations.push(`${req.method.toUpperCase()} ${template.template} takes no request body`);
		return violations;
	}
	if (!hasBody) {
		if (op.requestBody.required)
			violations.push(`${req.method.toUpperCase()} ${template.template} requires a request body`);
		return violations;
	}
	const content =
		op.requestBody.content['application/json'] ??
		op.requestBody.content['application/x-www-form-urlencoded'];
	if (content) {
		const schema = correctRequestSchema(template.template, content.schema);
		violations.push(...validate(schema, req.body, 'request body'));
		if (options.strictBody) {
			const operation = `${req.method.toUpperCase()} ${template.template}`;
			violations.push(
				...undeclaredProperties(schema, req.body, 'request body').map(
					(where) => `${where} is not declared for ${operation}`,
				),
			);
		}
	}
	return violations;
}

/** Paths (ajv style, `request body/line_items/0/bogus`) of properties `schema` does not declare. */
function undeclaredProperties(schema: Schema, value: unknown, where: string): string[] {
	const resolved = resolveRef(schema);
	if (Array.isArray(value)) {
		const items = resolved.items;
		return isObject(items)
			? value.flatMap((v, i) => undeclaredProperties(items, v, `${where}/${i}`))
			: [];
	}
	if (!isObject(value)) return [];
	const declared = declaredProperties(resolved);
	// An object schema that names no properties is free-form in OpenAPI: nothing to compare with.
	if (!declared) return [];
	const extra = resolved.additionalProperties;
	return Object.entries(value).flatMap(([key, v]) => {
		const child = declared[key] ?? (isObject(extra) ? extra : undefined);
		if (child) return undeclaredProperties(child, v, `${where}/${key}`);
		return extra === true ? [] : [`${where}/${key}`];
	});
}

/** Properties of the schema and of its allOf / oneOf / anyOf branches; undefined when none are named. */
function declaredProperties(schema: Schema): Record<string, Schema> | undefined {
	const branches = ['allOf', 'oneOf', 'anyOf'].flatMap((k) =>
		Array.isArray(schema[k]) ? (schema[k] as Schema[]) : [],
	);
	const all = [schema, ...branches.map(resolveRef)].filter((s) => isObject(s.properties));
	if (all.length === 0) return undefined;
	return Object.assign({}, ...all.map((s) => s.properties as Record<string, Schema>)) as Record<
		string,
		Schema
	>;
}

function resolveRef(schema: Schema): Schema {
	const ref = schema.$ref;
	if (typeof ref !== 'string') return schema;
	const target = load().schemas[ref.replace('#/components/schemas/', '')];
	if (!target) throw new Error(`Unknown $ref ${ref} in ${SPEC_FILE}`);
	return resolveRef(target);
}

export interface ResponseToCheck {
	method: string;
	path: string;
	status: number;
	body: unknown;
}

export function validateResponse(res: ResponseToCheck): string[] {
	const found = findOperation(res.method, res.path);
	if (!found) return [];
	const { op, template } = found;
	if (!op || !template) return found.violations;
	const declared = op.responses[String(res.status)];
	const ok = res.status >= 200 && res.status < 300;
	if (ok && !declared)
		return [
			`${res.method.toUpperCase()} ${template.template} answered ${res.status}; the spec declares ${Object.keys(op.responses).join(', ')}`,
		];
	const response = declared ?? op.responses.default;
	// Correction 6: DELETE answers with the deleted record, shaped like GET's.
	const deletedRecord =
		res.method.toUpperCase() === 'DELETE' && res.status === 200
			? template.operations.GET?.responses['200']
			: undefined;
	const schema = (deletedRecord ?? response)?.content?.['application/json']?.schema;
	const empty = res.body === undefined || res.body === null || res.body === '';
	if (!schema)
		return ok && !empty
			? [`${res.method.toUpperCase()} ${template.template} ${res.status} should have no body`]
			: [];
	if (!ok && (empty || typeof res.body === 'string')) return []; // correction 5: HTML / empty error pages
	if (empty)
		return [`${res.method.toUpperCase()} ${template.template} ${res.status} has an empty body`];
	return validate(schema, res.body, 'response body');
}

const correctedTeammates = new Map<Schema, Schema>();

/** Correction 2: teammate ids are integers in Harvest's docs, strings in the spec. */
const withTelephone = new WeakMap<Schema, Schema>();

function correctRequestSchema(template: string, schema: Schema): Schema {
	if (template === '/users' || template === '/users/{userId}') {
		let fixed = withTelephone.get(schema);
		if (!fixed) {
			fixed = {
				...schema,
				properties: {
					...(schema.properties as Record<string, Schema>),
					telephone: { type: 'string' },
				},
			};
			withTelephone.set(schema, fixed);
		}
		return fixed;
	}
	if (template !== '/users/{userId}/teammates') return schema;
	let fixed = correctedTeammates.get(schema);
	if (!fixed) {
		const props = { ...(schema.properties as Record<string, Schema>) };
		props.teammate_ids = { type: 'array', items: { type: ['integer', 'string'] } };
		fixed = { ...schema, properties: props };
		correctedTeammates.set(schema, fixed);
	}
	return fixed;
}
