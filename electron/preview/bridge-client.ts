import { RENDERER_API_GLOBAL } from '../../shared/ipc-channels';
import { buildRendererApi, type Invoke, type Subscribe } from '../../shared/renderer-api';

/**
 * Runs in the browser, before the app script (bundled at preview start and served same-origin as
 * /__bridge.js, so the page's CSP holds). It defines `window.ccc` with the API the Electron
 * preload exposes, made by the same builder (shared/renderer-api.ts) over this transport: each
 * method POSTs to /__ipc/<channel>, and events arrive over one Server-Sent Events stream from
 * /__events. The token comes from the page's URL fragment (`#token=...`), which never leaves the
 * browser, and is sent in a header.
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

/** A request as a POST to the preview server; failures become IpcResults, never a rejection. */
const invoke: Invoke = async (channel, input) => {
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
    return (await res.json()) as Awaited<ReturnType<Invoke>>;
  } catch {
    return { ok: false, code: 'internal', message: 'The preview bridge cannot be reached.' };
  }
};

/** A listener on the one event stream. */
const subscribe: Subscribe = (event, listener) => {
  const set = listeners.get(event) ?? new Set();
  set.add(listener);
  listeners.set(event, set);
  return () => {
    set.delete(listener);
  };
};

if (token) {
  const api = Object.freeze(buildRendererApi(invoke, subscribe));
  Object.defineProperty(window, RENDERER_API_GLOBAL, { value: api, enumerable: true });
  void streamEvents();
}
