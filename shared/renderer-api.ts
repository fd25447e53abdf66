import type { ChannelInput, ChannelOutput, EventPayload } from './ipc-contract';
import {
  API_EVENTS,
  API_METHODS,
  type Channel,
  type EventName,
  type IpcResult,
} from './ipc-channels';

/**
 * The API the page sees as `window.ccc`, and the one builder that makes it from a transport. The
 * Electron preload (ipcRenderer) and the browser preview's bridge (HTTP + Server-Sent Events)
 * each supply only an `invoke` and a `subscribe`; the methods, their names and the listener
 * wrapping are the same code for both. Zod-free (types only from the contract), so neither the
 * preload nor the bridge bundles it.
 */

type MethodOf<C extends Channel> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<IpcResult<ChannelOutput<C>>>
  : (input: ChannelInput<C>) => Promise<IpcResult<ChannelOutput<C>>>;

/** The API the page sees as `window.ccc`: one method per channel, one `on<Event>` per event. */
export type RendererApi = {
  [M in keyof typeof API_METHODS]: MethodOf<(typeof API_METHODS)[M]>;
} & {
  [M in keyof typeof API_EVENTS]: (
    listener: (payload: EventPayload<(typeof API_EVENTS)[M]>) => void,
  ) => () => void;
};

/** Sends one request; `input` is undefined for a channel without one. Resolves, never rejects. */
export type Invoke = (channel: Channel, input: unknown) => Promise<IpcResult<unknown>>;
/** Delivers an event's payload (and only it) to `listener`; returns the unsubscribe function. */
export type Subscribe = (event: EventName, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the page's API over a transport: each method calls `invoke` with its own channel, each
 * `on<Event>` refuses a non-function listener and hands it the payload alone. Nothing generic
 * (no invoke or send under any name) is on the result.
 */
export function buildRendererApi(invoke: Invoke, subscribe: Subscribe): RendererApi {
  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(API_METHODS)) {
    api[name] = (input?: unknown) => invoke(channel, input);
  }
  for (const [name, event] of Object.entries(API_EVENTS)) {
    api[name] = (listener: unknown) => {
      if (typeof listener !== 'function') throw new TypeError('listener must be a function');
      return subscribe(event, (payload) => (listener as (p: unknown) => void)(payload));
    };
  }
  return api as RendererApi;
}
