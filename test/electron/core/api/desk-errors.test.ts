import { describe, expect, it } from 'vitest';
import {
  deskBadResponse,
  deskErrorFromCode,
  deskHttpFailure,
} from '../../../../electron/core/api/desk-errors';

/** The desk's errors name the fix too (found by the fault matrix, issue 6). */
describe('desk error messages name the fix', () => {
  it('an unreadable answer: try again, then check the data centre or address', () => {
    const e = deskBadResponse('the body is not valid JSON', 200);
    expect(e).toMatchObject({ kind: 'bad_response', retryable: false });
    expect(e.message).toMatch(/No statistics were shown/);
    expect(e.message).toMatch(/Try again later; if it keeps happening, check the data centre/);
  });

  it('no answer in time: check the network and the data centre, then try again', () => {
    const e = deskHttpFailure({ kind: 'timeout', code: 'DEADLINE', message: 'x: no answer' });
    expect(e).toMatchObject({ kind: 'timeout', retryable: true });
    expect(e.message).toMatch(/check the network and the data centre setting, then try again/i);
  });

  it("70001 also covers a generated UserSig: the computer's clock", () => {
    const e = deskErrorFromCode(70001, 'UserSig expired');
    expect(e).toMatchObject({ kind: 'usersig', retryable: false });
    expect(e.message).toMatch(/Paste a new administrator UserSig/);
    expect(e.message).toMatch(/check that this computer's date and time are right/);
  });
});
