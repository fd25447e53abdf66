import type {
  CallOptions,
  CccApi,
  CccResponse,
  DescribeStaffStatusHistoryInput,
  DescribeStaffStatusMetricsInput,
  SetStaffStatusItem,
  SetStaffStatusResultItem,
  StaffStatusHistoryItem,
  StaffStatusMetrics,
} from '../../electron/core/api/ccc-types';
import type { Clock } from '../../electron/core/ports';
import { err, ok, type AppError, type ErrorKind, type Result } from '../../shared/result';

/** The CCC methods a test can script, gate and inspect. */
export type FakeMethod = 'describe' | 'set' | 'history';

/** One recorded call, in call order. */
export interface FakeCall {
  method: FakeMethod;
  input: unknown;
  opts: CallOptions | undefined;
  atMs: number;
}

/** A scripted answer: a value, an error, or a function of the input. */
export type Scripted<I, T> = T | AppError | ((input: I) => Result<CccResponse<T>> | T | AppError);

/** Holds the next call of a method until `release()` (the call is recorded when it starts). */
export interface Gate {
  release(): void;
  /** Whether a call is waiting on this gate. */
  readonly entered: boolean;
}

interface GateEntry {
  promise: Promise<void>;
  release(): void;
  entered: boolean;
}

const isAppError = (v: unknown): v is AppError =>
  typeof v === 'object' && v !== null && 'kind' in v && 'source' in v && 'code' in v;

/** Builds a CCC AppError of a given kind (retryable follows the kind). */
export function cccError(code: string, kind: ErrorKind, extra: Partial<AppError> = {}): AppError {
  return {
    source: 'ccc',
    code,
    kind,
    message: `${code} (test)`,
    retryable: ['rate_limit', 'transient', 'network', 'timeout'].includes(kind),
    requestId: kind === 'network' || kind === 'timeout' ? undefined : 'req-test',
    ...extra,
  };
}

/** Common errors. */
export const errors = {
  rateLimit: () => cccError('RequestLimitExceeded', 'rate_limit'),
  transient: () => cccError('InternalError', 'transient', { httpStatus: 500 }),
  network: () => cccError('ECONNREFUSED', 'network'),
  timeout: () => cccError('DEADLINE', 'timeout'),
  auth: () => cccError('AuthFailure.SignatureFailure', 'auth'),
  permission: () => cccError('UnauthorizedOperation', 'permission'),
  invalid: () => cccError('InvalidParameterValue.AccountNotExist', 'invalid_parameter'),
};

/** One metrics item with sensible defaults. */
export function metricsItem(p: Partial<StaffStatusMetrics> = {}): StaffStatusMetrics {
  return {
    email: 'agent@example.com',
    status: 'free',
    statusExtra: null,
    onlineDuration: 0,
    freeDuration: 0,
    busyDuration: 0,
    notReadyDuration: 0,
    restDuration: 0,
    afterCallWorkDuration: 0,
    reason: '',
    reserveRest: false,
    reserveNotReady: false,
    useMobileAccept: 0,
    useMobileCallOut: false,
    lastOnlineTimestamp: null,
    lastStatusTimestamp: null,
    ...p,
  };
}

/**
 * A scriptable in-memory `CccApi` for engine unit tests. Without a script it behaves like a tiny
 * CCC: `agent` is the server-side state, `setStaffStatus` applies the reserve rule (rest/notReady
 * while busy or in wrap-up sets ReserveRest/ReserveNotReady; free clears them) and answers with
 * PreviousStatus/PreviousReason. Scripted answers (`queue`) win over that default, in order.
 * Every call is recorded; `gate(method)` holds the next call until the test releases it.
 */
export class FakeCccApi implements CccApi {
  agent: StaffStatusMetrics;
  /** Other agents of the SdkAppId: answered (after `agent`) when no StaffList filters them out. */
  others: StaffStatusMetrics[] = [];
  offsetMs = 0;
  readonly calls: FakeCall[] = [];
  /** Called synchronously when a call starts (benchmarks record timestamps here). */
  onCall: ((call: FakeCall) => void) | null = null;
  private readonly scripts: Record<FakeMethod, Array<Scripted<unknown, unknown>>> = {
    describe: [],
    set: [],
    history: [],
  };
  private readonly gates: Record<FakeMethod, GateEntry[]> = {
    describe: [],
    set: [],
    history: [],
  };

  constructor(
    private readonly clock: Clock,
    agent: Partial<StaffStatusMetrics> = {},
  ) {
    this.agent = metricsItem(agent);
  }

