import { describe, expect, it } from 'vitest';
import { toHistoryItems } from '../../../../electron/core/api/ccc-payloads';
import { describeStaffStatusHistoryResponseSchema } from '../../../../electron/core/api/ccc-types';

describe('DescribeStaffStatusHistory rows', () => {
  it('keeps the break reason newer API versions send, and reads its absence as none', () => {
    const parsed = describeStaffStatusHistoryResponseSchema.parse({
      Data: [
        {
          Cursor: 'a',
          Timestamp: 1_700_000_000,
          Status: 'rest',
          Reason: 'Lunch',
          StaffEmail: 'x@y.z',
          StaffNo: '7',
        },
        { Cursor: 'b', Timestamp: 1_700_000_600, Status: 'free', SessionId: null },
      ],
      RequestId: 'r1',
    });
    const items = toHistoryItems(parsed.Data ?? [], 'x@y.z');
    expect(items.map((i) => [i.status, i.reason, i.timestamp])).toEqual([
      ['rest', 'Lunch', 1_700_000_000],
      ['free', '', 1_700_000_600],
    ]);
  });

  it('rejects a row whose reason has the wrong type', () => {
    const r = describeStaffStatusHistoryResponseSchema.safeParse({
      Data: [{ Timestamp: 1, Status: 'rest', Reason: 42 }],
      RequestId: 'r1',
    });
    expect(r.success).toBe(false);
  });
});
