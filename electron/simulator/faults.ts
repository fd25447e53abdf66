import { z } from 'zod';
import type { FaultSource } from './fault-source';

/**
 * Faults the simulator can inject into the CCC endpoint. Each may be scoped to one action
 * (X-TC-Action) and to a number of requests (`times`), after which it clears itself.
 *
 * - latency {ms}: answer normally after a real delay
 * - hang: never answer (the client must time out)
 * - reset: destroy the socket without answering
 * - refused {forMs?}: stop listening (connections refused) until cleared or for `forMs` real ms;
 *   not scoped (there is no request to scope by)
 * - http5xx {status=502}: an HTML gateway error page with that status
 * - nonJson: HTTP 200 with an HTML body
 * - malformedJson: HTTP 200 with the real answer minus a comma (like the seeds' examples);
 *   the action still takes effect
 * - apiError {code, message?}: the error envelope (InternalError, FailedOperation.SeatStatusBusy...)
 * - itemError {code?, message?}: SetStaffStatus succeeds overall but every item carries this
 *   ErrorCode and nothing changes (always scoped to SetStaffStatus)
 * - rateLimitStorm: every request gets RequestLimitExceeded
 * - clockSkew {ms}: the server clock runs `ms` ahead (negative: behind), for the signature
 *   time check and the HTTP Date header
 *
 * The IM desk commands are untouched by all of these unless a fault is scoped to them with
 * `action: 'desk:<command>'` (or `'desk:*'` for both): then latency, hang, reset, http5xx,
 * nonJson and malformedJson apply to desk requests the same way.
 */
const scope = {
  action: z.string().min(1).optional(),
  times: z.number().int().positive().optional(),
};

/** Runtime schema of a fault (used by the HTTP control interface). */
export const simFaultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('latency'), ms: z.number().int().nonnegative(), ...scope }),
  z.object({ kind: z.literal('hang'), ...scope }),
  z.object({ kind: z.literal('reset'), ...scope }),
  z.object({ kind: z.literal('refused'), forMs: z.number().int().positive().optional() }),
  z.object({
    kind: z.literal('http5xx'),
    status: z.number().int().min(500).max(599).default(502),
    ...scope,
  }),
  z.object({ kind: z.literal('nonJson'), ...scope }),
  z.object({ kind: z.literal('malformedJson'), ...scope }),
  z.object({
    kind: z.literal('apiError'),
    code: z.string().min(1),
    message: z.string().optional(),
    ...scope,
  }),
  z.object({
    kind: z.literal('itemError'),
    code: z.string().min(1).default('FailedOperation.SeatStatusBusy'),
    message: z.string().optional(),
    ...scope,
  }),
  z.object({ kind: z.literal('rateLimitStorm'), ...scope }),
  z.object({ kind: z.literal('clockSkew'), ms: z.number().int(), ...scope }),
]);

/** A fault as callers write it (defaults may be omitted). */
export type SimFault = z.input<typeof simFaultSchema>;
/** A fault with defaults filled in. */
export type ParsedFault = z.output<typeof simFaultSchema>;

type Kind = ParsedFault['kind'];
type OfKind<K extends Kind> = Extract<ParsedFault, { kind: K }>;

/** Faults that decide the transport-level answer before the request is processed. */
export type TransportFault = OfKind<'hang' | 'reset' | 'http5xx' | 'nonJson' | 'malformedJson'>;
/** Faults answered with the API's error envelope after authentication. */
export type ApiFault = OfKind<'apiError' | 'rateLimitStorm'>;
/** A SetStaffStatus item error. */
export type ItemErrorFault = OfKind<'itemError'>;

/** What one CCC request gets: modifiers that always apply plus at most one transport fault. */
export interface TransportPlan {
  skewMs: number;
  latencyMs: number;
  fault: TransportFault | null;
}

interface Active {
  fault: ParsedFault;
  remaining: number | null;
}

