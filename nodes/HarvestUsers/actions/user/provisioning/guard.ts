/**
 * The brake on mass archiving. An HR export that comes back empty or cut short looks exactly like
 * "everyone left"; archiving on that would lock the whole company out of Harvest. Above either
 * threshold nothing at all is written.
 */
export interface ArchiveLimits {
	/** Most users one run may archive. */
	maxArchiveCount: number;
	/** Most users one run may archive, as a percentage of the active users. */
	maxArchivePercent: number;
}

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({ maxArchiveCount: 10, maxArchivePercent: 20 });

export interface GuardVerdict {
	tripped: boolean;
	archiveCount: number;
	activeCount: number;
	/** Of the active users, rounded to one decimal. */
	archivePercent: number;
	/** Which limits the plan exceeds, in words; empty when it passes. */
	exceeded: string[];
}

export function checkArchiveGuard(archiveCount: number, activeCount: number, limits: ArchiveLimits): GuardVerdict {
	const archivePercent = activeCount > 0 ? Math.round((archiveCount / activeCount) * 1000) / 10 : 0;
	const exceeded: string[] = [];
	if (archiveCount > limits.maxArchiveCount) {
		exceeded.push(`more than ${limits.maxArchiveCount} user${limits.maxArchiveCount === 1 ? '' : 's'}`);
	}
	if (archiveCount > 0 && archivePercent > limits.maxArchivePercent) {
		exceeded.push(`more than ${limits.maxArchivePercent}% of the active users`);
	}
	return { tripped: exceeded.length > 0, archiveCount, activeCount, archivePercent, exceeded };
}
