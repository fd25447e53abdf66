import type { SimFault } from '../../electron/simulator/index';
import type { CellHarness, SetupOptions } from './harness';
import { TRANSIENT_TIMES, type FaultId, type OperationId } from './matrix';

/**
 * How each row's fault is made and cleared on the simulator, for one operation at a time. A
 * fault is scoped to the requests the operation under test makes (its CCC action, its desk
 * commands), so the app's background polls do not use it up in another column.
 */

/** What a row does to the world around one operation. */
export interface FaultDriver {
  setup?: SetupOptions;
  inject(h: CellHarness, op: OperationId): Promise<void>;
  clear(h: CellHarness, op: OperationId): Promise<void>;
  /** Row-specific checks after the operation ('fault') and after recovery ('recovered'). */
  check?(h: CellHarness, op: OperationId, phase: 'fault' | 'recovered'): Promise<string[]>;
}

/** The CCC action each operation calls (the status part of the stats is the history). */
const CCC_ACTION: Record<OperationId, string> = {
  poll: 'DescribeStaffStatusMetrics',
  setStatus: 'SetStaffStatus',
  testConnection: 'DescribeStaffStatusMetrics',
  deskStats: 'DescribeStaffStatusHistory',
  week: 'DescribeStaffStatusHistory',
};

/** The desk commands each operation calls: a command, '*' for both, or none. */
const DESK_COMMAND: Record<OperationId, string | null> = {
  poll: null,
  setStatus: null,
  testConnection: 'describe_agent_statistics',
  deskStats: '*',
  week: '*',
};

async function inject(h: CellHarness, fault: SimFault): Promise<void> {
  const r = await h.sim.control.injectFault(fault);
  if (!r.ok) throw new Error(`injectFault: ${r.error.message}`);
}

async function injectDesk(h: CellHarness, fault: Record<string, unknown>): Promise<void> {
  const r = await h.sim.control.injectDeskFault(fault);
  if (!r.ok) throw new Error(`injectDeskFault: ${r.error.message}`);
}

async function clearAll(h: CellHarness): Promise<void> {
  const a = await h.sim.control.clearFaults();
  const b = await h.sim.control.clearDeskFaults();
  if (!a.ok || !b.ok) throw new Error('clearing the simulator faults failed');
}

/**
 * A transport fault on the operation's CCC action and its desk commands, TRANSIENT_TIMES requests
 * each (one fault per request, so the harness can count the ones used up). The desk side is the
 * same fault scoped to `desk:<command>`, or the desk handler's own fault of that kind when it has
 * one (`deskKind`: its HTTP error status, its seed-exact malformed body).
 */
function transport(
  make: (action: string) => SimFault,
  deskKind?: (command: string) => Record<string, unknown>,
): FaultDriver {
  return {
    async inject(h, op) {
      const desk = DESK_COMMAND[op];
      for (let i = 0; i < TRANSIENT_TIMES; i++) {
        await inject(h, make(CCC_ACTION[op]));
        if (desk && deskKind) await injectDesk(h, deskKind(desk));
        else if (desk) await inject(h, make(`desk:${desk}`));
      }
    },
    clear: clearAll,
  };
}

/** An API error on the CCC action and an IM ErrorCode on the desk commands. */
function apiAndDesk(ccc: (action: string) => SimFault, deskCode: number): FaultDriver {
  return {
    async inject(h, op) {
      await inject(h, ccc(CCC_ACTION[op]));
      const desk = DESK_COMMAND[op];
      if (desk)
        await injectDesk(h, {
          kind: 'error',
          code: deskCode,
          command: desk,
          times: TRANSIENT_TIMES,
        });
    },
    clear: clearAll,
  };
}

/** Hang faults the simulator has used up and whose request the client has not yet given up. */
function countParked(h: CellHarness, injected: number): () => Promise<number> {
  return async () => {
    const s = await h.sim.control.state();
    const left = s.ok ? s.value.faults.filter((f) => f.kind === 'hang').length : 0;
    return Math.max(0, injected - left - h.errored());
  };
}

