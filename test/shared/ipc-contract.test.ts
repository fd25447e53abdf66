import { describe, expect, it } from 'vitest';
import { API_EVENTS, API_METHODS, CHANNEL_NAME_PATTERN } from '../../shared/ipc-channels';
import { ipcContract, ipcEvents } from '../../shared/ipc-contract';

describe('ipc contract', () => {
  it('names every channel and event domain:verb', () => {
    for (const name of [...Object.keys(ipcContract), ...Object.keys(ipcEvents)]) {
      expect(name).toMatch(CHANNEL_NAME_PATTERN);
    }
  });

  it('exposes exactly one renderer method per channel and one listener per event', () => {
    expect(new Set(Object.values(API_METHODS))).toEqual(new Set(Object.keys(ipcContract)));
    expect(Object.values(API_METHODS)).toHaveLength(Object.keys(ipcContract).length);
    expect(new Set(Object.values(API_EVENTS))).toEqual(new Set(Object.keys(ipcEvents)));
  });

  it('rejects bad status input and accepts good input', () => {
    const schema = ipcContract['status:set'].input;
    expect(schema.safeParse({ status: 'rest', reason: 'Lunch' }).success).toBe(true);
    expect(schema.safeParse({ status: 'busy' }).success).toBe(false);
    expect(schema.safeParse({ status: 'rest', reason: 'x'.repeat(33) }).success).toBe(false);
    expect(schema.safeParse(null).success).toBe(false);
  });

  it('accepts only undefined for no-input channels', () => {
    expect(ipcContract['status:get'].input.safeParse(undefined).success).toBe(true);
    expect(ipcContract['status:get'].input.safeParse({ evil: 1 }).success).toBe(false);
  });
});
