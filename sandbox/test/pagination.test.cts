import { startSandbox } from '../src/index.cjs';
import { api, Json } from '../src/testkit.cjs';
import type { Sandbox } from '../src/types.cjs';

let sandbox: Sandbox;
const DEMO_USERS = 8;
beforeAll(async () => {
	sandbox = await startSandbox({ seed: { users: 4500 - DEMO_USERS }, rateLimit: false });
});
afterAll(() => sandbox.close());

describe('cursor pagination (/v2/users)', () => {
	it('serves 4,500 users as 3 pages; page fields are null mid-stream', async () => {
		const client = api(sandbox);
		const first = await client.get('/v2/users');
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({
			per_page: 2000,
			total_pages: 3,
			total_entries: 4500,
			page: 1,
			next_page: 2,
			previous_page: null,
		});
		expect(first.json.users).toHaveLength(2000);
		expect(first.json.links.first).toBe(`${sandbox.url}/v2/users?page=1&per_page=2000&ref=first`);
		expect(first.json.links.last).toBe(`${sandbox.url}/v2/users?page=3&per_page=2000&ref=last`);
		expect(first.json.links.next).toMatch(
			new RegExp(`^${sandbox.url}/v2/users\\?cursor=[A-Za-z0-9_-]+&per_page=2000&ref=next_cursor$`),
		);

		const second = await client.get(first.json.links.next);
		expect(second.json).toMatchObject({
			page: null,
			next_page: null,
			previous_page: null,
			total_pages: 3,
		});
		expect(second.json.links.previous).toBeNull();
		const third = await client.get(second.json.links.next);
		expect(third.json).toMatchObject({ page: 3, next_page: null, previous_page: 2 });
		expect(third.json.users).toHaveLength(500);
		expect(third.json.links.next).toBeNull();

		const ids = [first, second, third].flatMap((r) => r.json.users.map((u: Json) => u.id));
		expect(new Set(ids).size).toBe(4500);
		expect(ids).toEqual([...ids].sort((a, b) => b - a)); // newest first
	});

	it('a client that loops on next_page stops early; one that follows links.next gets everything', async () => {
		const client = api(sandbox);
		let viaNextPage = 0;
		let page: number | null = 1;
		while (page !== null) {
			const res = await client.get(`/v2/users?page=${page}`);
			viaNextPage += res.json.users.length;
			page = res.json.next_page;
		}
		let viaLinks = 0;
		let url: string | null = '/v2/users';
		while (url) {
			const res = await client.get(url);
			viaLinks += res.json.users.length;
			url = res.json.links.next;
		}
		expect(viaLinks).toBe(4500);
		expect(viaNextPage).toBe(4000);
	});

	it('keeps filters in the links and is stable when users are created between pages', async () => {
		const client = api(sandbox);
		const first = await client.get('/v2/users?is_active=true&per_page=3');
		expect(first.json.links.next).toContain('is_active=true');
		expect(first.json.links.next).toContain('per_page=3');
		const before = first.json.users.map((u: Json) => u.id);
		await client.post('/v2/users', {
			first_name: 'New',
			last_name: 'Comer',
			email: 'newcomer@example.com',
		});
		const second = await client.get(first.json.links.next);
		const after = second.json.users.map((u: Json) => u.id);
		expect(after.every((id: number) => id < Math.min(...before))).toBe(true);
		expect(after[0]).toBe(before[2] - 1);
	});

	it('refuses per_page outside 1..2000 and non-integers with 422 and a message', async () => {
		const client = api(sandbox);
		for (const bad of ['2001', '0', 'abc', '1.5']) {
			const res = await client.get(`/v2/users?per_page=${bad}`);
			expect(res.status).toBe(422);
			expect(typeof res.json.message).toBe('string');
		}
		expect((await client.get('/v2/users?per_page=2000')).status).toBe(200);
		expect((await client.get('/v2/users?cursor=%%%')).status).toBe(422);
	});
});

describe('numbered pages for /v2/users (what recorded Harvest traffic shows), switched on through the admin API', () => {
	const setUsersPagination = async (users: string) =>
		await fetch(`${sandbox.url}/__sandbox/pagination`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ users }),
		});
	afterEach(async () => void (await setUsersPagination('cursor')));

	it('numbers every page, so a next_page loop and a links.next loop both get everyone', async () => {
		expect((await setUsersPagination('numbered')).status).toBe(200);
		const client = api(sandbox);
		const second = await client.get('/v2/users?page=2&per_page=100');
		const total = second.json.total_entries as number; // earlier tests in this file add users
		expect(total).toBeGreaterThanOrEqual(4500);
		expect(second.json).toMatchObject({
			page: 2,
			next_page: 3,
			previous_page: 1,
			per_page: 100,
			total_pages: Math.ceil(total / 100),
		});
		// With the `ref=` every link has carried since 2021 (harvest-observed.md §1.3, XB, H17).
		expect(second.json.links.next).toBe(`${sandbox.url}/v2/users?page=3&per_page=100&ref=next`);
		let viaNextPage = 0;
		let requests = 0;
		let page: number | null = 1;
		while (page !== null) {
			const res = await client.get(`/v2/users?page=${page}&per_page=100`);
			viaNextPage += res.json.users.length;
			requests++;
			page = res.json.next_page;
		}
		expect([viaNextPage, requests]).toEqual([total, Math.ceil(total / 100)]);
	});

	it('refuses an unknown mode, and a reset goes back to cursors', async () => {
		expect((await setUsersPagination('offset')).status).toBe(422);
		await setUsersPagination('numbered');
		await fetch(`${sandbox.url}/__sandbox/reset`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ seed: { users: 4500 - DEMO_USERS } }),
		});
		const first = await api(sandbox).get('/v2/users');
		expect(first.json.links.next).toMatch(/cursor=/);
	});
});

