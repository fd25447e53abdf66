import { describe, expect, it } from 'vitest';
import type { TelCdrRecord, TelParticipant } from '../../../../electron/core/api/tel-cdr-types';
import { dayBounds } from '../../../../shared/day-key';
import type { StatusChange } from '../../../../electron/core/stats/day-model';
import {
  extractAgentCalls,
  maskPhone,
  reduceVoiceDay,
  wrapUpSeconds,
} from '../../../../electron/core/stats/voice-day';
import { VOICE_KPI_IDS } from '../../../../electron/core/stats/voice-kpi-definitions';

const ME = 'me@example.com';
const OTHER = 'other@example.com';
const DAY = dayBounds('2025-03-10', 480); // UTC+8
/** Epoch seconds of `hh:mm:ss` on 2025-03-10 in UTC+8 (hours may pass 24). */
const at = (h: number, m = 0, s = 0) => DAY.from + h * 3600 + m * 60 + s;

function leg(p: Partial<TelParticipant> & { mail: string }): TelParticipant {
  return {
    type: 'staffSeat',
    startAt: p.ringAt ?? null,
    ringAt: null,
    acceptAt: null,
    endedAt: null,
    transferFrom: '',
    transferFromType: '',
    transferTo: '',
    transferToType: '',
    skillGroupId: 1001,
    skillGroupName: 'Hotline',
    endStatusString: '',
    sequence: null,
    ...p,
  };
}

function record(
  sessionId: string,
  time: number,
  p: Partial<TelCdrRecord> & { participants: TelParticipant[] },
): TelCdrRecord {
  const inbound = (p.direction ?? 'in') === 'in';
  return {
    sessionId,
    time,
    direction: 'in',
    caller: inbound ? `00861380000${sessionId.slice(1).padStart(4, '0')}` : '008675586001234',
    callee: inbound ? '008675586001234' : `00861390000${sessionId.slice(1).padStart(4, '0')}`,
    duration: 0,
    endStatus: 1,
    endStatusString: 'ok',
    startAt: time,
    queuedAt: null,
    ringAt: null,
    acceptAt: null,
    endedAt: null,
    hungUpSide: 'user',
    skillGroupId: 1001,
    skillGroup: 'Hotline',
    seatUser: null,
    ...p,
  };
}

/** A hand-made day: one call of each kind (see the KPI expectations for the arithmetic). */
const RECORDS: TelCdrRecord[] = [
  // 1. inbound, answered after 10 s, 300 s talk
  record('c1', at(9), {
    participants: [
      leg({ mail: ME, ringAt: at(9, 0, 20), acceptAt: at(9, 0, 30), endedAt: at(9, 5, 30) }),
    ],
  }),
  // 2. rang me 20 s, I missed it, the other agent answered
  record('c2', at(10), {
    participants: [
      leg({ mail: ME, ringAt: at(10, 0, 5), endedAt: at(10, 0, 25) }),
      leg({ mail: OTHER, ringAt: at(10, 0, 25), acceptAt: at(10, 0, 25), endedAt: at(10, 9) }),
    ],
  }),
  // 3. transferred to me: answered after 6 s, 474 s talk
  record('c3', at(11), {
    participants: [
      leg({ mail: OTHER, ringAt: at(11), acceptAt: at(11), endedAt: at(11, 2), transferTo: ME }),
      leg({
        mail: ME.toUpperCase(),
        ringAt: at(11, 2),
        acceptAt: at(11, 2, 6),
        endedAt: at(11, 10),
        transferFrom: OTHER,
      }),
    ],
  }),
  // 4. I transferred it on: answered after 4 s, 180 s talk
  record('c4', at(12), {
    participants: [
      leg({
        mail: ME,
        ringAt: at(12, 0, 4),
        acceptAt: at(12, 0, 8),
        endedAt: at(12, 3, 8),
        transferTo: OTHER,
      }),
      leg({
        mail: OTHER,
        ringAt: at(12, 3, 8),
        acceptAt: at(12, 3, 10),
        endedAt: at(12, 20),
        transferFrom: ME,
      }),
    ],
  }),
  // 5. outbound, never answered
  record('c5', at(13), {
    direction: 'out',
    endStatus: 202,
    endStatusString: 'notAnswer',
    participants: [leg({ mail: ME, ringAt: at(13), acceptAt: at(13), endedAt: at(13, 0, 40) })],
  }),
  // 6. outbound, the customer answered after 12 s: 600 s talk
  record('c6', at(14), {
    direction: 'out',
    acceptAt: at(14, 0, 12),
    duration: 600,
    participants: [leg({ mail: ME, ringAt: at(14), acceptAt: at(14), endedAt: at(14, 10, 12) })],
  }),
  // 7. began at 23:55, answered after 5 s, ended at 00:20:15 the next day: 1500 s talk
  record('c7', at(23, 55), {
    participants: [
      leg({ mail: ME, ringAt: at(23, 55, 10), acceptAt: at(23, 55, 15), endedAt: at(24, 20, 15) }),
    ],
  }),
  // 8. the previous day's call that ended after midnight: not this day's
  record('c8', at(-1, 50), {
    participants: [
      leg({ mail: ME, ringAt: at(-1, 50), acceptAt: at(-1, 50, 3), endedAt: at(0, 10) }),
    ],
  }),
  // 9. someone else's call
  record('c9', at(15), {
    participants: [leg({ mail: OTHER, ringAt: at(15), acceptAt: at(15), endedAt: at(15, 5) })],
  }),
];

