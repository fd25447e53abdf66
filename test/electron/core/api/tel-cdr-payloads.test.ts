import { describe, expect, it } from 'vitest';
import { ok, type Result } from '../../../../shared/result';
import type { CccResponse } from '../../../../electron/core/api/ccc-types';
import {
  collectTelCdr,
  MAX_TEL_CDR_PAGES,
  telCdrPayload,
  toTelCdrPage,
  toTelCdrRecord,
  validateTelCdrInput,
  type TelCdrPage,
} from '../../../../electron/core/api/tel-cdr-payloads';
import { describeTelCdrResponseSchema } from '../../../../electron/core/api/tel-cdr-types';

const T = 1_741_570_000;
const row = (i: number, extra: Record<string, unknown> = {}) => ({
  SessionId: `s-${i}`,
  Caller: '008613800000000',
  Callee: '008675586001234',
  Time: T + i,
  Direction: 0,
  Duration: 30,
  EndStatus: 1,
  ...extra,
});

describe('DescribeTelCdr input', () => {
  it('sends the documented field names, PageSize 100 and the filters only when given', () => {
    expect(telCdrPayload({ startTimestamp: 1, endTimestamp: 2 }, 3)).toEqual({
      StartTimeStamp: 1,
      EndTimeStamp: 2,
      PageSize: 100,
      PageNumber: 3,
    });
    expect(
      telCdrPayload({ startTimestamp: 1, endTimestamp: 2, phones: ['x'], sessionIds: ['y'] }, 0),
    ).toMatchObject({
      Phones: ['x'],
      SessionIds: ['y'],
    });
  });

  it.each([
    [{ startTimestamp: 1.5, endTimestamp: 2 }, 'whole Unix timestamps'],
    [{ startTimestamp: 10, endTimestamp: 9 }, 'must not be before'],
    [{ startTimestamp: 0, endTimestamp: 90 * 86_400 }, 'less than 90 days'],
    [{ startTimestamp: 0, endTimestamp: 1, phones: ['a\nb'] }, 'phones'],
    [{ startTimestamp: 0, endTimestamp: 1, sessionIds: new Array(101).fill('x') }, 'sessionIds'],
  ])('refuses %j before sending', (input, message) => {
    const r = validateTelCdrInput(input as never);
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.error).toMatchObject({
        kind: 'bad_input',
        message: expect.stringContaining(message),
      });
  });

  it('accepts a range just under 90 days', () => {
    expect(validateTelCdrInput({ startTimestamp: 0, endTimestamp: 90 * 86_400 - 1 }).ok).toBe(true);
  });
});

describe('DescribeTelCdr records', () => {
  it('maps a seed-shaped record: participants in Sequence order, end status filled from its pair', () => {
    const r = toTelCdrRecord(
      row(1, {
        EndStatus: null,
        EndStatusString: 'ringingGiveUp',
        RingTimestamp: T + 5,
        AcceptTimestamp: 0, // the docs' examples send 0 for "no value"
        SeatUser: {
          Name: 'Meimei',
          Mail: 'm@example.com',
          StaffNumber: '1002',
          Phone: '008613911112222',
        },
        ServeParticipants: [
          {
            Mail: 'b@example.com',
            Sequence: 1,
            RingTimestamp: T + 30,
            TransferFrom: 'a@example.com',
          },
          { Mail: 'a@example.com', Sequence: 0, RingTimestamp: (T + 5) * 1000 }, // milliseconds
        ],
      }),
    );
    expect(r).toMatchObject({
      sessionId: 's-1',
      direction: 'in',
      endStatus: 104,
      endStatusString: 'ringingGiveUp',
      ringAt: T + 5,
      acceptAt: null,
      seatUser: { mail: 'm@example.com', name: 'Meimei', staffNumber: '1002' },
    });
    expect(r!.participants.map((p) => [p.mail, p.ringAt, p.transferFrom])).toEqual([
      ['a@example.com', T + 5, ''],
      ['b@example.com', T + 30, 'a@example.com'],
    ]);
    // The agent's own phone number is not kept.
    expect(JSON.stringify(r)).not.toContain('008613911112222');
    expect(
      toTelCdrRecord(row(2, { EndStatusString: undefined, EndStatus: 202 }))!.endStatusString,
    ).toBe('notAnswer');
  });

  it('one odd record (or participant) is skipped and counted, the rest of the page still counts', () => {
    const data = describeTelCdrResponseSchema.parse({
      TotalCount: 4,
      TelCdrList: [
        row(1),
        { ...row(2), Time: 'yesterday' },
        null,
        row(4, { ServeParticipants: [{ Mail: 7 }, { Mail: 'ok@example.com' }], SeatUser: 'odd' }),
      ],
      RequestId: 'r',
    });
    const page = toTelCdrPage(data);
    expect(page).toMatchObject({ rows: 4, skipped: 2, totalCount: 4 });
    expect(page.records.map((r) => r.sessionId)).toEqual(['s-1', 's-4']);
    expect(page.records[1]!.participants.map((p) => p.mail)).toEqual(['ok@example.com']);
    expect(page.records[1]!.seatUser).toBeNull();
  });

  it('reads the deprecated TelCdrs when TelCdrList is absent', () => {
    const data = describeTelCdrResponseSchema.parse({
      TotalCount: 1,
      TelCdrs: [row(1)],
      RequestId: 'r',
    });
    expect(toTelCdrPage(data).records).toHaveLength(1);
  });
});