  /** Scripts the next answers of `describe` (an array of metrics, an error, or a function). */
  queueDescribe(
    ...answers: Array<Scripted<DescribeStaffStatusMetricsInput, StaffStatusMetrics[]>>
  ): this {
    this.scripts.describe.push(...(answers as Array<Scripted<unknown, unknown>>));
    return this;
  }

  /** Scripts the next answers of `set` (result items, an error, or a function). */
  queueSet(...answers: Array<Scripted<SetStaffStatusItem[], SetStaffStatusResultItem[]>>): this {
    this.scripts.set.push(...(answers as Array<Scripted<unknown, unknown>>));
    return this;
  }

  /** Holds the next not-yet-gated call of `method` until `release()`. */
  gate(method: FakeMethod): Gate {
    let release = (): void => {};
    const promise = new Promise<void>((r) => (release = r));
    const entry: GateEntry = { promise, release: () => release(), entered: false };
    this.gates[method].push(entry);
    return entry;
  }

  /** Calls of one method. */
  callsOf(method: FakeMethod): FakeCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  clockOffsetMs(): number {
    return this.offsetMs;
  }

  describeStaffStatusMetrics(
    input: DescribeStaffStatusMetricsInput,
    opts?: CallOptions,
  ): Promise<Result<CccResponse<StaffStatusMetrics[]>>> {
    return this.run('describe', input, opts, () => {
      const wanted = input.staffList;
      const list = [{ ...this.agent }, ...this.others.map((m) => ({ ...m }))];
      return wanted ? list.filter((m) => wanted.includes(m.email)) : list;
    });
  }

  setStaffStatus(
    items: SetStaffStatusItem[],
    opts?: CallOptions,
  ): Promise<Result<CccResponse<SetStaffStatusResultItem[]>>> {
    return this.run('set', items, opts, () => items.map((item) => this.applySet(item)));
  }

  describeStaffStatusHistory(
    input: DescribeStaffStatusHistoryInput,
    opts?: CallOptions,
  ): Promise<Result<CccResponse<StaffStatusHistoryItem[]>>> {
    return this.run('history', input, opts, () => []);
  }

  /** The default SetStaffStatus behaviour on `agent`. */
  private applySet(item: SetStaffStatusItem): SetStaffStatusResultItem {
    const a = this.agent;
    const base = {
      staffUserId: item.staffUserId,
      previousStatus: a.status,
      previousReason: a.reason,
    };
    if (item.staffUserId !== a.email) {
      return {
        ...base,
        status: '',
        reason: '',
        errorCode: 'InvalidParameterValue.AccountNotExist',
        errorMessage: 'no such staff',
      };
    }
    const onCall = a.status === 'busy' || a.status === 'afterCallWork';
    if (onCall) {
      a.reserveRest = item.status === 'rest';
      a.reserveNotReady = item.status === 'notReady';
      if (item.status === 'rest') a.reason = item.reason ?? '';
    } else {
      a.status = item.status;
      a.reason = item.reason ?? '';
      a.reserveRest = false;
      a.reserveNotReady = false;
      a.statusExtra = null;
      a.lastStatusTimestamp = Math.floor((this.clock.now() + this.offsetMs) / 1000);
    }
    return { ...base, status: a.status, reason: a.reason, errorCode: '', errorMessage: '' };
  }

  private async run<I, T>(
    method: FakeMethod,
    input: I,
    opts: CallOptions | undefined,
    fallback: () => T,
  ): Promise<Result<CccResponse<T>>> {
    const call: FakeCall = { method, input, opts, atMs: this.clock.now() };
    this.calls.push(call);
    this.onCall?.(call);
    const gated = this.gates[method].shift();
    if (gated) {
      gated.entered = true;
      const aborted = new Promise<'aborted'>((resolve) => {
        if (opts?.signal?.aborted) resolve('aborted');
        opts?.signal?.addEventListener('abort', () => resolve('aborted'), { once: true });
      });
      const r = await Promise.race([gated.promise.then(() => 'go' as const), aborted]);
      if (r === 'aborted') return err(cccError('ABORTED', 'network', { message: 'aborted' }));
    }
    const script = this.scripts[method].shift() as Scripted<I, T> | undefined;
    const answer =
      script === undefined
        ? fallback()
        : typeof script === 'function'
          ? (script as (i: I) => unknown)(input)
          : script;
    if (isAppError(answer)) return err(answer);
    if (typeof answer === 'object' && answer !== null && 'ok' in answer)
      return answer as Result<CccResponse<T>>;
    return ok({ value: answer as T, requestId: `req-${this.calls.length}`, serverDate: null });
  }
}
