import type { DemoSimulator, DemoSimulatorOptions } from '../core/app/demo';
import { NO_FAULTS } from './fault-source';
import { openSimulatedService } from './simulated-service';

/**
 * The simulator the shipped app runs in demo mode: the simulated service (simulated-service.ts)
 * with no fault injection and no control interface, so neither is part of the app. Electron main
 * hands it to the core as the demo simulator factory, loaded only when a demo starts.
 */
export async function startDemoSimulator(opts: DemoSimulatorOptions): Promise<DemoSimulator> {
  const { url, sdkAppId, staff, credentials, desk, close } = await openSimulatedService(
    opts,
    NO_FAULTS,
  );
  return { url, sdkAppId, staff, credentials, desk, close };
}
