import { describe, expect, it } from 'vitest';
import {
  badResponse,
  classifyHttpFailure,
  classifyCccError,
} from '../../../../electron/core/api/ccc-errors';
import {
  MAY_HAVE_APPLIED,
  changeOutcome,
  readSetStatusResult,
  setStatusItem,
} from '../../../../electron/core/status/change-result';
import { err, ok } from '../../../../shared/result';

/**
 * How a SetStaffStatus answer reads for the agent's own change: a failure whose answer was lost
 * or unreadable says the change may still have happened (the malformed-JSON cell of the fault
 * matrix: CCC applied it, the app said "failed"), and a failed item gets the same sentence as
 * the whole call failing with that code would (which names the fix).
 */

const AGENT = 'agent@example.com';
const change = { status: 'rest' as const, reason: 'Lunch' };

describe('readSetStatusResult', () => {
  it.each([
    ['an unreadable answer', badResponse('the body is not JSON')],
    ['no answer in time', classifyHttpFailure({ kind: 'timeout', code: 'DEADLINE', message: 'x' })],
  ])('%s: failed, and the agent is told it may have taken effect', (_name, error) => {
    const r = readSetStatusResult(err(error), AGENT, change, 'free');
    expect(r).toMatchObject({ kind: 'failed', mayHaveApplied: true });
    expect(r.kind === 'failed' && r.error.message).toBe(`${error.message} ${MAY_HAVE_APPLIED}`);
  });

  it.each([
    [
      'a refused connection',
      classifyHttpFailure({ kind: 'network', code: 'ECONNREFUSED', message: 'x' }),
    ],
    ['a rejected key', classifyCccError('AuthFailure.SecretIdNotFound', '')],
    ['a rate limit', classifyCccError('RequestLimitExceeded', '')],
  ])('%s: the message is left as it is', (_name, error) => {
    const r = readSetStatusResult(err(error), AGENT, change, 'free');
    expect(r.kind === 'failed' && r.error.message).toBe(error.message);
  });

  it('a failed item inside a successful call names the fix of its code, with the RequestId', () => {
    const item = {
      staffUserId: AGENT,
      status: 'rest',
      reason: 'Lunch',
      previousStatus: 'free',
      previousReason: '',
      errorCode: 'FailedOperation.SeatStatusBusy',
      errorMessage: 'The seat is busy.',
    };
    const r = readSetStatusResult(
      ok({ value: [item], requestId: 'req-7', serverDate: null }),
      AGENT,
      change,
      'free',
    );
    expect(r).toMatchObject({
      kind: 'failed',
      mayHaveApplied: false,
      error: { code: 'FailedOperation.SeatStatusBusy', kind: 'refused', requestId: 'req-7' },
    });
    expect(r.kind === 'failed' && r.error.message).toMatch(
      /nothing changed\. Try again when the call or session has ended\. CCC said: The seat is busy\. \(RequestId req-7\)$/,
    );
  });

  it('an item code the table does not know keeps the service text', () => {
    const item = {
      staffUserId: AGENT,
      status: 'rest',
      reason: '',
      previousStatus: 'free',
      previousReason: '',
      errorCode: 'SomethingNew',
      errorMessage: 'Something new happened.',
    };
    const r = readSetStatusResult(
      ok({ value: [item], requestId: 'req-8', serverDate: null }),
      AGENT,
      change,
      'free',
    );
    expect(r.kind === 'failed' && r.error.message).toBe(
      'The status change was refused: Something new happened.',
    );
  });
});

describe('setStatusItem / changeOutcome', () => {
  it('sends Reason only when there is one', () => {
    expect(setStatusItem(AGENT, { status: 'free', reason: '' })).toEqual({
      staffUserId: AGENT,
      status: 'free',
    });
    expect(setStatusItem(AGENT, { status: 'rest', reason: 'Lunch' })).toEqual({
      staffUserId: AGENT,
      status: 'rest',
      reason: 'Lunch',
    });
  });

  it('an outcome names the change it answers, its kind, error and time', () => {
    const c = {
      id: 7,
      status: 'rest' as const,
      reason: 'Lunch',
      requestedAtMs: 1,
      fromUndo: false,
      requester: 'app' as const,
    };
    expect(changeOutcome(c, 'reserved', null, 42)).toEqual({
      id: 7,
      requested: { status: 'rest', reason: 'Lunch' },
      outcome: 'reserved',
      error: null,
      atMs: 42,
    });
  });
});
