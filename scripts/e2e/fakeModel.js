'use strict';
/**
 * A fake OpenAI-compatible chat model for the AI Agent scenario: n8n's OpenAI Chat Model node,
 * with its credential's Base URL pointed here, talks to it as to api.openai.com/v1.
 *
 *   GET  /v1/models             one model, "gpt-fake" (the credential test asks for it)
 *   POST /v1/chat/completions   asks `reply(body)` what to answer: a tool call or a final text
 *
 * `reply` gets the request body (messages, tools) and returns either
 * `{ tool: <tool name>, args: {...} }` or `{ text: '...' }`. Every request body is recorded in
 * `requests`, so a test can read what the model was sent back by each tool (role "tool" messages).
 * Streaming requests get the same answer as server-sent chunks.
 */
const http = require('node:http');

function completion(answer, n) {
	const message = answer.tool
		? {
				role: 'assistant',
				content: null,
				tool_calls: [
					{
						id: `call_${n}`,
						type: 'function',
						function: { name: answer.tool, arguments: JSON.stringify(answer.args ?? {}) },
					},
				],
			}
		: { role: 'assistant', content: answer.text ?? '' };
	return {
		id: `chatcmpl-${n}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: 'gpt-fake',
		choices: [{ index: 0, message, finish_reason: answer.tool ? 'tool_calls' : 'stop' }],
		usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
	};
}

function streamed(res, body) {
	const choice = body.choices[0];
	const delta = choice.message.tool_calls
		? {
				role: 'assistant',
				tool_calls: choice.message.tool_calls.map((c, index) => ({ index, ...c })),
			}
		: { role: 'assistant', content: choice.message.content };
	const chunk = (d, finish) => ({
		id: body.id,
		object: 'chat.completion.chunk',
		created: body.created,
		model: body.model,
		choices: [{ index: 0, delta: d, finish_reason: finish }],
	});
	res.writeHead(200, { 'content-type': 'text/event-stream' });
	res.write(`data: ${JSON.stringify(chunk(delta, null))}\n\n`);
	res.write(`data: ${JSON.stringify(chunk({}, choice.finish_reason))}\n\n`);
	res.end('data: [DONE]\n\n');
}

/** Starts the fake on a free port of 127.0.0.1. Resolves { url, requests, close }. */
async function startFakeModel(reply) {
	const requests = [];
	const server = http.createServer((req, res) => {
		let raw = '';
		req.on('data', (c) => (raw += c));
		req.on('end', () => {
			const send = (status, json) => {
				res.writeHead(status, { 'content-type': 'application/json' });
				res.end(JSON.stringify(json));
			};
			if (req.method === 'GET' && req.url.endsWith('/models'))
				return send(200, { object: 'list', data: [{ id: 'gpt-fake', object: 'model' }] });
			if (req.method !== 'POST' || !req.url.endsWith('/chat/completions'))
				return send(404, { error: { message: `not faked: ${req.method} ${req.url}` } });
			let body;
			try {
				body = JSON.parse(raw);
			} catch {
				return send(400, { error: { message: 'body is not JSON' } });
			}
			requests.push(body);
			let answer;
			try {
				answer = reply(body);
			} catch (e) {
				return send(500, { error: { message: `fake model script failed: ${e.message}` } });
			}
			const out = completion(answer, requests.length);
			return body.stream ? streamed(res, out) : send(200, out);
		});
	});
	await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
	const url = `http://127.0.0.1:${server.address().port}/v1`;
	return { url, requests, close: () => new Promise((resolve) => server.close(resolve)) };
}

/** The tool results the model was sent back, in order: `{ name, content }` per role "tool" message. */
function toolResults(body) {
	const calls = new Map();
	for (const m of body.messages ?? [])
		for (const c of m.tool_calls ?? []) calls.set(c.id, c.function.name);
	return (body.messages ?? [])
		.filter((m) => m.role === 'tool')
		.map((m) => ({ name: calls.get(m.tool_call_id), content: m.content }));
}

module.exports = { startFakeModel, toolResults };
