'use strict';
/**
 * A tiny runner for the numbered checks of an end-to-end script: each check is timed, a failure
 * is recorded and the next check still runs; `report()` prints the table and the
 * `<label>: N passed, M failed` line CI looks for.
 */
const { fmt } = require('./runtime');
const { sleep } = require('./proc');

function createChecks({ label, log, only }) {
	const results = [];
	async function check(num, name, fn) {
		if (only && !only.includes(String(num))) return undefined;
		const started = Date.now();
		log(`\n▶ ${num}. ${name}`);
		try {
			const value = await fn();
			results.push({ name: `${num}. ${name}`, ok: true, ms: Date.now() - started });
			log(`  ✔ passed (${fmt(Date.now() - started)})`);
			return value;
		} catch (error) {
			results.push({ name: `${num}. ${name}`, ok: false, ms: Date.now() - started, error });
			log(`  ✘ FAILED (${fmt(Date.now() - started)}): ${error.message}`);
			return undefined;
		}
	}
	function fail(name, error) {
		results.push({ name, ok: false, ms: 0, error });
	}
	/** Prints the table and failures; returns the number of failed checks. */
	function report(extra = '') {
		const failed = results.filter((r) => !r.ok);
		log('');
		for (const r of results) log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.name}  (${fmt(r.ms)})`);
		for (const r of failed) log(`\n--- ${r.name}\n${r.error?.stack ?? r.error}`);
		log(
			`${label}: ${results.length - failed.length} passed, ${failed.length} failed${extra ? ` ${extra}` : ''}`,
		);
		return failed.length;
	}
	return { check, fail, report, results };
}

/** Polls `probe` until it returns something truthy; throws after `timeoutMs` saying what was awaited. */
async function until(what, timeoutMs, probe, everyMs = 1000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await probe();
		if (value) return value;
		if (Date.now() > deadline)
			throw new Error(`timed out after ${fmt(timeoutMs)} waiting for ${what}`);
		await sleep(everyMs);
	}
}

module.exports = { createChecks, until };
