import { z } from 'zod';
import { UPDATE_CHANNELS, UPDATE_OFF_REASONS, UPDATE_PHASES } from './update';

/**
 * What the desktop shell (Electron main) knows and the window shows: the update's progress, and
 * whether native notifications failed to appear (e.g. an unsigned macOS build). Kept by the core
 * (electron/core/app/shell-state.ts), read with app:shell, pushed with app:shellChanged.
 */

export const updateStateSchema = z.object({
  phase: z.enum(UPDATE_PHASES),
  channel: z.enum(UPDATE_CHANNELS),
  /** The version being downloaded or ready to install. */
  version: z.string().max(64).nullable(),
  /** Download progress, 0-100, while downloading. */
  percent: z.number().min(0).max(100).nullable(),
  /** phase 'off': why. */
  offReason: z.enum(UPDATE_OFF_REASONS).nullable(),
  /** phase 'error': a sentence for a person. */
  error: z.string().max(300).nullable(),
});
export type UpdateState = z.infer<typeof updateStateSchema>;

export const shellStateSchema = z.object({
  update: updateStateSchema,
  /** A native notification failed to show; the window says so once. */
  notificationsFailed: z.boolean(),
});
export type ShellState = z.infer<typeof shellStateSchema>;
