const { rmSync } = require('fs');

module.exports = async () => {
	const folder = process.env.N8N_USER_FOLDER;
	if (folder && folder.includes('harvest-users-test-'))
		rmSync(folder, { recursive: true, force: true });
};
