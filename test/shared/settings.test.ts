import { describe, expect, it } from 'vitest';
import { defaultSettings, settingsSchema } from '../../shared/settings';

describe('settingsSchema', () => {
  it('fills every default from an empty object', () => {
    const s = defaultSettings();
    expect(s.polling).toEqual({ visibleSeconds: 5, hiddenSeconds: 30, teamSize: null });
    expect(s.desk.timeZoneOffsetMinutes).toBe(480);
    expect(s.breakReasons.map((r) => r.id)).toContain(s.defaultBreakReasonId);
  });

  it('keeps given values and fills the rest of a partial section', () => {
    const s = settingsSchema.parse({ polling: { visibleSeconds: 10 } });
    expect(s.polling.visibleSeconds).toBe(10);
    expect(s.polling.hiddenSeconds).toBe(30);
  });

  it('rejects out-of-range and mistyped values with a path', () => {
    const r = settingsSchema.safeParse({
      polling: { visibleSeconds: 1 },
      account: { sdkAppId: 'x' },
    });
    expect(r.success).toBe(false);
    const paths = r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['polling.visibleSeconds', 'account.sdkAppId']));
  });

  it('rejects a non-http custom base URL', () => {
    expect(
      settingsSchema.safeParse({ account: { customBaseUrl: 'file:///etc/passwd' } }).success,
    ).toBe(false);
  });
});