/** The server clock off by `ms`: the app's client must learn the offset, then unlearn it. */
const skew = (ms: number): FaultDriver => ({
  inject: (h) => inject(h, { kind: 'clockSkew', ms }),
  clear: clearAll,
  async check(h, op, phase) {
    // The connection test signs with a client of its own; the others share the app's client.
    if (op === 'testConnection') return [];
    const learned = (await h.snapshot()).clockOffsetMs;
    const want = phase === 'fault' ? ms : 0;
    // The Date header has whole seconds.
    return Math.abs(learned - want) <= 2_000
      ? []
      : [`clock offset ${learned} ms after the ${phase} phase, expected about ${want} ms`];
  },
});

const hang = transport((action) => ({ kind: 'hang', action, times: 1 }));

/** Every row's driver. */
export const FAULT_DRIVERS: Record<FaultId, FaultDriver> = {
  latency: transport((action) => ({ kind: 'latency', ms: 40, action, times: 1 })),
  hang: {
    async inject(h, op) {
      await hang.inject(h, op);
      const s = await h.sim.control.state();
      h.parked = countParked(h, s.ok ? s.value.faults.length : 0);
    },
    async clear(h) {
      // The operation has settled, so every hung request has met its deadline; clearing the
      // faults must not read as "used up" (that would let time run past live requests).
      h.parked = () => Promise.resolve(0);
      await clearAll(h);
    },
  },
  reset: transport((action) => ({ kind: 'reset', action, times: 1 })),
  refused: {
    inject: (h) => inject(h, { kind: 'refused' }),
    clear: clearAll,
  },
  http5xx: transport(
    (action) => ({ kind: 'http5xx', status: 502, action, times: 1 }),
    (command) => ({ kind: 'http', status: 502, command, times: 1 }),
  ),
  nonJson: transport((action) => ({ kind: 'nonJson', action, times: 1 })),
  // The desk's own fault drops the comma after "AgentNickName" / "ClientUserNickName" exactly as
  // the seed pages' examples do.
  malformedJson: transport(
    (action) => ({ kind: 'malformedJson', action, times: 1 }),
    (command) => ({ kind: 'malformed', command, times: 1 }),
  ),
  internalError: apiAndDesk(
    (action) => ({
      kind: 'apiError',
      code: 'InternalError',
      message: 'An internal error occurs.',
      action,
      times: TRANSIENT_TIMES,
    }),
    141002,
  ),
  rateLimitStorm: apiAndDesk(
    (action) => ({ kind: 'rateLimitStorm', action, times: TRANSIENT_TIMES }),
    141009,
  ),
  clockSkewAhead: skew(600_000),
  clockSkewBehind: skew(-600_000),
  revokedKey: {
    inject: async (h) => {
      const r = await h.sim.control.revokeKey(h.sim.credentials.secretId);
      if (!r.ok) throw new Error(r.error.message);
    },
    clear: (h) => h.saveTemporaryKey(86_400),
  },
  expiredToken: {
    setup: { temporaryTtlSeconds: 600 },
    // The app keeps running (and polling) while the token runs out.
    inject: (h) => h.advance(601_000),
    clear: (h) => h.saveTemporaryKey(86_400),
  },
  expiredUserSig: {
    setup: { pastedUserSigSeconds: 300 },
    inject: (h) => h.advance(301_000),
    clear: (h) => h.pasteUserSig(86_400),
  },
  userSigExpiredPerService: {
    inject: (h, op) =>
      injectDesk(h, { kind: 'error', code: 70001, command: DESK_COMMAND[op] ?? '*', times: 1000 }),
    clear: clearAll,
  },
  wrongDataCentre: {
    inject: (h, op) =>
      injectDesk(h, { kind: 'error', code: 70016, command: DESK_COMMAND[op] ?? '*', times: 1000 }),
    clear: clearAll,
  },
  itemError: {
    inject: (h) =>
      inject(h, {
        kind: 'itemError',
        code: 'FailedOperation.SeatStatusBusy',
        message: 'The seat is busy.',
        times: 1,
      }),
    clear: clearAll,
  },
  offline: {
    inject: async (h) => {
      h.core.setOnline(false);
      await inject(h, { kind: 'refused' });
    },
    clear: async (h) => {
      await clearAll(h);
      h.core.setOnline(true);
    },
  },
};
