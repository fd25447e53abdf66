import { describe, expect, it } from 'vitest';
import {
  bridgeAllowed,
  hostAllowed,
  sameOrigin,
  tokenValid,
} from '../../../electron/preview/request-guard';

const PORT = 43210;
const TOKEN = 'tok_0123456789abcdef';
const good = {
  host: `127.0.0.1:${PORT}`,
  origin: `http://127.0.0.1:${PORT}`,
  'sec-fetch-site': 'same-origin',
  'x-ccc-token': TOKEN,
};

describe('preview request guard', () => {
  it.each([
    [`127.0.0.1:${PORT}`, true],
    [`localhost:${PORT}`, false], // only the address the preview printed
    ['127.0.0.1:1', false],
    [`attacker.example:${PORT}`, false], // DNS rebinding keeps the attacker's host name
    [`127.0.0.1:${PORT}.attacker.example`, false],
    [undefined, false],
  ])('host %s allowed: %s', (host, allowed) => {
    expect(hostAllowed({ host }, PORT)).toBe(allowed);
  });

  it.each([
    [{}, true], // non-browser client (no Origin, no fetch metadata)
    [{ origin: `http://127.0.0.1:${PORT}` }, true],
    [{ origin: 'http://127.0.0.1:8080' }, false], // another local page: same site, other origin
    [{ origin: `http://localhost:${PORT}` }, false],
    [{ origin: 'null' }, false], // sandboxed iframe, file://
    [{ origin: `https://127.0.0.1:${PORT}` }, false],
    [{ 'sec-fetch-site': 'same-site' }, false],
    [{ 'sec-fetch-site': 'cross-site' }, false],
    [{ origin: `http://127.0.0.1:${PORT}`, 'sec-fetch-site': 'same-origin' }, true],
  ])('origin headers %j allowed: %s', (headers, allowed) => {
    expect(sameOrigin(headers, PORT)).toBe(allowed);
  });

  it('needs the exact token', () => {
    expect(tokenValid({ 'x-ccc-token': TOKEN }, TOKEN)).toBe(true);
    expect(tokenValid({ 'x-ccc-token': `${TOKEN}x` }, TOKEN)).toBe(false);
    expect(tokenValid({ 'x-ccc-token': TOKEN.slice(0, -1) }, TOKEN)).toBe(false);
    expect(tokenValid({}, TOKEN)).toBe(false);
    expect(tokenValid({ 'x-ccc-token': '' }, '')).toBe(false);
    expect(tokenValid({ 'x-ccc-token': [TOKEN, TOKEN] }, TOKEN)).toBe(false);
  });

  it('allows a bridge request only when host, origin and token all match', () => {
    expect(bridgeAllowed(good, PORT, TOKEN)).toBe(true);
    expect(bridgeAllowed({ ...good, host: 'evil.example' }, PORT, TOKEN)).toBe(false);
    expect(bridgeAllowed({ ...good, origin: 'http://127.0.0.1:1' }, PORT, TOKEN)).toBe(false);
    expect(bridgeAllowed({ ...good, 'x-ccc-token': 'nope' }, PORT, TOKEN)).toBe(false);
  });
});
