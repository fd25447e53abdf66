import { describe, expect, it } from 'vitest';
import {
  UPDATE_POLICY_ENV,
  resolveUpdatePolicy,
  updatePolicyPath,
} from '../../../../electron/core/update/update-policy';

const P = '/etc/ccc-agent-status/policy.json';
const resolve = (over: Partial<Parameters<typeof resolveUpdatePolicy>[0]> = {}) =>
  resolveUpdatePolicy({ packaged: true, env: {}, policyFile: null, policyPath: P, ...over });

describe('update policy', () => {
  it('updates a packaged install by default, on the channel the agent picked', () => {
    expect(resolve()).toEqual({ enabled: true, channel: null });
  });

  it('never updates a development build', () => {
    expect(resolve({ packaged: false })).toMatchObject({ enabled: false, reason: 'unpackaged' });
  });

  it('lets IT turn updates off with the environment or the policy file', () => {
    for (const v of ['off', 'OFF', '0', 'false']) {
      expect(resolve({ env: { [UPDATE_POLICY_ENV]: v } })).toMatchObject({
        enabled: false,
        reason: 'policy',
      });
    }
    expect(resolve({ env: { [UPDATE_POLICY_ENV]: 'on' } })).toEqual({
      enabled: true,
      channel: null,
    });
    expect(resolve({ policyFile: '{"updates":{"enabled":false}}' })).toEqual({
      enabled: false,
      reason: 'policy',
      detail: P,
    });
  });

  it('lets IT fix the channel', () => {
    expect(resolve({ policyFile: '{"updates":{"channel":"stable"}}' })).toEqual({
      enabled: true,
      channel: 'stable',
    });
  });

  it('turns updates off and names the file when the policy cannot be understood', () => {
    for (const text of [
      'not json',
      '{"updates":{"enabled":"no"}}',
      '{"updates":{"chanel":"beta"}}',
      '{}',
    ]) {
      const p = resolve({ policyFile: text });
      expect(p).toMatchObject({ enabled: false, reason: 'invalid_policy' });
      if (!p.enabled) expect(p.detail).toContain(P);
    }
  });

  it('looks for the file in each OS’s machine-wide place', () => {
    expect(updatePolicyPath('win32', { ProgramData: 'D:\\PD' })).toMatch(
      /^D:\\PD.CCC Agent Status.policy\.json$/,
    );
    expect(updatePolicyPath('darwin', {})).toBe(
      '/Library/Application Support/CCC Agent Status/policy.json',
    );
    expect(updatePolicyPath('linux', {})).toBe(P);
  });
});