describe('page-numbered endpoints', () => {
	it('/v2/users/me/project_assignments uses page numbers and links to /v2/users/{id}/project_assignments', async () => {
		const member = api(sandbox, 'member');
		const { userId } = sandbox.tokens.member;
		const first = await member.get('/v2/users/me/project_assignments?per_page=1');
		expect(first.json).toMatchObject({
			page: 1,
			next_page: 2,
			previous_page: null,
			total_entries: 2,
			total_pages: 2,
		});
		expect(first.json.links.next).toBe(
			`${sandbox.url}/v2/users/${userId}/project_assignments?page=2&per_page=1&ref=next`,
		);
		const second = await member.get('/v2/users/me/project_assignments?per_page=1&page=2');
		expect(second.json).toMatchObject({ page: 2, next_page: null, previous_page: 1 });
		expect(second.json.links.previous).toBe(
			`${sandbox.url}/v2/users/${userId}/project_assignments?page=1&per_page=1&ref=previous`,
		);
		const pa = first.json.project_assignments[0];
		expect(pa).toMatchObject({
			is_active: true,
			project: { id: expect.any(Number) },
			client: { id: expect.any(Number) },
		});
		expect(Array.isArray(pa.task_assignments)).toBe(true);
	});

	it('/v2/projects/{id}/user_assignments pages by number, keeping filters', async () => {
		const client = api(sandbox);
		const project = sandbox.store.projects.newest().find((p) => p.name === 'Marketing Website');
		const first = await client.get(
			`/v2/projects/${project?.id}/user_assignments?is_active=true&per_page=2`,
		);
		expect(first.json).toMatchObject({ page: 1, next_page: 2, total_entries: 3 });
		expect(first.json.links.next).toBe(
			`${sandbox.url}/v2/projects/${project?.id}/user_assignments?is_active=true&page=2&per_page=2&ref=next`,
		);
		const second = await client.get(first.json.links.next);
		expect(second.json).toMatchObject({ page: 2, next_page: null, previous_page: 1 });
		expect(second.json.user_assignments).toHaveLength(1);
	});
});

describe('filters', () => {
	it('updated_since is inclusive and refuses garbage', async () => {
		const client = api(sandbox);
		const target = sandbox.store.users.update(sandbox.tokens.member.userId, {
			weekly_capacity: 99000,
		});
		const at = target.updated_at;
		const since = await client.get(`/v2/users?updated_since=${encodeURIComponent(at)}`);
		expect(since.json.users.map((u: Json) => u.id)).toContain(target.id);
		const later = new Date(Date.parse(at) + 1000).toISOString();
		const after = await client.get(`/v2/users?updated_since=${encodeURIComponent(later)}`);
		expect(after.json.users.map((u: Json) => u.id)).not.toContain(target.id);
		expect((await client.get('/v2/users?updated_since=yesterday')).status).toBe(422);
	});

	it('is_active filters users; user_assignments filter by user_id', async () => {
		const client = api(sandbox);
		const archived = await client.get('/v2/users?is_active=false');
		expect(archived.json.users.map((u: Json) => u.email)).toEqual(['olivia.brown@example.com']);
		const { userId } = sandbox.tokens.member;
		const mine = await client.get(`/v2/user_assignments?user_id=${userId}`);
		expect(mine.json.user_assignments.length).toBeGreaterThan(0);
		expect(mine.json.user_assignments.every((a: Json) => a.user.id === userId)).toBe(true);
		expect((await client.get('/v2/users?is_active=maybe')).status).toBe(422);
	});
});

describe('scale', () => {
	it('seeds 10,000 users and lists them in ceil(N/2000) pages', async () => {
		// Speed is measured by `npm run bench`, not asserted here (timings flake on a busy machine).
		const big = await startSandbox({ seed: { users: 10_000 }, rateLimit: false });
		try {
			const client = api(big);
			let url: string | null = '/v2/users';
			let count = 0;
			let pages = 0;
			while (url) {
				const res = await client.get(url);
				count += res.json.users.length;
				pages++;
				url = res.json.links.next;
			}
			expect(count).toBe(10_000 + DEMO_USERS);
			expect(pages).toBe(Math.ceil((10_000 + DEMO_USERS) / 2000));
		} finally {
			await big.close();
		}
	});
});
