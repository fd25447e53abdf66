import { Worker } from 'node:worker_threads';
import type { DemoSimulator, DemoSimulatorFactory } from '../../electron/core/app/demo';
import { FakeClock } from '../helpers/fake-clock';

/**
 * The demo simulator in a worker thread, so a soak measures the APP's heap only: the simulated
 * contact centre keeps every status change and IM session of its day (about 570 KiB for 8 agents
 * over 24 h), which is the simulator's data, not the app's. The worker's clock is the main
 * thread's fake clock, shared through a SharedArrayBuffer that `SharedFakeClock` writes on every
 * read and advance, so both sides see the same simulated time.
 */

/** What the worker is started with. */
export interface SimThreadInit {
  clock: SharedArrayBuffer;
  seed: number;
  autopilot: boolean;
  tzOffsetMinutes: number;
  staffCount: number;
  historyDays: number;
}

/** The worker's first message: the running simulator's endpoints and demo credentials. */
export interface SimThreadReady {
  type: 'ready';
  url: string;
  sdkAppId: number;
  staff: string[];
  credentials: { secretId: string; secretKey: string };
  desk: DemoSimulator['desk'];
}

/** A FakeClock that publishes its time to a shared buffer (read by the simulator thread). */
export class SharedFakeClock extends FakeClock {
  readonly buffer = new SharedArrayBuffer(8);
  private readonly view = new Float64Array(this.buffer);

  constructor(startMs: number) {
    super(startMs);
    this.view[0] = startMs;
  }

  override now(): number {
    const n = super.now();
    this.view[0] = n;
    return n;
  }

  override advance(ms: number): void {
    super.advance(ms);
    this.view[0] = super.now();
  }
}

export interface WorkerSimulatorOptions {
  seed?: number;
  autopilot?: boolean;
  tzOffsetMinutes?: number;
  staffCount?: number;
  /** Whole past days simulated before today (the app's demo asks for a week). */
  historyDays?: number;
}

/** Starts the simulator in a new worker thread; `close()` closes it and ends the thread. */
export function startSimulatorInWorker(
  clock: SharedFakeClock,
  o: WorkerSimulatorOptions = {},
): Promise<DemoSimulator> {
  const init: SimThreadInit = {
    clock: clock.buffer,
    seed: o.seed ?? 1,
    autopilot: o.autopilot ?? true,
    tzOffsetMinutes: o.tzOffsetMinutes ?? 480,
    staffCount: o.staffCount ?? 8,
    historyDays: o.historyDays ?? 0,
  };
  return new Promise<DemoSimulator>((resolve, reject) => {
    const worker = new Worker(new URL('./sim-thread-boot.mjs', import.meta.url), {
      workerData: init,
    });
    let closing: Promise<void> | null = null;
    const onError = (e: Error): void => {
      worker.removeAllListeners();
      void worker.terminate();
      reject(e);
    };
    worker.once('error', onError);
    worker.once('message', (m: SimThreadReady) => {
      worker.off('error', onError);
      resolve({
        url: m.url,
        sdkAppId: m.sdkAppId,
        staff: m.staff,
        credentials: m.credentials,
        desk: m.desk,
        close: () =>
          (closing ??= new Promise<void>((done) => {
            worker.once('exit', () => done());
            worker.postMessage({ type: 'close' });
          })),
      });
    });
  });
}

/**
 * A demo simulator factory for createAppCore: hands out `first` (a simulator started earlier,
 * e.g. before a listener census begins) on the first call, then starts new ones.
 */
export function workerSimulatorFactory(
  clock: SharedFakeClock,
  first?: Promise<DemoSimulator>,
): DemoSimulatorFactory {
  let ready = first ?? null;
  return (o) => {
    const sim = ready ?? startSimulatorInWorker(clock, o);
    ready = null;
    return sim;
  };
}
