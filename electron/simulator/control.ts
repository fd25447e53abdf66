import { timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Clock } from '../core/ports';
import { err, ok, type Result } from '../../shared/result';
import { SETTABLE_STATUSES, type SettableStatus } from '../../shared/vocabulary';
import type { CredentialStore, SimTemporaryCredentials } from './auth';
import type { SimReply } from './ccc-handler';
import type { FaultRegistry, ParsedFault, SimFault } from './faults';
import { toTelCdrInfo } from './tel-cdr-action';
import type { SetStatusOutcome, SimAgentMetrics, SimControlError, SimWorld } from './world';

/** Everything the simulator knows right now, for tests and the browser preview. */
export interface SimStateSnapshot {
  nowMs: number;
  wrapUpSeconds: number;
  refused: boolean;
  faults: ParsedFault[];
  agents: SimAgentMetrics[];
}

type R<T> = Promise<Result<T, SimControlError>>;

/**
 * Drives the simulator from a test, the browser preview or an e2e test. The same commands are
 * served over HTTP at POST /__sim/<command> (header `x-sim-token`, JSON in and out).
 * Status changes made here count as changes made elsewhere (a supervisor, the phone system).
 */
export interface SimControl {
  /** As a supervisor would (same reserve rules as SetStaffStatus). */
  setStatus(staff: string, status: SettableStatus, reason?: string): R<SetStatusOutcome>;
  /**
   * Routes a call / IM session to the agent: busy with StatusExtra. A phone call leaves a call
   * record; an outbound one with `answered: false` is never picked up (it ends as notAnswer).
   */
  startCall(
    staff: string,
    opts: { type: 'tel' | 'im'; direct: 'in' | 'out'; answered?: boolean },
  ): R<SimAgentMetrics>;
  /** A call rings the (free) agent and is not answered; then `nextStaff` answers it, or nobody. */
  missCall(staff: string, opts: { ringSeconds: number; nextStaff?: string }): R<SimAgentMetrics>;
  /** The agent's phone call goes to `to` (free), who answers at once; the agent wraps up. */
  transferCall(staff: string, opts: { to: string }): R<SimAgentMetrics>;
  /** How late finished calls' records become readable (simulated seconds). */
  setCdrDelay(opts: {
    minSeconds: number;
    maxSeconds: number;
  }): R<{ minSeconds: number; maxSeconds: number }>;
  /** The records (TelCdrInfo, arrived or not) of every finished call the agent took part in. */
  callRecords(staff: string): R<Record<string, unknown>[]>;
  /** Ends it: afterCallWork with the wrap-up countdown, then free or the reserved break. */
  endCall(staff: string, opts?: { wrapUpSeconds?: number }): R<SimAgentMetrics>;
  /** Ends the wrap-up countdown now. */
  finishWrapUp(staff: string): R<SimAgentMetrics>;
  setOnline(staff: string): R<SimAgentMetrics>;
  setOffline(staff: string): R<SimAgentMetrics>;
  /** Default wrap-up length for calls ended from now on (simulated seconds). */
  setWrapUpSeconds(seconds: number): R<{ wrapUpSeconds: number }>;
  /** STS-like credentials; requests must send X-TC-Token; expired -> AuthFailure.TokenFailure. */
  addTemporaryCredentials(opts: { ttlSeconds: number }): R<SimTemporaryCredentials>;
  /** Deletes a key: its requests get AuthFailure.SecretIdNotFound. */
  revokeKey(secretId: string): R<{ revoked: true }>;
  injectFault(fault: SimFault): R<ParsedFault>;
  /** Clears every CCC fault (and listens again after `refused`). */
  clearFaults(): R<{ cleared: true }>;
  injectDeskFault(fault: unknown): R<{ injected: true }>;
  clearDeskFaults(): R<{ cleared: true }>;
  state(): R<SimStateSnapshot>;
}

export interface ControlDeps {
  world: SimWorld;
  store: CredentialStore;
  faults: FaultRegistry;
  /** The desk handler's fault queue; `inject` may return a Result (an invalid fault is an error). */
  deskFaults: { inject(fault: unknown): unknown; clear(): void };
  server: { refuse(forMs?: number): void; reopen(): Promise<void> };
  clock: Clock;
}

const invalidArg = (message: string): SimControlError => ({ code: 'InvalidArgument', message });

