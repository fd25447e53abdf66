import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { TRAY_ICON_MARKS, trayIconBaseName, type TrayIconMark } from '../shared/tray-icon-names';
import { DISPLAY_STATUSES, type DisplayStatus } from '../shared/vocabulary';
import {
  circle,
  encodeIco,
  encodePng,
  minus,
  polygon,
  rasterize,
  rect,
  ring,
  union,
  type Layer,
  type Rgba,
  type Shape,
} from './icon-raster';

/**
 * Generates every icon the app ships (committed under build/): one tray icon per display status of
 * the vocabulary (shared/vocabulary.ts: a new status fails to compile until it has a colour and a
 * shape here) that differs by colour AND shape, with optional pending / degraded badges, in colour
 * PNG (1x, @2x), macOS template PNG (black + alpha), Windows ICO, plus the app icon (icon.png 512,
 * icon.ico).
 * Run: `npx tsx build/generate-icons.ts`.
 */

const COLOURS: Record<DisplayStatus, Rgba> = {
  free: [22, 163, 74, 255], // green
  busy: [220, 38, 38, 255], // red
  rest: [245, 158, 11, 255], // amber
  notReady: [100, 116, 139, 255], // slate grey
  afterCallWork: [37, 99, 235, 255], // blue
  offline: [156, 163, 175, 255], // light grey
  unknown: [156, 163, 175, 255],
};
const BLACK: Rgba = [0, 0, 0, 255];
const WHITE: Rgba = [255, 255, 255, 255];
const INK: Rgba = [17, 24, 39, 255];
const YELLOW: Rgba = [250, 204, 21, 255];
const SKY: Rgba = [14, 165, 233, 255]; // reads on light and dark taskbars

/** The status glyph: shape carries meaning on its own (template icons have no colour). */
const SHAPES: Record<DisplayStatus, Shape> = {
  free: circle(0.5, 0.5, 0.4),
  busy: rect(0.12, 0.12, 0.88, 0.88, 0.08),
  rest: union(rect(0.2, 0.12, 0.42, 0.88, 0.04), rect(0.58, 0.12, 0.8, 0.88, 0.04)),
  notReady: minus(
    polygon([
      [0.5, 0.04],
      [0.96, 0.5],
      [0.5, 0.96],
      [0.04, 0.5],
    ]),
    rect(0.24, 0.42, 0.76, 0.58),
  ),
  afterCallWork: polygon([
    [0.5, 0.08],
    [0.94, 0.88],
    [0.06, 0.88],
  ]),
  offline: ring(0.5, 0.5, 0.24, 0.4),
  unknown: minus(rect(0.14, 0.14, 0.86, 0.86, 0.1), rect(0.3, 0.3, 0.7, 0.7, 0.02)),
};

const BADGE_HALO = circle(0.79, 0.79, 0.31);
const PENDING_OUTER = circle(0.79, 0.79, 0.21);
const PENDING_INNER = circle(0.79, 0.79, 0.1);
const DEGRADED_OUTER = polygon([
  [0.79, 0.5],
  [1.0, 0.98],
  [0.58, 0.98],
]);
const DEGRADED_INNER = polygon([
  [0.79, 0.64],
  [0.91, 0.92],
  [0.67, 0.92],
]);

function badgeLayers(mark: TrayIconMark, template: boolean): Layer[] {
  if (mark === 'none') return [];
  const halo: Layer = { shape: BADGE_HALO, erase: true };
  if (mark === 'pending') {
    return template
      ? [halo, { shape: minus(PENDING_OUTER, PENDING_INNER), fill: BLACK }]
      : [halo, { shape: PENDING_OUTER, fill: SKY }, { shape: PENDING_INNER, fill: WHITE }];
  }
  return template
    ? [halo, { shape: DEGRADED_OUTER, fill: BLACK }]
    : [halo, { shape: DEGRADED_OUTER, fill: INK }, { shape: DEGRADED_INNER, fill: YELLOW }];
}

/** Paint steps of one tray icon. */
export function trayIconLayers(
  status: DisplayStatus,
  mark: TrayIconMark,
  template: boolean,
): Layer[] {
  return [
    { shape: SHAPES[status], fill: template ? BLACK : COLOURS[status] },
    ...badgeLayers(mark, template),
  ];
}

/** The app icon: a blue rounded square with a white headset and a green status dot. */
export function appIconLayers(): Layer[] {
  const band = minus(ring(0.5, 0.52, 0.22, 0.28), rect(0, 0.52, 1, 1));
  const ears = union(rect(0.2, 0.46, 0.34, 0.7, 0.05), rect(0.66, 0.46, 0.8, 0.7, 0.05));
  return [
    { shape: rect(0.04, 0.04, 0.96, 0.96, 0.2), fill: [15, 98, 214, 255] },
    { shape: union(band, ears), fill: WHITE },
    { shape: circle(0.74, 0.74, 0.15), fill: WHITE },
    { shape: circle(0.74, 0.74, 0.11), fill: COLOURS.free },
  ];
}

const TRAY_ICO_SIZES = [16, 20, 24, 32, 40, 48];
const APP_ICO_SIZES = [16, 24, 32, 48, 64, 128, 256];

/** Renders every generated file, keyed by path relative to build/. Pure: writes nothing. */
export function renderIcons(): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  for (const status of DISPLAY_STATUSES) {
    for (const mark of TRAY_ICON_MARKS) {
      const base = `icons/tray/${trayIconBaseName(status, mark)}`;
      const colour = trayIconLayers(status, mark, false);
      const template = trayIconLayers(status, mark, true);
      out.set(`${base}.png`, encodePng(rasterize(colour, 16)));
      out.set(`${base}@2x.png`, encodePng(rasterize(colour, 32)));
      out.set(`${base}Template.png`, encodePng(rasterize(template, 16)));
      out.set(`${base}Template@2x.png`, encodePng(rasterize(template, 32)));
      out.set(`${base}.ico`, encodeIco(TRAY_ICO_SIZES.map((s) => rasterize(colour, s))));
    }
  }
  const app = appIconLayers();
  out.set('icon.png', encodePng(rasterize(app, 512, 3)));
  out.set('icon.ico', encodeIco(APP_ICO_SIZES.map((s) => rasterize(app, s, s >= 128 ? 3 : 6))));
  return out;
}

/** Writes the rendered icons under `buildDir`. */
export function writeIcons(buildDir: string): number {
  const files = renderIcons();
  for (const [rel, bytes] of files) {
    const path = join(buildDir, rel);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, bytes);
  }
  return files.size;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const dir = dirname(fileURLToPath(import.meta.url));
  console.log(`wrote ${writeIcons(dir)} icon files under ${dir}`);
}
