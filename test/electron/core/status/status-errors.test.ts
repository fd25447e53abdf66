import { describe, expect, it } from 'vitest';
import {
  ENGINE_ERRORS,
  errorLogFields,
  itemError,
} from '../../../../electron/core/status/status-errors';

/** The engine's own errors name the fix (found by the fault matrix, issue 6). */
describe('engine errors', () => {
  it('offline: check the network; the app reconnects by itself', () => {
    expect(ENGINE_ERRORS.offline()).toMatchObject({ code: 'NetworkOffline', kind: 'network' });
    expect(ENGINE_ERRORS.offline().message).toMatch(
      /Check the network connection: the app reconnects by itself/,
    );
  });

  it('a failed item with a permission code names the missing CAM action', () => {
    const e = itemError(
      {
        staffUserId: 'a@example.com',
        status: 'rest',
        reason: '',
        previousStatus: 'free',
        previousReason: '',
        errorCode: 'UnauthorizedOperation',
        errorMessage: '',
      },
      'req-1',
    );
    expect(e).toMatchObject({ kind: 'permission', retryable: false, requestId: 'req-1' });
    expect(e.message).toMatch(/does not allow ccc:SetStaffStatus.*\(RequestId req-1\)$/);
  });
});

describe('errorLogFields', () => {
  it('records code, kind and RequestId, never the message', () => {
    const e = { ...ENGINE_ERRORS.agentNotFound('req-1'), message: 'secret-ish text' };
    expect(errorLogFields(e)).toEqual({
      code: 'AgentNotFound',
      kind: 'config',
      requestId: 'req-1',
    });
  });
});