/** Builds the in-process control over the simulator's parts. */
export function createSimControl(deps: ControlDeps): SimControl {
  const { world } = deps;
  return {
    async setStatus(staff, status, reason = '') {
      if (!(SETTABLE_STATUSES as readonly string[]).includes(status)) {
        return err(invalidArg(`Status must be one of ${SETTABLE_STATUSES.join(', ')}.`));
      }
      const r = world.setStaffStatus(staff, status, reason, 'supervisor');
      if (r.errorCode === 'InvalidParameterValue.AccountNotExist')
        return err({ code: 'UnknownStaff', message: r.errorMessage });
      if (r.errorCode) return err({ code: 'InvalidState', message: r.errorMessage });
      return ok(r);
    },
    async startCall(staff, opts) {
      return world.startCall(staff, { type: opts.type, direct: opts.direct }, opts);
    },
    async missCall(staff, opts) {
      return world.missCall(staff, opts);
    },
    async transferCall(staff, opts) {
      return world.transferCall(staff, opts.to);
    },
    async setCdrDelay({ minSeconds, maxSeconds }) {
      if (!(minSeconds >= 0) || !(maxSeconds >= minSeconds))
        return err(invalidArg('Need 0 <= minSeconds <= maxSeconds.'));
      world.phone.setCdrDelay(minSeconds, maxSeconds);
      return ok({ minSeconds, maxSeconds });
    },
    async callRecords(staff) {
      if (world.staffByIds([staff]).length === 0)
        return err({ code: 'UnknownStaff', message: `No agent ${staff}.` });
      return ok(
        world
          .telCalls()
          .filter((c) => c.legs.some((l) => l.agentId === staff))
          .map(toTelCdrInfo),
      );
    },
    async endCall(staff, opts) {
      return world.endCall(staff, opts?.wrapUpSeconds);
    },
    async finishWrapUp(staff) {
      return world.finishWrapUp(staff);
    },
    async setOnline(staff) {
      return world.setOnline(staff);
    },
    async setOffline(staff) {
      return world.setOffline(staff);
    },
    async setWrapUpSeconds(seconds) {
      if (!Number.isFinite(seconds) || seconds < 0) return err(invalidArg('seconds must be >= 0.'));
      world.setWrapUpSeconds(seconds);
      return ok({ wrapUpSeconds: world.wrapUpSeconds() });
    },
    async addTemporaryCredentials({ ttlSeconds }) {
      if (!Number.isInteger(ttlSeconds) || ttlSeconds <= 0)
        return err(invalidArg('ttlSeconds must be a positive integer.'));
      return ok(deps.store.addTemporary(ttlSeconds, deps.clock.now()));
    },
    async revokeKey(secretId) {
      return deps.store.revoke(secretId)
        ? ok({ revoked: true })
        : err({ code: 'InvalidArgument', message: 'No such SecretId.' });
    },
    async injectFault(fault) {
      const added = deps.faults.add(fault);
      if (!added.ok) return err(invalidArg(added.message));
      if (added.fault.kind === 'refused') {
        deps.server.refuse(added.fault.forMs);
        // Let the listening socket close before the caller tries to connect.
        await new Promise((resolve) => setImmediate(resolve));
      }
      return ok(added.fault);
    },
    async clearFaults() {
      deps.faults.clear();
      try {
        await deps.server.reopen();
      } catch (e) {
        return err({
          code: 'Unavailable',
          message: `Could not listen again: ${e instanceof Error ? e.message : String(e)}`,
        });
      }
      return ok({ cleared: true });
    },
    async injectDeskFault(fault) {
      const r = deps.deskFaults.inject(fault) as { ok?: boolean; error?: unknown } | undefined;
      if (r && r.ok === false) return err(invalidArg(String(r.error)));
      return ok({ injected: true });
    },
    async clearDeskFaults() {
      deps.deskFaults.clear();
      return ok({ cleared: true });
    },
    async state() {
      return ok({
        nowMs: world.now(),
        wrapUpSeconds: world.wrapUpSeconds(),
        refused: deps.faults.refused() !== null,
        faults: deps.faults.list(),
        agents: world.allMetrics(),
      });
    },
  };
}

const staff = z.object({ staff: z.string().min(1) });
const empty = z.object({}).passthrough();

