import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { crc32, encodeIco, encodePng, rasterize, circle } from '../../build/icon-raster';
import { renderIcons } from '../../build/generate-icons';
import { TRAY_ICON_MARKS, trayIconBaseName, trayIconFileName } from '../../shared/tray-icon-names';
import { DISPLAY_STATUSES as TRAY_ICON_STATUSES } from '../../shared/vocabulary';

const BUILD = join(__dirname, '../../build');

/** Minimal PNG reader for what encodePng writes (8-bit RGBA, filter 0), checking every CRC. */
function decodePng(buf: Buffer): { width: number; height: number; rgba: Buffer } {
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  let pos = 8;
  let width = 0;
  let height = 0;
  const idat: Buffer[] = [];
  while (pos < buf.length) {
    const len = buf.readUInt32BE(pos);
    const type = buf.toString('ascii', pos + 4, pos + 8);
    const body = buf.subarray(pos + 8, pos + 8 + len);
    expect(buf.readUInt32BE(pos + 8 + len)).toBe(crc32(buf.subarray(pos + 4, pos + 8 + len)));
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect([body[8], body[9]]).toEqual([8, 6]);
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const rgba = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    raw.copy(rgba, y * width * 4, y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1));
  }
  return { width, height, rgba };
}

/** Share of pixels whose alpha or colour differs clearly between two same-size images. */
function differingShare(a: Buffer, b: Buffer, alphaOnly = false): number {
  let n = 0;
  for (let i = 0; i < a.length; i += 4) {
    const channels = alphaOnly ? [3] : [0, 1, 2, 3];
    if (channels.some((c) => Math.abs(a[i + c]! - b[i + c]!) > 64)) n++;
  }
  return n / (a.length / 4);
}

function readIco(buf: Buffer): Array<{ size: number; bytes: Buffer }> {
  expect(buf.readUInt16LE(0)).toBe(0);
  expect(buf.readUInt16LE(2)).toBe(1);
  const count = buf.readUInt16LE(4);
  return Array.from({ length: count }, (_, i) => {
    const o = 6 + i * 16;
    const size = buf[o] === 0 ? 256 : buf[o]!;
    const len = buf.readUInt32LE(o + 8);
    const off = buf.readUInt32LE(o + 12);
    expect(off + len).toBeLessThanOrEqual(buf.length);
    return { size, bytes: buf.subarray(off, off + len) };
  });
}

const read = (rel: string) => readFileSync(join(BUILD, rel));

