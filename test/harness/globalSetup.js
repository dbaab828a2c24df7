// One throwaway n8n user folder for the whole jest run; workers inherit it through the environment.
const { mkdtempSync } = require('fs');
const { tmpdir } = require('os');
const { join } = require('path');

module.exports = async () => {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'harvest-users-test-'));
};
