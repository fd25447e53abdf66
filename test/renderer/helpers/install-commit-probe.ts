import { COMMIT_PROBE_SOURCE, type CommitProbeStats } from '../../../scripts/bench/commit-probe';

/**
 * Imported FIRST by a test file (before React DOM loads): installs the commit probe in jsdom so the
 * test can count which components rendered. Returns the live counters.
 */
new Function(COMMIT_PROBE_SOURCE)();

/** The live counters of the probe installed above. */
export const commitProbe = (): CommitProbeStats =>
  (globalThis as unknown as { __commitProbe: CommitProbeStats }).__commitProbe;
