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

export const DEFAULT_ARCHIVE_LIMITS: Readonly<ArchiveLimits> = Object.freeze({
	maxArchiveCount: 10,
	maxArchivePercent: 20,
});

/**
 * The two limits as typed. The editor does not bound them (its number input silently dropped a
 * minus sign), so a value that is no limit at all is refused here rather than read as another.
 */
export function readArchiveLimits(count: unknown, percent: unknown): ArchiveLimits {
	const maxArchiveCount = typeof count === 'string' && count.trim() !== '' ? Number(count) : count;
	if (
		typeof maxArchiveCount !== 'number' ||
		!Number.isInteger(maxArchiveCount) ||
		maxArchiveCount < 0
	) {
		throw new Error(
			`Max Users to Archive must be a whole number of 0 or more, got ${JSON.stringify(count)}`,
		);
	}
	const maxArchivePercent =
		typeof percent === 'string' && percent.trim() !== '' ? Number(percent) : percent;
	if (
		typeof maxArchivePercent !== 'number' ||
		!Number.isFinite(maxArchivePercent) ||
		maxArchivePercent < 0 ||
		maxArchivePercent > 100
	) {
		throw new Error(
			`Max Share to Archive (%) must be a number from 0 to 100, got ${JSON.stringify(percent)}`,
		);
	}
	return { maxArchiveCount, maxArchivePercent };
}

export interface GuardVerdict {
	tripped: boolean;
	archiveCount: number;
	activeCount: number;
	/** Of the active users, rounded to one decimal. */
	archivePercent: number;
	/** Which limits the plan exceeds, in words; empty when it passes. */
	exceeded: string[];
}

export function checkArchiveGuard(
	archiveCount: number,
	activeCount: number,
	limits: ArchiveLimits,
): GuardVerdict {
	const archivePercent = activeCount > 0 ? Math.round((archiveCount / activeCount) * 1000) / 10 : 0;
	const exceeded: string[] = [];
	if (archiveCount > limits.maxArchiveCount) {
		exceeded.push(
			`more than ${limits.maxArchiveCount} user${limits.maxArchiveCount === 1 ? '' : 's'}`,
		);
	}
	if (archiveCount > 0 && archivePercent > limits.maxArchivePercent) {
		exceeded.push(`more than ${limits.maxArchivePercent}% of the active users`);
	}
	return { tripped: exceeded.length > 0, archiveCount, activeCount, archivePercent, exceeded };
}
