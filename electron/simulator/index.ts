import { randomBytes } from 'node:crypto';
import { systemClock } from '../core/ports';
import { createControlHttp, createSimControl, type SimControl } from './control';
import { FaultRegistry } from './faults';
import {
  openSimulatedService,
  type SimulatedService,
  type SimulatorOptions,
} from './simulated-service';

export type { SimControl, SimStateSnapshot } from './control';
export type { SimFault, ParsedFault } from './faults';
export type { SimTemporaryCredentials } from './auth';
export { SimWorld } from './world';
export type {
  SimAgentMetrics,
  SetStatusOutcome,
  SimControlError,
  SimDurations,
  SimChannel,
} from './world';
export type { SimStaffMember } from './roster';

export type { SimulatorOptions } from './simulated-service';
export { SIM_IM_ADMIN, SIM_IM_SDK_APP_ID, SIM_SDK_APP_ID } from './simulated-service';

/** A running simulator: endpoints, demo credentials, and the handles to drive it. */
export interface RunningSimulator extends Pick<
  SimulatedService,
  'url' | 'port' | 'credentials' | 'sdkAppId' | 'staff' | 'desk' | 'world' | 'close'
> {
  /** Protects the HTTP control interface (header `x-sim-token`). */
  controlToken: string;
  control: SimControl;
}

/**
 * Starts the full simulator on 127.0.0.1 (simulated-service.ts) with fault injection and the
 * control interface (`/__sim/<command>` with header x-sim-token): what tests, the browser
 * preview, the benches and `npm run simulator` use. Never throws after listening; fails only
 * when the port cannot be bound. The app's demo mode uses demo.ts instead.
 */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<RunningSimulator> {
  const faults = new FaultRegistry();
  const controlToken = randomBytes(24).toString('hex');
  let controlHttp: ReturnType<typeof createControlHttp> | null = null;
  const service = await openSimulatedService(opts, faults, (command, token, body) =>
    controlHttp
      ? controlHttp(command, token, body)
      : Promise.resolve({ status: 503, body: '{"ok":false}', headers: {} }),
  );
  const control = createSimControl({
    world: service.world,
    store: service.store,
    faults,
    deskFaults: service.deskHandler.faults,
    server: service.server,
    clock: opts.clock ?? systemClock,
  });
  controlHttp = createControlHttp(control, controlToken);
  const { url, port, credentials, sdkAppId, staff, desk, world, close } = service;
  return { url, port, credentials, sdkAppId, staff, desk, controlToken, control, world, close };
}
