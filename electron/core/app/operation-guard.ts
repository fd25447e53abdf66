import type { z } from 'zod';
import {
  ipcContract,
  type Channel,
  type ChannelOutput,
  type IpcHandlers,
  type IpcResult,
} from '../../../shared/ipc-contract';
import type { RedactingLogger } from '../logger';

/**
 * The one guard under every transport (Electron IPC, the browser preview's HTTP bridge, later the
 * gateway's HTTP API): each call of the contract is answered with an IpcResult and never throws.
 * In order: refused while the core shuts down; the raw input parsed with the channel's schema
 * (`bad_input` naming the fields, never their values); the operation run, a throw becoming
 * `internal` (logged without the error text, which may quote an input); an error message cleaned
 * of registered secrets; an output parsed with the channel's schema (unknown fields dropped) and
 * checked against every registered secret, a failure of either becoming `internal`. Transports
 * add only their own check (the sender frame, the bridge token, a bearer token). It guards any
 * contract of that shape (`guardContract`); `guardHandlers` is the desktop IPC contract's.
 */

/** A contract: per operation, the schema of its input and of its output. */
export type Contract = Record<string, { input: z.ZodType; output: z.ZodType }>;

/** A contract's operations over parsed input (what the core implements). */
export type ContractHandlers<C extends Contract> = {
  [K in keyof C]: (input: z.output<C[K]['input']>) => Promise<IpcResult<z.output<C[K]['output']>>>;
};

/** A contract's operations as a transport calls them: raw input in, an IpcResult out. */
export type GuardedContract<C extends Contract> = {
  [K in keyof C]: (input: unknown) => Promise<IpcResult<z.output<C[K]['output']>>>;
};

/** The core's operations as a transport calls them: raw input in, an IpcResult out. */
export type GuardedHandlers = {
  [C in Channel]: (input: unknown) => Promise<IpcResult<ChannelOutput<C>>>;
};

export interface GuardDeps {
  logger: RedactingLogger;
  isDisposed(): boolean;
  /** The log lines' prefix (default `ipc`). */
  label?: string;
}

const INTERNAL = {
  ok: false,
  code: 'internal',
  message: 'Something went wrong inside the app. The details are in the log file.',
} as const;

const SHUTTING_DOWN = {
  ok: false,
  code: 'shutting_down',
  message: 'The app is shutting down.',
} as const;

/** A readable, value-free summary of schema issues (paths and messages only, never the input). */
export function describeIssues(error: z.ZodError): string {
  const parts = error.issues
    .slice(0, 5)
    .map((i) => (i.path.length > 0 ? `${i.path.join('.')}: ${i.message}` : i.message));
  return `Invalid request: ${parts.join('; ')}`.slice(0, 300);
}

/** Wraps every operation of the desktop IPC contract in the guard. */
export function guardHandlers(handlers: IpcHandlers, deps: GuardDeps): GuardedHandlers {
  return guardContract(ipcContract, handlers, deps) as GuardedHandlers;
}

/** Wraps every operation of `contract` in the guard. */
export function guardContract<C extends Contract>(
  contract: C,
  handlers: ContractHandlers<C>,
  deps: GuardDeps,
): GuardedContract<C> {
  const { logger } = deps;
  const label = deps.label ?? 'ipc';
  type Name = keyof C & string;

  const call = async (channel: Name, raw: unknown): Promise<IpcResult<unknown>> => {
    if (deps.isDisposed()) return SHUTTING_DOWN;
    const input = contract[channel]!.input.safeParse(raw);
    if (!input.success) {
      logger.log('warn', `${label}: bad input`, { channel, issues: input.error.issues.length });
      return { ok: false, code: 'bad_input', message: describeIssues(input.error) };
    }
    let result: IpcResult<unknown>;
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<IpcResult<unknown>>;
      result = await handler(input.data);
    } catch (error: unknown) {
      logger.log('error', `${label}: handler failed`, {
        channel,
        error: error instanceof Error ? error.name : typeof error,
        // Stack frames only: the first line repeats the message, which may quote an input.
        stack: error instanceof Error ? error.stack?.split('\n').slice(1, 6).join('\n') : undefined,
      });
      return INTERNAL;
    }
    if (!result.ok) {
      return logger.containsSecret(result.message)
        ? { ...result, message: logger.redact(result.message) }
        : result;
    }
    const output = contract[channel]!.output.safeParse(result.value);
    if (!output.success) {
      logger.log('error', `${label}: handler output does not match the contract`, {
        channel,
        issues: output.error.issues.slice(0, 5).map((i) => `${i.path.join('.')}: ${i.message}`),
      });
      return INTERNAL;
    }
    if (logger.containsSecret(JSON.stringify(output.data) ?? '')) {
      logger.log('error', `${label}: handler output carried a secret: blocked`, { channel });
      return INTERNAL;
    }
    return { ok: true, value: output.data };
  };

  const guarded = {} as Record<Name, (input: unknown) => Promise<IpcResult<unknown>>>;
  for (const channel of Object.keys(contract) as Name[]) {
    // The guard itself never rejects either.
    guarded[channel] = (raw) =>
      call(channel, raw).catch((error: unknown) => {
        logger.log('error', `${label}: guard failed`, {
          channel,
          error: error instanceof Error ? error.name : typeof error,
        });
        return INTERNAL;
      });
  }
  return guarded as GuardedContract<C>;
}
