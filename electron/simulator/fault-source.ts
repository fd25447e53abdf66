import type { ApiFault, ItemErrorFault, TransportPlan } from './faults';

/**
 * What the simulator's HTTP server and CCC handler consume of injected faults, request by
 * request. The FaultRegistry (faults.ts, fed by the control interface) is one; the app's demo
 * mode gets NO_FAULTS, so neither the registry nor its schema is part of the shipped app.
 */
export interface FaultSource {
  /** Modifiers and the first transport fault for a CCC request for `action`. */
  takeTransport(action: string): TransportPlan;
  /** The first API-level fault for `action` (checked after authentication). */
  takeApi(action: string): ApiFault | null;
  /** Latency and the first transport fault scoped to a desk command. */
  takeDeskTransport(command: string): Omit<TransportPlan, 'skewMs'>;
  /** An item-error fault for SetStaffStatus. */
  takeItemError(): ItemErrorFault | null;
  /** Current clock skew (Date headers outside the CCC endpoint). */
  peekSkewMs(): number;
  /** Removes faults of one kind (the server clears `refused` when it listens again). */
  clearKind(kind: 'refused'): void;
}

/** No fault, ever: the simulator answers like the service on a good day. */
export const NO_FAULTS: FaultSource = {
  takeTransport: () => ({ skewMs: 0, latencyMs: 0, fault: null }),
  takeApi: () => null,
  takeDeskTransport: () => ({ latencyMs: 0, fault: null }),
  takeItemError: () => null,
  peekSkewMs: () => 0,
  clearKind: () => {},
};
