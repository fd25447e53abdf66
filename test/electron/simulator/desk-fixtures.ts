import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DeskWorldView } from '../../../electron/simulator/desk-aggregate';
import type { DeskHandler } from '../../../electron/simulator/desk-handler';
import type {
  ImEndStatus,
  SimImSession,
  SimStatusChange,
} from '../../../electron/simulator/world-types';

/**
 * Test fixtures for the desk side: a small fake world with exactly the sessions a test wants,
 * and a loopback HTTP server that routes `/v4/desk_http_svc/<command>` to a desk handler (the
 * way the simulator's server does) and records every request.
 */

export const IM_APP = 1400000000;
export const IM_KEY = '5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e';
export const ADMIN = 'administrator';
export const AGENT = 'agent1@example.com';
export const OTHER = 'agent2@example.com';

/** 2025-01-13 00:00:00 UTC+8. */
export const DAY_FROM = 1736697600;

/** A session of `agentId` starting `offsetSec` after DAY_FROM. */
export function session(
  i: number,
  agentId: string,
  offsetSec: number,
  over: Partial<SimImSession> = {},
): SimImSession {
  const startMs = (DAY_FROM + offsetSec) * 1000;
  return {
    sessionId: `s-${String(i).padStart(5, '0')}`,
    agentId,
    agentNickName: agentId ? agentId.split('@')[0]! : '',
    agentGroupId: '1002',
    agentGroupName: 'Online',
    channelType: 'SDK',
    clientUserId: `u${i % 7}`,
    clientUserNickName: `User ${i}`,
    startMs,
    endMs: startMs + 120_000,
    firstResponseSeconds: agentId ? 10 + (i % 40) : null,
    avgResponseSeconds: agentId ? 20 + (i % 20) : null,
    agentMsgCount: agentId ? 3 : 0,
    userMsgCount: 2,
    endStatus: (agentId ? 'AgentEndedSession' : 'ChatbotReception') as ImEndStatus,
    satisfaction: agentId ? ((i % 6) as SimImSession['satisfaction']) : 0,
    effective: Boolean(agentId),
    ...over,
  };
}

/** A fake world serving fixed sessions and status history. */
export function fakeWorld(
  sessions: SimImSession[],
  history: Record<string, SimStatusChange[]> = {},
): DeskWorldView & { sessions: SimImSession[] } {
  return {
    sessions,
    imSessions: () => sessions,
    statusHistory: (id) => history[id] ?? [],
  };
}

export interface DeskTestServer {
  baseUrl: string;
  /** Every request: command and parsed query/body. */
  requests: { command: string; query: URLSearchParams; body: unknown }[];
  close(): Promise<void>;
}

/** Serves a desk handler on 127.0.0.1 with a random port. */
export async function startDeskServer(handler: DeskHandler): Promise<DeskTestServer> {
  const requests: DeskTestServer['requests'] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const m = /^\/v4\/desk_http_svc\/([a-z_]+)$/.exec(url.pathname);
      const text = Buffer.concat(chunks).toString('utf8');
      if (!m || req.method !== 'POST') {
        res.writeHead(404).end();
        return;
      }
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // keep the raw text
      }
      requests.push({ command: m[1]!, query: url.searchParams, body });
      void handler.handle(m[1]!, url.searchParams, text).then((r) => {
        res.writeHead(r.status, r.headers ?? {}).end(r.body);
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