const acw = (sessionId: string | null, fromS: number, toS: number): StatusChange[] => [
  { status: 'afterCallWork', reason: '', timestamp: fromS, duration: null, sessionId },
  { status: 'free', reason: '', timestamp: toS, duration: null, sessionId: null },
];

/** My status history: wrap-up after each call (30, 30, 20, 20, 60, 30 s) and after a chat. */
const HISTORY: StatusChange[] = [
  { status: 'free', reason: '', timestamp: at(8), duration: null },
  ...acw('c1', at(9, 5, 30), at(9, 6)),
  ...acw(null, at(11, 10, 1), at(11, 10, 31)), // no session named: matched by time
  ...acw('c4', at(12, 3, 8), at(12, 3, 28)),
  ...acw('c5', at(13, 0, 40), at(13, 1)), // not a handled call: not counted
  ...acw('c6', at(14, 10, 12), at(14, 11, 12)),
  ...acw('im-1', at(16), at(16, 5)), // a chat's wrap-up: not counted
  ...acw('c7', at(24, 20, 15), at(24, 20, 45)), // after midnight, still the 23:55 call's
];

const kpis = (d: ReturnType<typeof reduceVoiceDay>) =>
  Object.fromEntries(d.kpis.map((k) => [k.id, k.value]));

describe('the voice day', () => {
  it('computes the KPIs of a hand-made day', () => {
    const day = reduceVoiceDay(RECORDS, ME, DAY, HISTORY);
    expect(day.kpis.map((k) => k.id)).toEqual([...VOICE_KPI_IDS]);
    expect(kpis(day)).toEqual({
      callsHandled: 5, // c1, c3, c4, c7 in + c6 out
      callsAnsweredIn: 4,
      callsOutbound: 2,
      outboundConnectedRate: 0.5,
      talkTime: 300 + 474 + 180 + 600 + 1500,
      // (3054 s talk + 170 s wrap-up) / 5 calls = 644.8
      avgHandleTime: 645,
      avgTimeToAnswer: 6, // (10 + 6 + 4 + 5) / 4 = 6.25
      ringsNotAnswered: 1,
      transfersIn: 1,
      transfersOut: 1,
    });
    expect(day.kpis.find((k) => k.id === 'outboundConnectedRate')).toMatchObject({
      numerator: 1,
      denominator: 2,
      unit: 'ratio',
      definition: expect.stringContaining('dialled'),
    });
  });

  it('lists the day’s calls with time, direction, masked number, talk and how they ended', () => {
    const day = reduceVoiceDay(RECORDS, ME, DAY, HISTORY);
    expect(
      day.calls.map((c) => [
        c.sessionId,
        c.startedAt,
        c.direction,
        c.customer,
        c.talkSeconds,
        c.outcome,
      ]),
    ).toEqual([
      ['c1', at(9, 0, 20), 'in', '•••0001', 300, 'completed'],
      ['c2', at(10, 0, 5), 'in', '•••0002', 0, 'missed'],
      ['c3', at(11, 2), 'in', '•••0003', 474, 'completed'],
      ['c4', at(12, 0, 4), 'in', '•••0004', 180, 'transferred'],
      ['c5', at(13), 'out', '•••0005', 0, 'notConnected'],
      ['c6', at(14), 'out', '•••0006', 600, 'completed'],
      ['c7', at(23, 55, 10), 'in', '•••0007', 1500, 'completed'],
    ]);
    expect(day.calls.find((c) => c.sessionId === 'c5')!.endStatus).toBe('notAnswer');
    // No raw number anywhere in what the stats keep.
    const text = JSON.stringify(day);
    for (const r of RECORDS) expect(text).not.toContain(r.caller.slice(-8));
  });

  it('counts a call over midnight on the day it began, and not on the next', () => {
    const next = dayBounds('2025-03-11', 480);
    const day = reduceVoiceDay(RECORDS, ME, next, HISTORY);
    expect(day.calls).toEqual([]);
    // The previous day's 23:50 call belongs to 2025-03-09, not to 2025-03-10.
    expect(reduceVoiceDay(RECORDS, ME, DAY, HISTORY).calls.some((c) => c.sessionId === 'c8')).toBe(
      false,
    );
    expect(
      extractAgentCalls(RECORDS, ME, dayBounds('2025-03-09', 480)).map((c) => c.sessionId),
    ).toEqual(['c8']);
  });

  it('the day boundary is the account’s time zone', () => {
    // c1 began at 09:00 UTC+8 = 01:00 UTC = 23:00 the previous day at UTC-2.
    const ids = (day: string, tz: number) =>
      extractAgentCalls(RECORDS, ME, dayBounds(day, tz)).map((c) => c.sessionId);
    expect(ids('2025-03-09', -120)).toContain('c1');
    expect(ids('2025-03-10', -120)).not.toContain('c1');
    expect(ids('2025-03-10', 0)).toContain('c1');
  });

  it('an empty day has zero counts and no averages or ratios (never NaN)', () => {
    for (const history of [[], null]) {
      const day = reduceVoiceDay([], ME, DAY, history);
      expect(kpis(day)).toEqual({
        callsHandled: 0,
        callsAnsweredIn: 0,
        callsOutbound: 0,
        outboundConnectedRate: null,
        talkTime: 0,
        avgHandleTime: null,
        avgTimeToAnswer: null,
        ringsNotAnswered: 0,
        transfersIn: 0,
        transfersOut: 0,
      });
    }
    // A day with only missed rings still has no average time to answer.
    const missedOnly = reduceVoiceDay([RECORDS[1]!], ME, DAY, []);
    expect(kpis(missedOnly)).toMatchObject({
      ringsNotAnswered: 1,
      avgTimeToAnswer: null,
      avgHandleTime: null,
    });
  });

  it('without the status history the handle time is unknown rather than talk only', () => {
    expect(kpis(reduceVoiceDay(RECORDS, ME, DAY, null))).toMatchObject({
      avgHandleTime: null,
      talkTime: 3054,
    });
  });

  it('reads a record without participants from its SeatUser', () => {
    const bare = record('c10', at(17), {
      ringAt: at(17, 0, 3),
      acceptAt: at(17, 0, 9),
      endedAt: at(17, 1, 9),
      seatUser: { mail: ME, name: 'Me', staffNumber: '1' },
      participants: [],
    });
    const [call] = extractAgentCalls([bare], ME, DAY);
    expect(call).toMatchObject({ answerSeconds: 6, talkSeconds: 60, outcome: 'completed' });
    // Someone else's SeatUser is not mine; neither is a record with no direction.
    expect(
      extractAgentCalls(
        [{ ...bare, seatUser: { mail: OTHER, name: '', staffNumber: '' } }],
        ME,
        DAY,
      ),
    ).toEqual([]);
    expect(extractAgentCalls([{ ...bare, direction: null }], ME, DAY)).toEqual([]);
  });

  it('passes only my calls’ raw numbers to the redactor hook', () => {
    const seen: string[] = [];
    extractAgentCalls(RECORDS, ME, DAY, (n) => seen.push(n));
    expect(seen).toHaveLength(7);
    expect(seen).not.toContain(RECORDS[8]!.caller); // c9 is someone else's
    expect(seen).toContain(RECORDS[4]!.callee); // outbound: the customer is the callee
  });

  it('wrap-up is matched by session, or by time right after the call when unnamed', () => {
    const calls = extractAgentCalls(RECORDS, ME, DAY);
    expect(wrapUpSeconds(calls, HISTORY)).toBe(30 + 30 + 20 + 60 + 30);
    // An unnamed wrap-up long after the call is not that call's.
    expect(wrapUpSeconds(calls, acw(null, at(11, 15), at(11, 16)))).toBe(0);
    // A wrap-up still going on (no end known) is not counted yet.
    expect(
      wrapUpSeconds(calls, [
        {
          status: 'afterCallWork',
          reason: '',
          timestamp: at(9, 5, 30),
          duration: null,
          sessionId: 'c1',
        },
      ]),
    ).toBe(0);
  });

  it('masks any number to its last four digits', () => {
    expect(maskPhone('008613812345678')).toBe('•••5678');
    expect(maskPhone('+86 138-1234-5678')).toBe('•••5678');
    expect(maskPhone('1234')).toBe('•••');
    expect(maskPhone('')).toBe('');
  });
});
