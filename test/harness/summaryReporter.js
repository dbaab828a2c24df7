// Prints one plain closing line ("tests: N passed, N failed, N skipped") that CI reads, since
// jest's own summary is not in the format CI recognises.
class SummaryReporter {
	onRunComplete(_contexts, results) {
		const {
			numPassedTests,
			numFailedTests,
			numPendingTests,
			numTodoTests,
			numRuntimeErrorTestSuites,
		} = results;
		const failed = numFailedTests + numRuntimeErrorTestSuites;
		const skipped = numPendingTests + numTodoTests;
		process.stdout.write(
			`\ntests: ${numPassedTests} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}\n`,
		);
	}
}
module.exports = SummaryReporter;
