// n8n-core writes its instance settings (with a generated encryption key) into the user folder
// when first imported: point it at a throwaway folder, never at the developer's home.
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

if (!process.env.N8N_USER_FOLDER?.includes('harvest-users-test-')) {
	process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'harvest-users-test-'));
}
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
process.env.N8N_LOG_LEVEL = 'silent';
