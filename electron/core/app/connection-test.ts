import type { Clock, Logger, Timers } from '../ports';
import { findAgentMetrics } from '../status/snapshot-mapper';
import { dayKeyAt } from '../../../shared/day-key';
import type { TestConnectionResult } from '../../../shared/ipc-contract';
import type { AppError, Result } from '../../../shared/result';
import { cccClientFor, deskClientFor, type RuntimeConfig } from './runtime';

/**
 * "Test connection": exactly ONE real CCC call (DescribeStaffStatusMetrics for the agent, no
 * retries) and, when the desk is configured, one desk call (today's agent statistics). Each
 * answer becomes a sentence: what works, or what to fix (the API error's own human message,
 * which names the missing permission, the rejected key, the wrong SdkAppId, ...).
 */

type Check = TestConnectionResult['ccc'];

const failed = (e: AppError): Check => {
  const c: Check = { ok: false, message: e.message, code: e.code };
  if (e.requestId) c.requestId = e.requestId;
  return c;
};

export interface ConnectionTestDeps {
  clock: Clock;
  timers: Timers;
  logger: Logger;
  random: () => number;
  /** The clock offset already learned by the running client, if any. */
  clockOffsetMs?: number;
}

/** Runs the test for a resolved config, or reports why there is nothing to test. */
export async function testConnection(
  config: Result<RuntimeConfig>,
  deskEnabled: boolean,
  deps: ConnectionTestDeps,
): Promise<TestConnectionResult> {
  if (!config.ok) return { ccc: failed(config.error), desk: null };
  const c = config.value;
  const client = cccClientFor(c, deps, deps.clockOffsetMs);
  let ccc: Check;
  try {
    const r = await client.describeStaffStatusMetrics(
      { staffList: [c.agentId] },
      { maxAttempts: 1 },
    );
    if (!r.ok) ccc = failed(r.error);
    else if (!findAgentMetrics(r.value.value, c.agentId)) {
      ccc = {
        ok: false,
        code: 'agent_not_found',
        message: `The API key works, but CCC instance ${c.sdkAppId} has no agent "${c.agentId}": check the agent account in Settings.`,
        requestId: r.value.requestId,
      };
    } else {
      ccc = {
        ok: true,
        message: `Connected: the API key works and CCC knows agent "${c.agentId}".`,
        requestId: r.value.requestId,
      };
    }
  } finally {
    await client.close().catch(() => undefined);
  }

  let desk: Check | null = null;
  const deskClient = deskClientFor(c, deps);
  if (deskClient) {
    try {
      const today = dayKeyAt(deps.clock.now(), c.tzOffsetMinutes);
      const r = await deskClient.describeAgentStatistics(
        { fromDay: today, toDay: today },
        { maxAttempts: 1 },
      );
      desk = r.ok
        ? { ok: true, message: 'Connected: the daily statistics of the desk can be read.' }
        : failed(r.error);
    } finally {
      await deskClient.close().catch(() => undefined);
    }
  } else if (deskEnabled && c.deskMissing) {
    desk = { ok: false, code: 'not_configured', message: c.deskMissing };
  }
  return { ccc, desk };
}
