import { describe, expect, it } from 'vitest';
import {
  emptyView,
  findAgentMetrics,
  sameSnapshot,
  statusChanged,
  toDisplayStatus,
  viewFromMetrics,
} from '../../../../electron/core/status/snapshot-mapper';
import { statusSnapshotSchema, type StatusSnapshot } from '../../../../shared/snapshot';
import { metricsItem } from '../../../helpers/fake-ccc-api';

const TS = 1_736_125_200; // 2025-01-06T01:00:00Z, epoch seconds

describe('viewFromMetrics', () => {
  it('maps every field; statusSince is LastStatusTimestamp on the LOCAL clock (minus the server offset)', () => {
    const v = viewFromMetrics(
      metricsItem({
        status: 'busy',
        reason: '',
        statusExtra: { type: 'tel', direction: 'in', rawType: 'tel', rawDirect: 'callin' },
        onlineDuration: 3_600,
        freeDuration: 1_200,
        busyDuration: 1_800,
        restDuration: 300,
        notReadyDuration: 60,
        afterCallWorkDuration: 240,
        reserveRest: true,
        useMobileAccept: 2,
        useMobileCallOut: true,
        lastStatusTimestamp: TS,
      }),
      // The server is 1.5 s ahead of this machine.
      1_500,
    );
    expect(v).toEqual({
      status: 'busy',
      rawStatus: 'busy',
      reason: '',
      statusSinceMs: TS * 1000 - 1_500,
      reserveRest: true,
      reserveNotReady: false,
      statusExtra: { type: 'tel', direction: 'in' },
      today: {
        online: 3_600,
        free: 1_200,
        busy: 1_800,
        rest: 300,
        notReady: 60,
        afterCallWork: 240,
      },
      useMobileAccept: 2,
      useMobileCallOut: true,
    });
    expect(viewFromMetrics(metricsItem({ lastStatusTimestamp: TS }), -2_000).statusSinceMs).toBe(
      TS * 1000 + 2_000,
    );
  });

  it('keeps an unknown status raw and displays it as unknown', () => {
    const v = viewFromMetrics(metricsItem({ status: 'onBreakV2', reason: 'x' }), 0);
    expect(v.status).toBe('unknown');
    expect(v.rawStatus).toBe('onBreakV2');
    expect(toDisplayStatus('afterCallWork')).toBe('afterCallWork');
    expect(toDisplayStatus('')).toBe('unknown');
  });

  it('treats a missing or zero LastStatusTimestamp as unknown, and drops StatusExtra outside calls', () => {
    expect(viewFromMetrics(metricsItem({ lastStatusTimestamp: null }), 0).statusSinceMs).toBeNull();
    expect(viewFromMetrics(metricsItem({ lastStatusTimestamp: 0 }), 0).statusSinceMs).toBeNull();
    // The API's own example sends StatusExtra with `free`.
    const free = viewFromMetrics(
      metricsItem({
        status: 'free',
        statusExtra: { type: 'tel', direction: 'in', rawType: 'tel', rawDirect: 'callin' },
      }),
      0,
    );
    expect(free.statusExtra).toBeNull();
  });

  it('never produces negative or non-finite durations', () => {
    const v = viewFromMetrics(
      metricsItem({ onlineDuration: Number.NaN, busyDuration: -5 }),
      Number.NaN,
    );
    expect(v.today.online).toBe(0);
    expect(v.today.busy).toBe(0);
  });
});

describe('findAgentMetrics', () => {
  it('finds the agent case-insensitively and returns null when absent', () => {
    const list = [
      metricsItem({ email: 'other@example.com' }),
      metricsItem({ email: 'Agent@Example.com' }),
    ];
    expect(findAgentMetrics(list, 'agent@example.com')?.email).toBe('Agent@Example.com');
    expect(findAgentMetrics(list, 'nobody@example.com')).toBeNull();
    expect(findAgentMetrics([], 'agent@example.com')).toBeNull();
  });
});

describe('statusChanged / sameSnapshot', () => {
  it('is a change of raw status, or of the reason while on rest / notReady', () => {
    const base = { ...emptyView(), status: 'rest' as const, rawStatus: 'rest', reason: 'Lunch' };
    expect(statusChanged(base, { ...base, reason: 'Meeting' })).toBe(true);
    expect(statusChanged(base, { ...base, status: 'free', rawStatus: 'free' })).toBe(true);
    expect(statusChanged(base, { ...base, reserveRest: true })).toBe(false);
    const free = { ...base, status: 'free' as const, rawStatus: 'free' };
    expect(statusChanged(free, { ...free, reason: 'stale' })).toBe(false);
    const unknownA = { ...base, status: 'unknown' as const, rawStatus: 'x' };
    expect(statusChanged(unknownA, { ...unknownA, rawStatus: 'y' })).toBe(true);
  });

  it('ignores lastSyncMs only', () => {
    const snap: StatusSnapshot = statusSnapshotSchema.parse({
      agentId: 'a',
      ...emptyView(),
      lastSyncMs: 1,
      connection: 'ok',
      lastError: null,
      pending: null,
      undo: null,
      clockOffsetMs: 0,
    });
    expect(sameSnapshot(snap, { ...snap, lastSyncMs: 999 })).toBe(true);
    expect(sameSnapshot(snap, { ...snap, clockOffsetMs: 1 })).toBe(false);
    expect(sameSnapshot(snap, { ...snap, today: { ...snap.today, online: 1 } })).toBe(false);
  });
});
