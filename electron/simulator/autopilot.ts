import type { AgentState, SimChannel, WorldOps } from './agent-state';
import { generateUnassignedImSession } from './im-sessions';
import { createPrng, deriveSeed, type Prng } from './prng';

const S = 1000;
const M = 60 * S;
const H = 60 * M;

/** Shift start (minutes after local midnight) by agent index; 22:00 is a night shift. */
const SHIFT_STARTS_MIN = [8 * 60, 9 * 60, 7 * 60, 10 * 60, 12 * 60, 14 * 60, 8 * 60 + 30, 22 * 60];
/** Shift start of the demo agent and of excluded agents on the simulated past days. */
const PAST_SHIFT_START_MIN = 9 * 60;
/** Break reasons the simulated admin configured. */
export const SIM_BREAK_REASONS: readonly string[] = ['Coffee break', 'Meeting', 'Training', '会议'];
const LUNCH = 'Lunch';

/**
 * A day of agent life, decided by seeded random draws inside scheduled events only (never at
 * advance time), so the day is the same however often the clock is sampled. Agents log in
 * for staggered shifts, take calls and IM sessions, wrap up, take lunch and short breaks
 * (sometimes asked for during a call, so they are reserved), and log off; a supervisor now
 * and then changes someone's status; some IM sessions end without an agent. Today, `manual`
 * agents are never touched and the `demo` agent only receives work once the simulator is
 * running. When the world starts days before today (history), every agent, `demo` and `manual`
 * ones included, lives those past days in full, so past days have records for everyone.
 */
export class Autopilot {
  private readonly supervisorRng: Prng;
  private readonly queueRng: Prng;
  private readonly lineRng: Prng;
  /** Local midnight of the day the simulator started: days before it are history. */
  private readonly todayStartMs: number;

  constructor(
    private readonly w: WorldOps,
    private readonly cfg: { startMs: number; seed: number },
  ) {
    this.supervisorRng = createPrng(deriveSeed(cfg.seed, 10_001));
    this.queueRng = createPrng(deriveSeed(cfg.seed, 10_002));
    this.lineRng = createPrng(deriveSeed(cfg.seed, 10_003));
    this.todayStartMs = w.dayStartMs(cfg.startMs);
  }

  /** Plans the first day (the world's start: a local midnight) and starts the global streams. */
  begin(): void {
    this.planDay(this.w.dayStartMs(this.w.now()), true);
    this.scheduleSupervisor(this.w.now());
    this.scheduleUnassignedIm(this.w.now());
    this.scheduleUnservedCalls(this.w.now());
  }

