import { deflateSync } from 'node:zlib';

/**
 * A tiny dependency-free rasterizer and encoder for the app's icons: shapes are predicates over a
 * unit square, painted in order with supersampled anti-aliasing, and encoded as PNG (node:zlib) or
 * as a Windows ICO container. Deterministic: the same design always yields the same bytes.
 */

/** A region of the unit square: true when the point (0..1, 0..1, y down) is inside. */
export type Shape = (x: number, y: number) => boolean;
/** RGBA with channels 0..255. */
export type Rgba = readonly [number, number, number, number];
/** One paint step: fill a shape with a colour, or erase it (make it transparent). */
export type Layer = { shape: Shape; fill: Rgba } | { shape: Shape; erase: true };

/** A square RGBA bitmap (straight alpha, row-major). */
export type Bitmap = { size: number; data: Uint8Array };

/** Filled circle. */
export const circle =
  (cx: number, cy: number, r: number): Shape =>
  (x, y) =>
    (x - cx) ** 2 + (y - cy) ** 2 <= r * r;

/** Annulus between two radii. */
export const ring =
  (cx: number, cy: number, inner: number, outer: number): Shape =>
  (x, y) => {
    const d = (x - cx) ** 2 + (y - cy) ** 2;
    return d <= outer * outer && d >= inner * inner;
  };

/** Axis-aligned rectangle with optional rounded corners. */
export const rect =
  (x0: number, y0: number, x1: number, y1: number, radius = 0): Shape =>
  (x, y) => {
    if (x < x0 || x > x1 || y < y0 || y > y1) return false;
    const cx = Math.min(Math.max(x, x0 + radius), x1 - radius);
    const cy = Math.min(Math.max(y, y0 + radius), y1 - radius);
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius;
  };

/** Polygon (even-odd rule). */
export const polygon =
  (points: ReadonlyArray<readonly [number, number]>): Shape =>
  (x, y) => {
    let inside = false;
    for (let i = 0, j = points.length - 1; i < points.length; j = i++) {
      const [xi, yi] = points[i]!;
      const [xj, yj] = points[j]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
    return inside;
  };

/** Union of shapes. */
export const union =
  (...shapes: Shape[]): Shape =>
  (x, y) =>
    shapes.some((s) => s(x, y));

/** Points of `a` not in `b`. */
export const minus =
  (a: Shape, b: Shape): Shape =>
  (x, y) =>
    a(x, y) && !b(x, y);

/** Paints layers into a size x size bitmap, `samples` x `samples` subsamples per pixel. */
export function rasterize(layers: readonly Layer[], size: number, samples = 8): Bitmap {
  const data = new Uint8Array(size * size * 4);
  const n = samples * samples;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let r = 0;
      let g = 0;
      let b = 0;
      let a = 0;
      for (let sy = 0; sy < samples; sy++) {
        for (let sx = 0; sx < samples; sx++) {
          const x = (px + (sx + 0.5) / samples) / size;
          const y = (py + (sy + 0.5) / samples) / size;
          let fill: Rgba | null = null;
          for (const layer of layers) {
            if (!layer.shape(x, y)) continue;
            fill = 'erase' in layer ? null : layer.fill;
          }
          if (fill) {
            const fa = fill[3] / 255;
            r += fill[0] * fa;
            g += fill[1] * fa;
            b += fill[2] * fa;
            a += fa;
          }
        }
      }
      const o = (py * size + px) * 4;
      if (a > 0) {
        data[o] = Math.round(r / a);
        data[o + 1] = Math.round(g / a);
        data[o + 2] = Math.round(b / a);
        data[o + 3] = Math.round((a / n) * 255);
      }
    }
  }
  return { size, data };
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** CRC-32 as PNG chunks use it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const byte of bytes) c = CRC_TABLE[(c ^ byte) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(body.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), body])), 0);
  return Buffer.concat([head, body, crc]);
}

/** Encodes a bitmap as an 8-bit RGBA PNG. */
export function encodePng(bitmap: Bitmap): Buffer {
  const { size, data } = bitmap;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0; // filter: none
    Buffer.from(data.buffer, data.byteOffset + y * size * 4, size * 4).copy(
      raw,
      y * (size * 4 + 1) + 1,
    );
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', new Uint8Array(0)),
  ]);
}

/** A 32-bit BMP (DIB) icon image: BGRA rows bottom-up plus an all-zero AND mask. */
function encodeDib(bitmap: Bitmap): Buffer {
  const { size, data } = bitmap;
  const header = Buffer.alloc(40);
  header.writeUInt32LE(40, 0);
  header.writeInt32LE(size, 4);
  header.writeInt32LE(size * 2, 8); // XOR + AND masks
  header.writeUInt16LE(1, 12);
  header.writeUInt16LE(32, 14);
  const pixels = Buffer.alloc(size * size * 4);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const s = (y * size + x) * 4;
      const d = ((size - 1 - y) * size + x) * 4;
      pixels[d] = data[s + 2]!;
      pixels[d + 1] = data[s + 1]!;
      pixels[d + 2] = data[s]!;
      pixels[d + 3] = data[s + 3]!;
    }
  }
  const maskRow = Math.ceil(size / 32) * 4;
  return Buffer.concat([header, pixels, Buffer.alloc(maskRow * size)]);
}

/** Packs bitmaps into an ICO: BMP entries below 256 px (widest tool support), PNG at 256. */
export function encodeIco(bitmaps: readonly Bitmap[]): Buffer {
  const images = bitmaps.map((b) => (b.size >= 256 ? encodePng(b) : encodeDib(b)));
  const head = Buffer.alloc(6);
  head.writeUInt16LE(0, 0);
  head.writeUInt16LE(1, 2);
  head.writeUInt16LE(bitmaps.length, 4);
  const dir = Buffer.alloc(16 * bitmaps.length);
  let offset = 6 + dir.length;
  bitmaps.forEach((b, i) => {
    const o = i * 16;
    dir[o] = b.size >= 256 ? 0 : b.size;
    dir[o + 1] = b.size >= 256 ? 0 : b.size;
    dir.writeUInt16LE(1, o + 4);
    dir.writeUInt16LE(32, o + 6);
    dir.writeUInt32LE(images[i]!.length, o + 8);
    dir.writeUInt32LE(offset, o + 12);
    offset += images[i]!.length;
  });
  return Buffer.concat([head, dir, ...images]);
}
