import type { BreakReason, Settings } from '../../../shared/settings';

/**
 * Lookups over the configured break reasons. The schema guarantees at least one reason but not
 * that `defaultBreakReasonId` / `lockBreak.reasonId` name an existing one: these fall back to the
 * first reason so the shortcut and the lock break always have something to send.
 */

/** The reason with this id, or the first configured reason. */
export function breakReasonById(settings: Settings, id: string): BreakReason {
  return settings.breakReasons.find((r) => r.id === id) ?? settings.breakReasons[0]!;
}

/** The default break reason (global shortcut, tray "Break" without a choice). */
export function defaultBreakReason(settings: Settings): BreakReason {
  return breakReasonById(settings, settings.defaultBreakReasonId);
}

/** The configured reason whose label CCC reports (`Reason` is the label), or null. */
export function breakReasonByLabel(settings: Settings, label: string): BreakReason | null {
  const wanted = label.trim().toLowerCase();
  return settings.breakReasons.find((r) => r.label.trim().toLowerCase() === wanted) ?? null;
}