  /** Schedules what an agent does next in its new status. Called after every status change. */
  onStatusChanged(a: AgentState): void {
    if (a.mode === 'manual' && !this.acting(a)) return;
    const v = a.version;
    const now = this.w.now();
    const still = (status: string): boolean => a.version === v && a.status === status;
    switch (a.status) {
      case 'free': {
        if (this.acting(a)) {
          const r = a.rng.next();
          if (r < 0.06) {
            const reason = a.rng.pick(SIM_BREAK_REASONS);
            this.w.schedule(now + a.rng.between(20, 180) * S, () => {
              if (still('free') && this.acting(a)) this.w.requestStatus(a, 'rest', reason, 'agent');
            });
            return;
          }
          if (r < 0.09) {
            const reason = a.rng.chance(0.5) ? 'Callbacks' : '';
            this.w.schedule(now + a.rng.between(20, 180) * S, () => {
              if (still('free') && this.acting(a))
                this.w.requestStatus(a, 'notReady', reason, 'agent');
            });
            return;
          }
        }
        // The live demo agent is on a call about half the time: both immediate and reserved breaks show.
        const meanMs = (this.acting(a) ? 240 : 360) * S;
        const channel = this.pickChannel(a);
        this.w.schedule(now + Math.max(5 * S, a.rng.exp(meanMs)), () => {
          // A ringing agent is busy with that call already (it may still miss it).
          if (still('free') && a.ringingSessionId === null) this.startWork(a, channel);
        });
        return;
      }
      case 'busy': {
        const tel = a.extra?.type === 'tel';
        const seconds = tel
          ? a.rng.logNormal(240, 0.55, 40, 1200)
          : a.rng.logNormal(420, 0.5, 60, 1800);
        if (this.acting(a) && a.rng.chance(0.1)) {
          // The agent asks for a break mid-call: CCC reserves it until the wrap-up ends.
          const status = a.rng.chance(0.7) ? 'rest' : 'notReady';
          const reason = status === 'rest' ? a.rng.pick(SIM_BREAK_REASONS) : '';
          this.w.schedule(now + seconds * S * a.rng.between(0.3, 0.8), () => {
            // Decided while the agent acted for itself: dropped once the person took over.
            if (still('busy') && this.acting(a)) this.w.requestStatus(a, status, reason, 'agent');
          });
        }
        if (tel && a.extra?.direct === 'in' && a.rng.chance(0.07)) {
          // Now and then a call is passed on to a free colleague part way through.
          this.w.schedule(now + seconds * S * a.rng.between(0.3, 0.7), () => {
            if (still('busy')) this.w.phone().transferToSomeone(a);
          });
        }
        this.w.schedule(now + seconds * S, () => {
          if (still('busy')) this.w.endSession(a);
        });
        return;
      }
      case 'rest':
      case 'notReady': {
        // The demo agent's breaks belong to the person using the app once the simulator runs.
        if (!this.acting(a)) return;
        const minutes =
          a.reason === LUNCH
            ? a.rng.between(30, 60)
            : a.status === 'rest'
              ? a.rng.between(5, 15)
              : a.rng.between(5, 20);
        this.w.schedule(now + minutes * M, () => {
          if (a.version === v && this.acting(a)) this.w.requestStatus(a, 'free', '', 'agent');
        });
        return;
      }
      default:
        return;
    }
  }

  /** Whether calls may be routed to the agent: never to a `manual` one from today on. */
  routable(a: AgentState): boolean {
    return a.mode !== 'manual' || this.acting(a);
  }

  /**
   * Whether the agent decides its own breaks and shifts: `auto` agents always, the demo agent
   * until the simulator starts, `manual` agents only on past days (history).
   */
  private acting(a: AgentState): boolean {
    if (a.mode === 'auto') return true;
    return this.w.now() < (a.mode === 'demo' ? this.cfg.startMs : this.todayStartMs);
  }

  /** Starts the work the agent was routed: an IM session, an inbound call (it rings first), a dial. */
  private startWork(a: AgentState, channel: SimChannel): void {
    if (channel.type === 'im') this.w.startSession(a, channel, 'system');
    else if (channel.direct === 'in') this.w.phone().offer(a);
    else this.w.phone().dial(a);
  }

  private pickChannel(a: AgentState): SimChannel {
    const type = a.rng.chance(0.55) ? 'tel' : 'im';
    const direct = a.rng.chance(type === 'tel' ? 0.85 : 0.95) ? 'in' : 'out';
    return { type, direct };
  }

  private planDay(dayStart: number, first: boolean): void {
    for (const a of this.w.agents()) {
      if (a.mode !== 'auto' && dayStart < this.todayStartMs) {
        // A past day: the demo agent and excluded agents worked a normal day shift, every day.
        this.planShift(a, dayStart, PAST_SHIFT_START_MIN);
        continue;
      }
      if (a.mode === 'manual') continue;
      if (a.mode === 'demo') {
        // The demo agent logged in a while before the simulator started and stays online.
        if (dayStart === this.todayStartMs) {
          const on = Math.max(dayStart, this.cfg.startMs - a.rng.between(1.5, 3) * H);
          this.w.schedule(on, () => this.w.goOnline(a, 'agent'));
          // The person takes over at the start: back from a break of its own, none pending.
          this.w.schedule(this.cfg.startMs, () => {
            if (a.status !== 'offline') this.w.requestStatus(a, 'free', '', 'agent');
          });
        }
        continue;
      }
      const slot = SHIFT_STARTS_MIN[(a.index - 1) % SHIFT_STARTS_MIN.length]!;
      if (first && slot >= 20 * 60) {
        // The night shift that began yesterday is still on at midnight.
        this.w.schedule(dayStart, () => this.w.goOnline(a, 'agent'));
        this.w.schedule(dayStart + a.rng.between(6, 6.5) * H, () => this.w.logOffWhenDone(a));
      }
      if (a.rng.chance(0.08)) continue; // day off
      this.planShift(a, dayStart, slot);
    }
    this.w.schedule(dayStart + 24 * H, () => this.planDay(dayStart + 24 * H, false));
  }

