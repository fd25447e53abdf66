import type { TelEndStatusName } from '../../shared/tel-cdr-vocabulary';
import type { AgentState, SimChannel } from './agent-state';
import type { Prng } from './prng';
import { SIM_SKILL_GROUPS } from './roster';
import { TelCallBook, type SimTelCall, type SimTelLeg } from './tel-calls';

/**
 * How phone calls flow through the simulated centre, so every call leaves a record that matches
 * the agents' status history: an inbound call rings an agent (who stays `free` while it rings),
 * is answered (busy with the call's SessionId) or missed and routed on to another agent or given
 * up; a call can be transferred (the first agent's leg ends with TransferTo, the next one's
 * starts with TransferFrom); an outbound call is dialled (busy) and the customer answers or not.
 * The record is finished when the last leg ends. Random decisions (autopilot only) are drawn
 * from one seeded stream inside scheduled events, so a seed gives the same calls every time.
 */

/** What the phone desk needs from the world (SimWorld implements it). */
export interface PhoneHost {
  now(): number;
  schedule(atMs: number, run: () => void): void;
  agents(): readonly AgentState[];
  dayStartMs(ms: number): number;
  /** Busy on the call: the world records the status change with the call's SessionId. */
  startBusy(a: AgentState, channel: SimChannel, sessionId: string): void;
  /** Ends the agent's session (afterCallWork); the world calls `legEnded` back. */
  endBusy(a: AgentState): void;
  /** A ring ended unanswered and the agent is still free: plan what they do next. */
  idle(a: AgentState): void;
  /** Whether the autopilot may route calls to this agent now (never to a test's manual agent). */
  routable(a: AgentState): boolean;
}

/** The centre's own number (Callee of inbound calls, Caller of outbound ones). */
export const SIM_LINE_NUMBER = '008675586001234';
const HOTLINE = SIM_SKILL_GROUPS.find((g) => g.id === 1001)!;
const VIP = SIM_SKILL_GROUPS.find((g) => g.id === 1003)!;
const MAX_LEGS = 4;
const S = 1000;

