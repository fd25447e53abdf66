import type {
  Channel,
  ChannelInput,
  ChannelOutput,
  EventName,
  EventPayload,
  IpcResult,
  RendererApi,
} from '../../shared/ipc-contract';

/**
 * Runs in the browser, before the app script (bundled at preview start and served same-origin as
 * /__bridge.js, so the page's CSP holds). It defines `window.ccc` with exactly the RendererApi
 * shape the Electron preload exposes: each method POSTs to /__ipc/<channel>, and events arrive
 * over one Server-Sent Events stream from /__events. The token comes from the page's URL
 * fragment (`#token=...`), which never leaves the browser, and is sent in a header.
 */

const TOKEN_HEADER = 'x-ccc-token';
const token = new URLSearchParams(location.hash.slice(1)).get('token') ?? '';
const listeners = new Map<string, Set<(payload: unknown) => void>>();

let markReady: () => void = () => {};
/** Resolves once the event stream is open, so no event after a call's answer can be missed. */
const ready = new Promise<void>((resolve) => {
  markReady = resolve;
  setTimeout(resolve, 3_000);
});

function dispatch(block: string): void {
  let event = 'message';
  let data = '';
  for (const line of block.split('\n')) {
    if (line.startsWith('event:')) event = line.slice(6).trim();
    else if (line.startsWith('data:')) data += line.slice(5).trim();
  }
  if (!data) return;
  let payload: unknown;
  try {
    payload = JSON.parse(data);
  } catch {
    return;
  }
  for (const l of [...(listeners.get(event) ?? [])]) {
    try {
      l(payload);
    } catch (e) {
      console.error(e);
    }
  }
}

async function streamEvents(): Promise<void> {
  for (;;) {
    try {
      const res = await fetch('/__events', {
        headers: { [TOKEN_HEADER]: token },
        cache: 'no-store',
      });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      markReady();
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let i = buffer.indexOf('\n\n'); i >= 0; i = buffer.indexOf('\n\n')) {
          dispatch(buffer.slice(0, i));
          buffer = buffer.slice(i + 2);
        }
      }
    } catch {
      // The preview restarted or went away: try again shortly.
    }
    await new Promise((r) => setTimeout(r, 1_000));
  }
}

async function invoke<C extends Channel>(
  channel: C,
  input?: ChannelInput<C>,
): Promise<IpcResult<ChannelOutput<C>>> {
  await ready;
  try {
    const res = await fetch(`/__ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [TOKEN_HEADER]: token },
      body: JSON.stringify(input === undefined ? null : input),
      cache: 'no-store',
    });
    if (!res.ok) {
      return {
        ok: false,
        code: res.status === 403 ? 'forbidden_sender' : 'internal',
        message: `The preview bridge answered HTTP ${res.status}.`,
      };
    }
    return (await res.json()) as IpcResult<ChannelOutput<C>>;
  } catch {
    return { ok: false, code: 'internal', message: 'The preview bridge cannot be reached.' };
  }
}

function subscribe<E extends EventName>(
  event: E,
  listener: (payload: EventPayload<E>) => void,
): () => void {
  if (typeof listener !== 'function') throw new TypeError('listener must be a function');
  const set = listeners.get(event) ?? new Set();
  const wrapped = (p: unknown): void => listener(p as EventPayload<E>);
  set.add(wrapped);
  listeners.set(event, set);
  return () => {
    set.delete(wrapped);
  };
}

const api = {
  getStatus: () => invoke('status:get'),
  setStatus: (input) => invoke('status:set', input),
  cancelPending: () => invoke('status:cancelPending'),
  undo: () => invoke('status:undo'),
  refresh: () => invoke('status:refresh'),
  setVisibility: (input) => invoke('app:visibility', input),
  getAppInfo: () => invoke('app:info'),
  openHelp: (input) => invoke('app:openHelp', input),
  getShellState: () => invoke('app:shell'),
  restartToUpdate: () => invoke('app:restartToUpdate'),
  getDayStats: (input) => invoke('stats:day', input),
  getWeekTrend: (input) => invoke('stats:week', input),
  getSettings: () => invoke('settings:get'),
  updateSettings: (input) => invoke('settings:update', input),
  getCredentialStatus: () => invoke('credentials:status'),
  saveCccCredentials: (input) => invoke('credentials:saveCcc', input),
  saveDeskCredentials: (input) => invoke('credentials:saveDesk', input),
  testConnection: () => invoke('credentials:test'),
  signOut: () => invoke('credentials:signOut'),
  startDemo: () => invoke('demo:start'),
  stopDemo: () => invoke('demo:stop'),
  onStatusChanged: (listener) => subscribe('status:changed', listener),
  onDrift: (listener) => subscribe('status:drift', listener),
  onOutcome: (listener) => subscribe('status:outcome', listener),
  onSettingsChanged: (listener) => subscribe('settings:changed', listener),
  onCredentialsChanged: (listener) => subscribe('credentials:changed', listener),
  onNavigate: (listener) => subscribe('app:navigate', listener),
  onShellChanged: (listener) => subscribe('app:shellChanged', listener),
} satisfies RendererApi;

if (token) {
  Object.defineProperty(window, 'ccc', { value: Object.freeze(api), enumerable: true });
  void streamEvents();
}