const TRANSPORT: readonly Kind[] = ['hang', 'reset', 'http5xx', 'nonJson', 'malformedJson'];
const API: readonly Kind[] = ['apiError', 'rateLimitStorm'];

/** The active faults, consumed request by request in the order they were injected. */
export class FaultRegistry implements FaultSource {
  private active: Active[] = [];

  /** Validates and adds a fault; returns it with defaults filled in, or an error message. */
  add(input: unknown): { ok: true; fault: ParsedFault } | { ok: false; message: string } {
    const parsed = simFaultSchema.safeParse(input);
    if (!parsed.success) return { ok: false, message: z.prettifyError(parsed.error) };
    const fault = parsed.data;
    this.active.push({
      fault,
      remaining: 'times' in fault && fault.times !== undefined ? fault.times : null,
    });
    return { ok: true, fault };
  }

  clear(): void {
    this.active = [];
  }

  /** Removes faults of one kind (the server clears `refused` when its timer ends). */
  clearKind(kind: Kind): void {
    this.active = this.active.filter((a) => a.fault.kind !== kind);
  }

  list(): ParsedFault[] {
    return this.active.map((a) => a.fault);
  }

  refused(): OfKind<'refused'> | null {
    const a = this.active.find((x) => x.fault.kind === 'refused');
    return a ? (a.fault as OfKind<'refused'>) : null;
  }

  /** Current clock skew without consuming anything (Date headers outside the CCC endpoint). */
  peekSkewMs(): number {
    const a = this.active.find((x) => x.fault.kind === 'clockSkew');
    return a ? (a.fault as OfKind<'clockSkew'>).ms : 0;
  }

  /** Consumes the modifiers and the first transport fault that apply to a request for `action`. */
  takeTransport(action: string): TransportPlan {
    const skew = this.takeFirst(action, ['clockSkew']) as OfKind<'clockSkew'> | null;
    const latency = this.takeFirst(action, ['latency']) as OfKind<'latency'> | null;
    return {
      skewMs: skew?.ms ?? 0,
      latencyMs: latency?.ms ?? 0,
      fault: this.takeFirst(action, TRANSPORT) as TransportFault | null,
    };
  }

  /** Consumes the first API-level fault for `action` (checked after authentication). */
  takeApi(action: string): ApiFault | null {
    return this.takeFirst(action, API) as ApiFault | null;
  }

  /** Consumes latency and the first transport fault scoped to a desk command (module comment). */
  takeDeskTransport(command: string): Omit<TransportPlan, 'skewMs'> {
    const desk = (f: ParsedFault) =>
      'action' in f && (f.action === `desk:${command}` || f.action === 'desk:*');
    const latency = this.takeWhere(['latency'], desk) as OfKind<'latency'> | null;
    return {
      latencyMs: latency?.ms ?? 0,
      fault: this.takeWhere(TRANSPORT, desk) as TransportFault | null,
    };
  }

  /** Consumes an item-error fault (SetStaffStatus only). */
  takeItemError(): ItemErrorFault | null {
    return this.takeFirst('SetStaffStatus', ['itemError']) as ItemErrorFault | null;
  }

  private takeFirst(action: string, kinds: readonly Kind[]): ParsedFault | null {
    return this.takeWhere(kinds, (f) => {
      if ('action' in f && f.action !== undefined && f.action !== action) return false;
      return f.kind !== 'itemError' || action === 'SetStaffStatus';
    });
  }

  private takeWhere(
    kinds: readonly Kind[],
    applies: (f: ParsedFault) => boolean,
  ): ParsedFault | null {
    const i = this.active.findIndex((a) => kinds.includes(a.fault.kind) && applies(a.fault));
    if (i < 0) return null;
    const a = this.active[i]!;
    if (a.remaining !== null && --a.remaining <= 0) this.active.splice(i, 1);
    return a.fault;
  }
}
