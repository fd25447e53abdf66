import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  fitToDisplays,
  loadBounds,
  parseBounds,
  saveBounds,
} from '../../../electron/main/window-bounds';

const primary = { workArea: { x: 0, y: 25, width: 1440, height: 875 } };
const right = { workArea: { x: 1440, y: 0, width: 1920, height: 1080 } };

describe('fitToDisplays', () => {
  it('keeps a rectangle that is already inside a display', () => {
    const r = { x: 100, y: 100, width: 440, height: 680 };
    expect(fitToDisplays(r, [primary, right])).toEqual(r);
    const onRight = { x: 2000, y: 200, width: 500, height: 700 };
    expect(fitToDisplays(onRight, [primary, right])).toEqual(onRight);
  });

  it('centres on the primary display when its monitor is gone', () => {
    expect(fitToDisplays({ x: 2000, y: 200, width: 500, height: 700 }, [primary])).toEqual({
      x: 470,
      y: 113,
      width: 500,
      height: 700,
    });
  });

  it('pulls a partly off-screen window fully inside the display it overlaps most', () => {
    expect(fitToDisplays({ x: -300, y: 0, width: 440, height: 680 }, [primary])).toEqual({
      x: 0,
      y: 25,
      width: 440,
      height: 680,
    });
    expect(fitToDisplays({ x: 3200, y: 900, width: 440, height: 680 }, [primary, right])).toEqual({
      x: 2920,
      y: 400,
      width: 440,
      height: 680,
    });
  });

  it('shrinks a window larger than the work area and enforces the minimum size', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 5000, height: 3000 }, [primary])).toEqual({
      x: 0,
      y: 25,
      width: 1440,
      height: 875,
    });
    expect(fitToDisplays({ x: 10, y: 30, width: 100, height: 100 }, [primary])).toMatchObject({
      width: 360,
      height: 480,
    });
  });

  it('gives up without displays', () => {
    expect(fitToDisplays({ x: 0, y: 0, width: 400, height: 400 }, [])).toBeNull();
  });
});

describe('parseBounds', () => {
  it.each([
    [null],
    ['not json'],
    ['{"x":1,"y":2}'],
    ['{"x":1.5,"y":2,"width":400,"height":500}'],
    ['{"x":1,"y":2,"width":-400,"height":500}'],
    ['{"x":"1","y":2,"width":400,"height":500}'],
    ['{"x":1e9,"y":2,"width":400,"height":500}'],
  ])('refuses %s', (text) => {
    expect(parseBounds(text)).toBeNull();
  });
  it('accepts a well-formed rectangle', () => {
    expect(parseBounds('{"x":-10,"y":2,"width":400,"height":500}')).toEqual({
      x: -10,
      y: 2,
      width: 400,
      height: 500,
    });
  });
});

describe('saveBounds / loadBounds', () => {
  it('round-trips through the data folder, rounding fractional pixels', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounds-'));
    const file = join(dir, 'window-state.json');
    expect(await loadBounds(file)).toBeNull();
    expect(await saveBounds(file, { x: 10.4, y: 20.6, width: 400, height: 500 })).toBe(true);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual({
      x: 10,
      y: 21,
      width: 400,
      height: 500,
    });
    expect(await loadBounds(file)).toEqual({ x: 10, y: 21, width: 400, height: 500 });
    writeFileSync(file, '{broken');
    expect(await loadBounds(file)).toBeNull();
  });

  it('reports a failed save instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'bounds-'));
    const notADir = join(dir, 'file');
    writeFileSync(notADir, 'x');
    expect(
      await saveBounds(join(notADir, 'window-state.json'), { x: 0, y: 0, width: 400, height: 500 }),
    ).toBe(false);
    expect(
      await saveBounds(join(dir, 'w.json'), { x: Number.NaN, y: 0, width: 400, height: 500 }),
    ).toBe(false);
  });
});
