// n8n-core writes its instance settings (with a generated encryption key) into the user folder
// when first imported: point it at a throwaway folder, never at the developer's home. Jest's
// globalSetup creates one for the whole run (and its teardown removes it); scripts such as the
// benchmark that import this file directly get their own.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

import { installTransportHooks } from './transportHooks.cjs';

if (!process.env.N8N_USER_FOLDER?.includes('harvest-users-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'harvest-users-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = 'silent';

// The package ships its transport limits as constants; tests and the benchmark scale them.
installTransportHooks();