/** Argument schemas of the HTTP control commands (the body of POST /__sim/<command>). */
const COMMANDS = {
  setStatus: [
    z.object({
      staff: z.string().min(1),
      status: z.enum(SETTABLE_STATUSES),
      reason: z.string().optional(),
    }),
    (c: SimControl, a: { staff: string; status: SettableStatus; reason?: string }) =>
      c.setStatus(a.staff, a.status, a.reason),
  ],
  startCall: [
    z.object({
      staff: z.string().min(1),
      type: z.enum(['tel', 'im']),
      direct: z.enum(['in', 'out']),
      answered: z.boolean().optional(),
    }),
    (
      c: SimControl,
      a: { staff: string; type: 'tel' | 'im'; direct: 'in' | 'out'; answered?: boolean },
    ) => c.startCall(a.staff, a),
  ],
  missCall: [
    z.object({
      staff: z.string().min(1),
      ringSeconds: z.number().int().min(1).max(600),
      nextStaff: z.string().min(1).optional(),
    }),
    (c: SimControl, a: { staff: string; ringSeconds: number; nextStaff?: string }) =>
      c.missCall(a.staff, a),
  ],
  transferCall: [
    z.object({ staff: z.string().min(1), to: z.string().min(1) }),
    (c: SimControl, a: { staff: string; to: string }) => c.transferCall(a.staff, a),
  ],
  setCdrDelay: [
    z.object({ minSeconds: z.number().nonnegative(), maxSeconds: z.number().nonnegative() }),
    (c: SimControl, a: { minSeconds: number; maxSeconds: number }) => c.setCdrDelay(a),
  ],
  callRecords: [staff, (c: SimControl, a: { staff: string }) => c.callRecords(a.staff)],
  endCall: [
    z.object({ staff: z.string().min(1), wrapUpSeconds: z.number().nonnegative().optional() }),
    (c: SimControl, a: { staff: string; wrapUpSeconds?: number }) =>
      c.endCall(a.staff, { wrapUpSeconds: a.wrapUpSeconds }),
  ],
  finishWrapUp: [staff, (c: SimControl, a: { staff: string }) => c.finishWrapUp(a.staff)],
  setOnline: [staff, (c: SimControl, a: { staff: string }) => c.setOnline(a.staff)],
  setOffline: [staff, (c: SimControl, a: { staff: string }) => c.setOffline(a.staff)],
  setWrapUpSeconds: [
    z.object({ seconds: z.number().nonnegative() }),
    (c: SimControl, a: { seconds: number }) => c.setWrapUpSeconds(a.seconds),
  ],
  addTemporaryCredentials: [
    z.object({ ttlSeconds: z.number().int().positive() }),
    (c: SimControl, a: { ttlSeconds: number }) => c.addTemporaryCredentials(a),
  ],
  revokeKey: [
    z.object({ secretId: z.string().min(1) }),
    (c: SimControl, a: { secretId: string }) => c.revokeKey(a.secretId),
  ],
  injectFault: [z.unknown(), (c: SimControl, a: unknown) => c.injectFault(a as SimFault)],
  clearFaults: [empty, (c: SimControl) => c.clearFaults()],
  injectDeskFault: [z.unknown(), (c: SimControl, a: unknown) => c.injectDeskFault(a)],
  clearDeskFaults: [empty, (c: SimControl) => c.clearDeskFaults()],
  state: [empty, (c: SimControl) => c.state()],
} as const;

const json = (status: number, body: unknown): SimReply => ({
  status,
  body: JSON.stringify(body),
  headers: { 'Content-Type': 'application/json' },
});

function tokenMatches(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Serves the control over HTTP: 401 without the right `x-sim-token`, 404 for an unknown
 * command, 400 for bad arguments, else `{ok: true, value}` (200) or `{ok: false, error}`
 * (404 UnknownStaff, 409 InvalidState, 400 otherwise).
 */
export function createControlHttp(control: SimControl, controlToken: string) {
  return async (command: string, token: string, body: string): Promise<SimReply> => {
    if (!token || !tokenMatches(token, controlToken)) {
      return json(401, {
        ok: false,
        error: { code: 'Unauthorized', message: 'Missing or wrong x-sim-token.' },
      });
    }
    const entry = (
      COMMANDS as Record<string, readonly [z.ZodType, (c: SimControl, a: never) => R<unknown>]>
    )[command];
    if (!entry)
      return json(404, {
        ok: false,
        error: { code: 'UnknownCommand', message: `No command ${command}.` },
      });
    let raw: unknown = {};
    if (body.trim() !== '') {
      try {
        raw = JSON.parse(body);
      } catch {
        return json(400, { ok: false, error: invalidArg('The body is not valid JSON.') });
      }
    }
    const parsed = entry[0].safeParse(raw);
    if (!parsed.success)
      return json(400, { ok: false, error: invalidArg(z.prettifyError(parsed.error)) });
    const result = await entry[1](control, parsed.data as never);
    if (result.ok) return json(200, result);
    const status =
      result.error.code === 'UnknownStaff' ? 404 : result.error.code === 'InvalidState' ? 409 : 400;
    return json(status, result);
  };
}