describe('icon encoders', () => {
  it('computes the standard CRC-32 check value', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('round-trips a rasterized shape through PNG', () => {
    const bm = rasterize([{ shape: circle(0.5, 0.5, 0.5), fill: [10, 20, 30, 255] }], 8);
    const png = decodePng(encodePng(bm));
    expect(png.width).toBe(8);
    expect(Buffer.from(bm.data)).toEqual(png.rgba);
    // Centre pixel is fully covered, the corner not at all.
    expect([...png.rgba.subarray((4 * 8 + 4) * 4, (4 * 8 + 4) * 4 + 4)]).toEqual([10, 20, 30, 255]);
    expect(png.rgba[3]).toBe(0);
  });

  it('writes BMP entries below 256 px and PNG at 256 in an ICO', () => {
    const shape = circle(0.5, 0.5, 0.4);
    const ico = readIco(
      encodeIco([16, 256].map((s) => rasterize([{ shape, fill: [1, 2, 3, 255] }], s, 2))),
    );
    expect(ico.map((e) => e.size)).toEqual([16, 256]);
    expect(ico[0]!.bytes.readUInt32LE(0)).toBe(40); // BITMAPINFOHEADER
    expect(ico[0]!.bytes.readInt32LE(8)).toBe(32); // height doubled for the AND mask
    expect(decodePng(ico[1]!.bytes).width).toBe(256);
  });
});

describe('generated icons', () => {
  it('are committed and up to date with the generator', () => {
    const rendered = renderIcons();
    expect(rendered.size).toBe(TRAY_ICON_STATUSES.length * TRAY_ICON_MARKS.length * 5 + 2);
    const stale = [...rendered].filter(
      ([rel, bytes]) => !existsSync(join(BUILD, rel)) || !read(rel).equals(bytes),
    );
    expect(stale.map(([rel]) => rel)).toEqual([]);
  });

  it('exist for every status, mark and platform in every size', () => {
    for (const status of TRAY_ICON_STATUSES) {
      for (const mark of TRAY_ICON_MARKS) {
        for (const platform of ['win32', 'darwin', 'linux'] as const) {
          expect(
            existsSync(join(BUILD, 'icons/tray', trayIconFileName(status, mark, platform))),
          ).toBe(true);
        }
        const base = `icons/tray/${trayIconBaseName(status, mark)}`;
        expect(decodePng(read(`${base}.png`)).width).toBe(16);
        expect(decodePng(read(`${base}@2x.png`)).width).toBe(32);
        expect(decodePng(read(`${base}Template.png`)).width).toBe(16);
        expect(decodePng(read(`${base}Template@2x.png`)).width).toBe(32);
        expect(readIco(read(`${base}.ico`)).map((e) => e.size)).toEqual([16, 20, 24, 32, 40, 48]);
      }
    }
  });

  it('differ pixel-wise between every pair of statuses, in colour and by shape alone', () => {
    for (const mark of TRAY_ICON_MARKS) {
      for (const [i, a] of TRAY_ICON_STATUSES.entries()) {
        for (const b of TRAY_ICON_STATUSES.slice(i + 1)) {
          const colourA = decodePng(read(`icons/tray/${trayIconBaseName(a, mark)}@2x.png`)).rgba;
          const colourB = decodePng(read(`icons/tray/${trayIconBaseName(b, mark)}@2x.png`)).rgba;
          expect(differingShare(colourA, colourB), `${a} vs ${b} (${mark})`).toBeGreaterThan(0.05);
          // Template images have no colour: the shape (alpha) alone must tell them apart.
          const maskA = decodePng(
            read(`icons/tray/${trayIconBaseName(a, mark)}Template@2x.png`),
          ).rgba;
          const maskB = decodePng(
            read(`icons/tray/${trayIconBaseName(b, mark)}Template@2x.png`),
          ).rgba;
          expect(
            differingShare(maskA, maskB, true),
            `${a} vs ${b} template (${mark})`,
          ).toBeGreaterThan(0.05);
        }
      }
    }
  });

  it('show the pending and degraded marks as distinct badges', () => {
    for (const status of TRAY_ICON_STATUSES) {
      const [none, pending, degraded] = TRAY_ICON_MARKS.map(
        (m) => decodePng(read(`icons/tray/${trayIconBaseName(status, m)}Template@2x.png`)).rgba,
      );
      expect(differingShare(none!, pending!, true)).toBeGreaterThan(0.02);
      expect(differingShare(none!, degraded!, true)).toBeGreaterThan(0.02);
      expect(differingShare(pending!, degraded!, true)).toBeGreaterThan(0.02);
    }
  });

  it('makes macOS template images black with alpha only', () => {
    for (const status of TRAY_ICON_STATUSES) {
      const { rgba } = decodePng(read(`icons/tray/${status}Template@2x.png`));
      let opaque = 0;
      for (let i = 0; i < rgba.length; i += 4) {
        if (rgba[i + 3]! > 0) {
          opaque++;
          expect([rgba[i], rgba[i + 1], rgba[i + 2]]).toEqual([0, 0, 0]);
        }
      }
      expect(opaque).toBeGreaterThan(100);
    }
  });

  it('ships the app icon as a 512 PNG and a multi-size ICO', () => {
    expect(decodePng(read('icon.png')).width).toBe(512);
    expect(readIco(read('icon.ico')).map((e) => e.size)).toEqual([16, 24, 32, 48, 64, 128, 256]);
  });
});