/** A mainland mobile number with the 0086 prefix the docs show. */
function customerNumber(rng: Prng): string {
  return `0086${rng.pick(['13', '15', '17', '18'])}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
}

const available = (a: AgentState): boolean =>
  a.status === 'free' && a.session === null && a.ringingSessionId === null;

/** Every simulated call's life, recorded in `book`. */
export class PhoneDesk {
  readonly book = new TelCallBook();
  private delay: { minS: number; maxS: number };
  private seq = 0;

  constructor(
    private readonly host: PhoneHost,
    private readonly rng: Prng,
    opts: { cdrDelaySeconds?: { min: number; max: number } } = {},
  ) {
    const d = opts.cdrDelaySeconds ?? { min: 1, max: 20 };
    this.delay = { minS: d.min, maxS: d.max };
  }

  /** How late finished records become readable (simulated seconds, drawn per call). */
  setCdrDelay(minS: number, maxS: number): void {
    this.delay = { minS: Math.max(0, minS), maxS: Math.max(minS, maxS) };
  }

  /** The ongoing call an agent is on (or ringing for), if any. */
  callOf(a: AgentState): SimTelCall | null {
    const id = a.session?.type === 'tel' ? a.session.id : a.ringingSessionId;
    return id ? (this.book.get(id) ?? null) : null;
  }

  /**
   * An inbound call reaches `a`. `ringSeconds` 0 answers at once (tests); `answers` false lets it
   * ring out, after which it goes to `next` (or, with `autoRoute`, to a free agent) or is given up.
   */
  inbound(
    a: AgentState,
    opts: {
      ringSeconds: number;
      answers: boolean;
      next?: AgentState;
      autoRoute?: boolean;
      queued?: boolean;
    },
  ): SimTelCall {
    const now = this.host.now();
    const ivr = opts.queued ? this.rng.int(3, 20) : 0;
    const wait = opts.queued ? this.rng.int(0, 40) : 0;
    const startMs = now - (ivr + wait) * S;
    const group = a.member.groupIds.includes(VIP.id) && this.rng.chance(0.5) ? VIP : HOTLINE;
    const call = this.book.open(
      this.newCall('in', startMs, group, { ivr, queuedMs: startMs + ivr * S }),
    );
    this.ring(a, call, opts.ringSeconds, opts.answers, '', opts);
    return call;
  }

  /** `a` dials a customer: busy at once; the customer answers after `answerAfterSeconds` or never. */
  outbound(
    a: AgentState,
    opts: {
      answerAfterSeconds: number | null;
      giveUpAfterSeconds?: number;
      failure?: TelEndStatusName;
    },
  ): SimTelCall {
    const now = this.host.now();
    const call = this.book.open(this.newCall('out', now, HOTLINE, { ivr: 0, queuedMs: null }));
    call.customerAcceptMs =
      opts.answerAfterSeconds === null ? null : now + opts.answerAfterSeconds * S;
    call.endStatus = opts.failure ?? 'notAnswer';
    const leg = this.newLeg(a, now, '');
    leg.acceptMs = now;
    call.legs.push(leg);
    this.host.startBusy(a, { type: 'tel', direct: 'out' }, call.sessionId);
    if (call.customerAcceptMs === null && opts.giveUpAfterSeconds !== undefined) {
      this.host.schedule(now + opts.giveUpAfterSeconds * S, () => {
        if (a.session?.id === call.sessionId) this.host.endBusy(a);
      });
    }
    return call;
  }

  /** `a` passes the call it is on to `b`, whose phone rings for `ringSeconds` (0: answered at once). */
  transfer(a: AgentState, b: AgentState, ringSeconds: number): boolean {
    const call = this.callOf(a);
    const leg = call ? this.openLeg(call, a) : null;
    if (!call || !leg || !available(b) || b === a) return false;
    leg.transferTo = b.member.userId;
    leg.endStatus = 'ok';
    this.host.endBusy(a);
    this.ring(b, call, ringSeconds, true, a.member.userId, { autoRoute: true });
    return true;
  }

  /** The world ended `a`'s session on this call: ends the leg, and the call unless transferred. */
  legEnded(a: AgentState, sessionId: string): void {
    const call = this.book.get(sessionId);
    const leg = call ? this.openLeg(call, a) : null;
    if (!call || !leg) return;
    const now = this.host.now();
    leg.endMs = now;
    if (leg.transferTo) return;
    leg.endStatus = 'ok';
    const delay = this.drawDelayMs();
    if (
      call.direction === 'out' &&
      (call.customerAcceptMs === null || call.customerAcceptMs > now)
    ) {
      // The customer never answered: the planned failure, or the agent hung up first.
      const status = call.customerAcceptMs === null ? call.endStatus : 'callerCancel';
      call.customerAcceptMs = null;
      this.book.finish(call, now, status, status === 'callerCancel' ? 'seat' : 'system', delay);
      return;
    }
    this.book.finish(call, now, 'ok', this.rng.chance(0.55) ? 'user' : 'seat', delay);
  }

  /** A call nobody served: given up in the IVR or the queue, outside working hours, nobody online. */
  unserved(atMs: number): void {
    const hour = (atMs - this.host.dayStartMs(atMs)) / 3_600_000;
    const online = this.host.agents().some((a) => a.status !== 'offline');
    const status: TelEndStatusName =
      hour < 8 || hour >= 22
        ? 'notWorkTime'
        : !online
          ? 'noSeatOnline'
          : this.rng.weighted<TelEndStatusName>([
              ['ivrGiveUp', 50],
              ['waitingGiveUp', 35],
              ['ivrEnd', 15],
            ]);
    const ivr = this.rng.int(3, 40);
    const queued = status === 'waitingGiveUp' || status === 'noSeatOnline';
    const call = this.newCall('in', atMs, HOTLINE, {
      ivr,
      queuedMs: queued ? atMs + ivr * S : null,
    });
    const endMs = atMs + (ivr + (queued ? this.rng.int(5, 120) : 0)) * S;
    call.endMs = endMs;
    call.endStatus = status;
    call.hungUpSide = status === 'ivrEnd' || status === 'notWorkTime' ? 'system' : 'user';
    call.visibleAtMs = endMs + this.drawDelayMs();
    this.book.addFinished(call);
  }

  // ---- the autopilot's choices --------------------------------------------------------------

  /** An inbound call for `a` as the autopilot routes it: usually answered after a short ring. */
  offer(a: AgentState): void {
    const answers = !this.rng.chance(0.1);
    this.inbound(a, {
      ringSeconds: this.rng.int(answers ? 2 : 15, answers ? 12 : 30),
      answers,
      autoRoute: true,
      queued: true,
    });
  }

  /** An outbound call as the autopilot dials it: about 70% reach the customer. */
  dial(a: AgentState): void {
    if (this.rng.chance(0.7)) {
      this.outbound(a, { answerAfterSeconds: this.rng.int(4, 20) });
      return;
    }
    const failure = this.rng.weighted<TelEndStatusName>([
      ['notAnswer', 50],
      ['busy', 20],
      ['userReject', 15],
      ['powerOff', 10],
      ['numberNotExist', 5],
    ]);
    this.outbound(a, {
      answerAfterSeconds: null,
      giveUpAfterSeconds: this.rng.int(15, 39),
      failure,
    });
  }

  /** The autopilot's agent transfers its call to a free colleague, if there is one. */
  transferToSomeone(a: AgentState): boolean {
    const candidates = this.host
      .agents()
      .filter((b) => b !== a && available(b) && this.host.routable(b));
    if (candidates.length === 0) return false;
    return this.transfer(a, this.rng.pick(candidates), this.rng.int(3, 10));
  }

  // ---- internals ----------------------------------------------------------------------------

  private ring(
    a: AgentState,
    call: SimTelCall,
    ringSeconds: number,
    answers: boolean,
    transferFrom: string,
    opts: { next?: AgentState; autoRoute?: boolean },
  ): void {
    const now = this.host.now();
    const leg = this.newLeg(a, now, transferFrom);
    call.legs.push(leg);
    if (ringSeconds <= 0 && answers) {
      this.answer(a, call, leg);
      return;
    }
    a.ringingSessionId = call.sessionId;
    this.host.schedule(now + Math.max(0, ringSeconds) * S, () => {
      if (a.ringingSessionId === call.sessionId) a.ringingSessionId = null;
      if (answers && a.status === 'free' && a.session === null) {
        this.answer(a, call, leg);
        return;
      }
      leg.endMs = this.host.now();
      this.routeOn(call, leg, opts);
      if (available(a)) this.host.idle(a);
    });
  }

  private answer(a: AgentState, call: SimTelCall, leg: SimTelLeg): void {
    leg.acceptMs = this.host.now();
    this.host.startBusy(a, { type: 'tel', direct: call.direction }, call.sessionId);
  }

  /** After a missed ring: the next agent (named, or a free one), else the customer gives up. */
  private routeOn(
    call: SimTelCall,
    missed: SimTelLeg,
    opts: { next?: AgentState; autoRoute?: boolean },
  ): void {
    const tried = new Set(call.legs.map((l) => l.agentId));
    let next = opts.next && available(opts.next) ? opts.next : null;
    if (!next && opts.autoRoute && call.legs.length < MAX_LEGS && this.rng.chance(0.75)) {
      const free = this.host
        .agents()
        .filter((b) => available(b) && this.host.routable(b) && !tried.has(b.member.userId));
      next = free.length > 0 ? this.rng.pick(free) : null;
    }
    if (next) {
      missed.endStatus = 'notAnswer';
      const ring = opts.next ? 0 : this.rng.int(3, 12);
      this.ring(next, call, ring, opts.next ? true : !this.rng.chance(0.1), missed.transferFrom, {
        autoRoute: opts.autoRoute,
      });
      return;
    }
    missed.endStatus = 'ringingGiveUp';
    this.book.finish(call, this.host.now(), 'ringingGiveUp', 'user', this.drawDelayMs());
  }

  private openLeg(call: SimTelCall, a: AgentState): SimTelLeg | null {
    for (let i = call.legs.length - 1; i >= 0; i--) {
      const l = call.legs[i]!;
      if (l.agentId === a.member.userId && l.endMs === null) return l;
    }
    return null;
  }

  private newLeg(a: AgentState, ringMs: number, transferFrom: string): SimTelLeg {
    return {
      agentId: a.member.userId,
      nickName: a.member.nickName,
      staffNo: a.member.staffNo,
      ringMs,
      acceptMs: null,
      endMs: null,
      transferFrom,
      transferTo: '',
      endStatus: '',
    };
  }

  private newCall(
    direction: 'in' | 'out',
    startMs: number,
    group: SimTelCall['skillGroup'],
    t: { ivr: number; queuedMs: number | null },
  ): SimTelCall {
    this.seq += 1;
    return {
      sessionId: `tel-${this.rng.hex(8)}-${this.seq.toString(16).padStart(6, '0')}`,
      direction,
      customer: customerNumber(this.rng),
      line: SIM_LINE_NUMBER,
      startMs,
      ivrSeconds: t.ivr,
      queuedMs: t.queuedMs,
      customerAcceptMs: null,
      legs: [],
      endMs: null,
      endStatus: 'ok',
      hungUpSide: 'user',
      skillGroup: group,
      visibleAtMs: null,
    };
  }

  private drawDelayMs(): number {
    return this.rng.int(this.delay.minS, this.delay.maxS) * S;
  }
}
