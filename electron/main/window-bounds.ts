import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { writeFileAtomic } from '../core/settings/atomic-file';

/**
 * Remembers the window's size and position in the data folder (`window-state.json`) and puts it
 * back somewhere visible: a saved rectangle is validated, shrunk to fit its display and moved
 * onto a display when the monitor it was on is gone. Pure except the two file helpers.
 */

export type Rect = { x: number; y: number; width: number; height: number };
export type DisplayArea = { workArea: Rect };

export const WINDOW_STATE_FILE = 'window-state.json';
export const DEFAULT_SIZE = { width: 440, height: 680 };
export const MIN_SIZE = { width: 360, height: 480 };
const boundsSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(100).max(20_000),
  height: z.number().int().min(100).max(20_000),
});

const overlap = (a: Rect, b: Rect) =>
  Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)) *
  Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y));

/**
 * Fits a saved rectangle to the current displays: on the display it overlaps most (centred on the
 * first display, the primary, when it overlaps none: that monitor is gone), no larger than that
 * display's work area, and moved fully inside it.
 */
export function fitToDisplays(rect: Rect, displays: readonly DisplayArea[]): Rect | null {
  if (displays.length === 0) return null;
  let best = displays[0]!;
  let bestArea = 0;
  for (const d of displays) {
    const area = overlap(rect, d.workArea);
    if (area > bestArea) {
      best = d;
      bestArea = area;
    }
  }
  const wa = best.workArea;
  const width = Math.min(Math.max(rect.width, MIN_SIZE.width), wa.width);
  const height = Math.min(Math.max(rect.height, MIN_SIZE.height), wa.height);
  if (bestArea === 0) {
    return {
      x: Math.round(wa.x + (wa.width - width) / 2),
      y: Math.round(wa.y + (wa.height - height) / 2),
      width,
      height,
    };
  }
  return {
    x: Math.min(Math.max(rect.x, wa.x), wa.x + wa.width - width),
    y: Math.min(Math.max(rect.y, wa.y), wa.y + wa.height - height),
    width,
    height,
  };
}

/** Parses stored bounds; null for anything missing, malformed or out of range. */
export function parseBounds(text: string | null): Rect | null {
  if (text === null) return null;
  try {
    const parsed = boundsSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Reads the saved bounds (null when there are none or they are unusable). */
export async function loadBounds(path: string): Promise<Rect | null> {
  const text = await readFile(path, 'utf8').catch(() => null);
  return parseBounds(text);
}

/** Saves bounds atomically; never throws (a failure only loses the position). */
export async function saveBounds(path: string, rect: Rect): Promise<boolean> {
  const parsed = boundsSchema.safeParse({
    x: Math.round(rect.x),
    y: Math.round(rect.y),
    width: Math.round(rect.width),
    height: Math.round(rect.height),
  });
  if (!parsed.success) return false;
  try {
    await writeFileAtomic(path, `${JSON.stringify(parsed.data)}\n`);
    return true;
  } catch {
    return false;
  }
}
