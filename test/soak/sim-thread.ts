import { parentPort, workerData } from 'node:worker_threads';
import { startSimulator } from '../../electron/simulator/index';
import type { SimThreadInit, SimThreadReady } from './sim-in-worker';

/**
 * The simulator's side of sim-in-worker.ts: runs startSimulator in this worker thread (its own
 * heap) with a clock read from the shared buffer the main thread's fake clock writes. On 'close'
 * it closes the simulator, says 'closed' and lets the thread end.
 */

const port = parentPort;
if (!port) throw new Error('sim-thread.ts runs only as a worker');
const init = workerData as SimThreadInit;
const now = new Float64Array(init.clock);
const clock = { now: () => now[0]! };

const sim = await startSimulator({
  port: 0,
  clock,
  seed: init.seed,
  autopilot: init.autopilot,
  tzOffsetMinutes: init.tzOffsetMinutes,
  staffCount: init.staffCount,
  historyDays: init.historyDays,
});
const ready: SimThreadReady = {
  type: 'ready',
  url: sim.url,
  sdkAppId: sim.sdkAppId,
  staff: sim.staff,
  credentials: sim.credentials,
  desk: sim.desk,
};
port.postMessage(ready);
port.on('message', (m: { type: string }) => {
  if (m.type === 'close') {
    void sim.close().then(() => {
      port.postMessage({ type: 'closed' });
      port.close();
    });
  }
});