describe('collectTelCdr paging', () => {
  const pageOf = (records: number[], totalCount: number | null, rows = records.length) =>
    ok<CccResponse<TelCdrPage>>({
      value: {
        records: records.map((i) => toTelCdrRecord(row(i))!),
        rows,
        skipped: rows - records.length,
        totalCount,
      },
      requestId: `req-${records[0] ?? 'empty'}`,
      serverDate: null,
    });
  const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => from + i);

  it('asks page after page from 0 and stops as soon as the rows reach TotalCount', async () => {
    const asked: number[] = [];
    const r = await collectTelCdr(async (n) => {
      asked.push(n);
      return pageOf(range(n * 100, 100), 300);
    });
    expect(asked).toEqual([0, 1, 2]);
    expect(r.ok && r.value.value).toMatchObject({ pages: 3, totalCount: 300, skipped: 0 });
    expect(r.ok && r.value.value.records).toHaveLength(300);
  });

  it('stops on a short page when TotalCount is missing, and keeps a shifted record once', async () => {
    const pages = [pageOf(range(0, 100), null), pageOf(range(99, 50), null)];
    const r = await collectTelCdr(async (n) => pages[n]!);
    expect(r.ok && r.value.value.pages).toBe(2);
    expect(r.ok && r.value.value.records.map((x) => x.sessionId).length).toBe(149);
  });

  it('odd rows count towards TotalCount (no extra page for them) and are reported', async () => {
    const asked: number[] = [];
    const r = await collectTelCdr(async (n) => {
      asked.push(n);
      return pageOf(range(0, 98), 100, 100);
    });
    expect(asked).toEqual([0]);
    expect(r.ok && r.value.value.skipped).toBe(2);
  });

  it('returns the first failing page as the error, and gives up on a service that never ends', async () => {
    const failing = await collectTelCdr(async (n): Promise<Result<CccResponse<TelCdrPage>>> =>
      n === 0
        ? pageOf(range(0, 100), 500)
        : {
            ok: false,
            error: {
              source: 'ccc',
              code: 'RequestLimitExceeded',
              kind: 'rate_limit',
              message: 'x',
              retryable: true,
            },
          },
    );
    expect(failing).toMatchObject({ ok: false, error: { code: 'RequestLimitExceeded' } });
    let calls = 0;
    const full = pageOf(range(0, 100), null);
    const endless = await collectTelCdr(async () => {
      calls += 1;
      return full;
    });
    expect(calls).toBe(MAX_TEL_CDR_PAGES);
    expect(endless).toMatchObject({ ok: false, error: { kind: 'bad_response' } });
  });
});