  /** One shift: log in around `slotMin` after midnight, lunch about halfway, log off 8-9 h later. */
  private planShift(a: AgentState, dayStart: number, slotMin: number): void {
    const on = dayStart + slotMin * M + a.rng.between(-20, 20) * M;
    const length = a.rng.between(8, 9) * H;
    const lunchAt = on + a.rng.between(3.5, 4.5) * H;
    this.w.schedule(on, () => this.w.goOnline(a, 'agent'));
    this.w.schedule(lunchAt, () => {
      if (a.status !== 'offline' && a.status !== 'rest')
        this.w.requestStatus(a, 'rest', LUNCH, 'agent');
    });
    this.w.schedule(on + length, () => this.w.logOffWhenDone(a));
  }

  /** Now and then a supervisor changes an online agent's status (a change made elsewhere). */
  private scheduleSupervisor(from: number): void {
    const rng = this.supervisorRng;
    const at = Math.round((from + Math.max(5 * M, rng.exp(50 * M))) / S) * S;
    this.w.schedule(at, () => {
      // The live demo agent is picked less often and never mid-call (its reserves are the user's).
      const online = this.w
        .agents()
        .filter((a) => (a.mode !== 'manual' || this.acting(a)) && a.status !== 'offline')
        .filter(
          (a) =>
            this.acting(a) || a.status === 'free' || a.status === 'rest' || a.status === 'notReady',
        )
        .map((a) => [a, this.acting(a) ? 1 : 0.4] as const);
      if (online.length > 0) {
        const a = rng.weighted(online);
        if (a.status === 'rest' || a.status === 'notReady')
          this.w.requestStatus(a, 'free', '', 'supervisor');
        else if (a.status === 'free' && rng.chance(0.5))
          this.w.requestStatus(a, 'notReady', 'Coaching', 'supervisor');
        else this.w.requestStatus(a, 'rest', 'Meeting', 'supervisor');
        if (!this.acting(a) && a.status !== 'free') {
          // Nobody in the simulation ends a break imposed on the demo agent: the supervisor does.
          const v = a.version;
          this.w.schedule(at + rng.between(5, 20) * M, () => {
            if (a.version === v) this.w.requestStatus(a, 'free', '', 'supervisor');
          });
        }
      }
      this.scheduleSupervisor(at);
    });
  }

  /** Phone calls nobody served (IVR or queue give-ups, night calls), around the clock. */
  private scheduleUnservedCalls(from: number): void {
    const at = Math.round((from + Math.max(M, this.lineRng.exp(30 * M))) / S) * S;
    this.w.schedule(at, () => {
      this.w.phone().unserved(at);
      this.scheduleUnservedCalls(at);
    });
  }

  /** IM sessions no agent took (chatbot, queue abandoned, nobody online), 08:00-22:00 local. */
  private scheduleUnassignedIm(from: number): void {
    const rng = this.queueRng;
    const at = Math.round((from + Math.max(M, rng.exp(25 * M))) / S) * S;
    this.w.schedule(at, () => {
      const hour = (at - this.w.dayStartMs(at)) / H;
      if (hour >= 8 && hour < 22) {
        const session = generateUnassignedImSession(rng, at);
        this.w.schedule(session.endMs, () => this.w.recordImSession(session));
      }
      this.scheduleUnassignedIm(at);
    });
  }
}
