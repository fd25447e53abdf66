import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Clock } from '../core/ports';
import { headerValue, verifyTc3, type CredentialStore } from './auth';
import { CCC_ACTIONS } from './ccc-actions';
import type { FaultSource } from './fault-source';
import type { SlidingWindowRateLimiter } from './rate-limiter';
import type { SimWorld } from './world';

/** The CCC API version the simulator serves. */
export const CCC_VERSION = '2020-02-10';

/** One request to the CCC endpoint, as read off the socket. */
export interface CccRequest {
  method: string;
  headers: IncomingHttpHeaders;
  /** The exact body bytes (the signature covers them). */
  body: Buffer;
  /** The server's clock including any injected skew, epoch ms. */
  serverNowMs: number;
}

/** An HTTP answer. */
export interface SimReply {
  status: number;
  body: string;
  headers: Record<string, string>;
}

export interface CccHandlerDeps {
  world: SimWorld;
  store: CredentialStore;
  limiter: SlidingWindowRateLimiter;
  rateLimitPerSecond: number;
  faults: FaultSource;
  sdkAppId: number;
  clock: Clock;
}

const LANGUAGES = ['zh-CN', 'en-US'];

/** Builds the API 3.0 answer: always HTTP 200 with the Response envelope and a RequestId. */
export function cccReply(
  requestId: string,
  result:
    { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string },
): SimReply {
  const response = result.ok
    ? { ...result.data, RequestId: requestId }
    : { Error: { Code: result.code, Message: result.message }, RequestId: requestId };
  return {
    status: 200,
    body: JSON.stringify({ Response: response }),
    headers: { 'Content-Type': 'application/json' },
  };
}

/**
 * The CCC API 3.0 endpoint (POST /): common parameter checks, TC3 verification, the
 * per-action-per-SecretId rate limit, API-level faults, then the action itself.
 */
export function createCccHandler(deps: CccHandlerDeps): { handle(req: CccRequest): SimReply } {
  return {
    handle(req) {
      const requestId = randomUUID();
      const error = (code: string, message: string): SimReply =>
        cccReply(requestId, { ok: false, code, message });
      const h = req.headers;
      if (req.method !== 'POST') {
        return error(
          'UnsupportedProtocol',
          `HTTP method ${req.method} is not supported; the simulator accepts POST with a JSON body.`,
        );
      }
      const action = headerValue(h, 'x-tc-action');
      if (!action)
        return error('MissingParameter', 'The request is missing a required parameter `Action`.');
      const run = CCC_ACTIONS[action];
      if (!run)
        return error('InvalidAction', `The action \`${action}\` does not exist for service ccc.`);
      const version = headerValue(h, 'x-tc-version');
      if (!version)
        return error('MissingParameter', 'The request is missing a required parameter `Version`.');
      if (version !== CCC_VERSION) {
        return error(
          'NoSuchVersion',
          `The API version \`${version}\` of service ccc does not exist.`,
        );
      }
      const tsHeader = headerValue(h, 'x-tc-timestamp');
      if (!tsHeader)
        return error(
          'MissingParameter',
          'The request is missing a required parameter `Timestamp`.',
        );
      if (!/^\d{1,12}$/.test(tsHeader))
        return error('InvalidParameter', 'X-TC-Timestamp must be an integer number of seconds.');
      const language = headerValue(h, 'x-tc-language');
      if (language && !LANGUAGES.includes(language)) {
        return error('InvalidParameterValue', 'X-TC-Language only supports zh-CN and en-US.');
      }
      const contentType = headerValue(h, 'content-type');
      if (!/^application\/json\b/i.test(contentType)) {
        return error(
          'InvalidParameter',
          'Content-Type must be application/json for a POST request signed with TC3-HMAC-SHA256.',
        );
      }
      const auth = verifyTc3({
        headers: h,
        body: req.body,
        timestamp: Number(tsHeader),
        serverNowMs: req.serverNowMs,
        service: 'ccc',
        store: deps.store,
      });
      if (!auth.ok) return error(auth.code, auth.message);
      const limit = deps.rateLimitPerSecond;
      if (!deps.limiter.tryAcquire(`${auth.secretId}|${action}`, deps.clock.now())) {
        return error(
          'RequestLimitExceeded',
          `Your request rate for ${action} exceeds the frequency limit of ${limit} requests per second. Please reduce the frequency of calls.`,
        );
      }
      const fault = deps.faults.takeApi(action);
      if (fault?.kind === 'apiError')
        return error(fault.code, fault.message ?? `Injected error ${fault.code}.`);
      if (fault?.kind === 'rateLimitStorm') {
        return error(
          'RequestLimitExceeded',
          `Your request rate for ${action} exceeds the frequency limit. Please reduce the frequency of calls.`,
        );
      }
      let params: unknown;
      try {
        params = JSON.parse(req.body.toString('utf8'));
      } catch {
        return error('InvalidParameter', 'The request body is not valid JSON.');
      }
      if (typeof params !== 'object' || params === null || Array.isArray(params)) {
        return error('InvalidParameter', 'The request body must be a JSON object.');
      }
      return cccReply(
        requestId,
        run(params as Record<string, unknown>, {
          world: deps.world,
          sdkAppId: deps.sdkAppId,
          faults: deps.faults,
        }),
      );
    },
  };
}
