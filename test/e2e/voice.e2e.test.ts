import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { launchBrowser, waitUntil, type TestBrowser } from './helpers/browser';
import {
  ROOT,
  simControl,
  startPreviewProcess,
  type PreviewProcess,
  type SimulatorLine,
} from './helpers/preview-process';

/**
 * Phone stats end to end at 360 px, in Chromium against the preview: demo mode, the agent under
 * test left alone by the autopilot (--manual-agent), one call of each kind made through the
 * simulator's control, then the stats view must show KPIs and a call list that match the
 * simulator's own call records, in English and in Chinese. Waits are conditions, never sleeps.
 */

const SHOTS = join(ROOT, 'test-output', 'screenshots');
const T = 30_000;
const WIDTH = 360;

let preview: PreviewProcess;
let browser: TestBrowser;
let page: Page;
let sim: SimulatorLine;

interface Participant {
  Mail: string;
  AcceptTimestamp: number | null;
  EndedTimestamp: number | null;
  TransferFrom: string;
  TransferTo: string;
}
interface Cdr {
  SessionId: string;
  Time: number;
  Direction: number;
  Caller: string;
  Callee: string;
  AcceptTimestamp: number | null;
  ServeParticipants: Participant[];
}

const shot = (name: string) =>
  page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
const control = (command: string, body: object = {}) => simControl(sim, command, body);
const me = () => sim.agentId;
const nav = (name: string) => page.getByRole('navigation').getByRole('button', { name }).click();
const kpiValue = (id: string) =>
  page.getByTestId('kpis-voice').getByTestId(`kpi-${id}`).locator('.kpi-value').textContent();
/** Elements that stick out of the 360 px viewport (nothing may: no sideways scrolling). */
const overflowing = () =>
  page.evaluate(() =>
    [...document.querySelectorAll('body *')]
      .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
      .filter((e) => !e.closest('.table-wrap')) // a table scrolls inside its own box
      .map((e) => `${e.tagName.toLowerCase()}.${e.className}: ${e.textContent?.slice(0, 30)}`),
  );
const m_ss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/**
 * A free colleague the control may route a call to (the autopilot runs the others). Colleagues
 * work shifts, so at night nobody may be on: then one is logged in through the control.
 */
async function freeColleague(except: string[]): Promise<string> {
  let found = '';
  await waitUntil(async () => {
    const state = (await control('state')) as { agents: { userId: string; status: string }[] };
    const others = state.agents.filter((a) => ![me(), ...except].includes(a.userId));
    found = others.find((a) => a.status === 'free')?.userId ?? '';
    if (found !== '') return true;
    const offline = others.find((a) => a.status === 'offline');
    if (offline) await control('setOnline', { staff: offline.userId });
    return false;
  }, 'a free colleague');
  return found;
}

/** Runs `step` with free colleagues until one is still free when the call reaches them. */
async function withColleague(step: (colleague: string) => Promise<void>): Promise<void> {
  const tried: string[] = [];
  for (;;) {
    const colleague = await freeColleague(tried);
    try {
      await step(colleague);
      return;
    } catch (e) {
      // The autopilot gave that colleague work meanwhile (409): try another.
      if (tried.length > 6 || !String(e).includes('InvalidState')) throw e;
      tried.push(colleague);
    }
  }
}

beforeAll(async () => {
  await mkdir(SHOTS, { recursive: true });
  preview = await startPreviewProcess(['--manual-agent']);
  browser = await launchBrowser({ width: WIDTH, height: 800 });
  page = browser.page;
  await page.goto(preview.url);
  await page.getByTestId('first-run').getByTestId('demo-start').click();
  sim = await preview.simulator;
  await page
    .getByTestId('status-label')
    .filter({ hasText: /^Available$/ })
    .waitFor({ timeout: T });
  await control('setCdrDelay', { minSeconds: 0, maxSeconds: 0 });
});

afterAll(async () => {
  await browser?.close();
  expect(await preview?.stop()).toBe(0);
});

describe('phone stats at 360 px', () => {
  let records: Cdr[] = [];
  /** The agent's records of the calls made here (the simulated past week has others). */
  let since = 0;
  const mineNow = async () =>
    ((await control('callRecords', { staff: me() })) as Cdr[]).filter((r) => r.Time >= since);

  it('one call of each kind leaves its record in the simulator', async () => {
    since = Math.floor(Date.now() / 1000) - 1;
    const done = async () => {
      await control('endCall', { staff: me() });
      await control('finishWrapUp', { staff: me() });
    };
    // An inbound call answered; an outbound one the customer answers; one nobody answers.
    await control('startCall', { staff: me(), type: 'tel', direct: 'in' });
    await done();
    await control('startCall', { staff: me(), type: 'tel', direct: 'out' });
    await done();
    await control('startCall', { staff: me(), type: 'tel', direct: 'out', answered: false });
    await done();
    // A call that rings for a second and is not answered.
    await control('missCall', { staff: me(), ringSeconds: 1 });
    await waitUntil(async () => (await mineNow()).length === 4, 'the missed call to end');
    // A colleague transfers a call to me; I transfer one to a colleague.
    await withColleague(async (c) => {
      await control('startCall', { staff: c, type: 'tel', direct: 'in' });
      await control('transferCall', { staff: c, to: me() });
    });
    await done();
    await control('startCall', { staff: me(), type: 'tel', direct: 'in' });
    await withColleague(async (c) => {
      await control('transferCall', { staff: me(), to: c });
      await control('endCall', { staff: c }); // the call (and its record) ends with the colleague
    });
    await control('finishWrapUp', { staff: me() });
    await waitUntil(async () => {
      records = await mineNow();
      return records.length === 6;
    }, 'six finished calls with the agent');
  });

  it('shows KPIs and a call list that match the simulator’s records', async () => {
    await nav('Daily stats');
    const calls = page.getByTestId('call-list');
    await calls.waitFor({ timeout: T });
    await page.getByRole('button', { name: 'Refresh' }).first().click();
    await waitUntil(
      async () => (await calls.locator('tbody tr').count()) === records.length,
      'the six calls in the list',
    );
    // Independent arithmetic on the raw records: my legs' talk, and how each call went.
    const mine = (r: Cdr) => r.ServeParticipants.filter((p) => p.Mail === me());
    let talk = 0;
    for (const r of records)
      for (const p of mine(r))
        if (p.AcceptTimestamp !== null && (r.Direction === 0 || r.AcceptTimestamp !== null))
          talk += p.EndedTimestamp! - Math.max(p.AcceptTimestamp, r.AcceptTimestamp ?? 0);
    const inbound = records.filter((r) => r.Direction === 0);
    const outbound = records.filter((r) => r.Direction === 1);
    const answeredIn = inbound.filter((r) => mine(r).some((p) => p.AcceptTimestamp !== null));
    const connected = outbound.filter((r) => r.AcceptTimestamp !== null);
    expect(await kpiValue('callsHandled')).toBe(String(answeredIn.length + connected.length));
    expect(await kpiValue('callsAnsweredIn')).toBe(String(answeredIn.length));
    expect(await kpiValue('callsOutbound')).toBe(String(outbound.length));
    expect(await kpiValue('outboundConnectedRate')).toBe('50%');
    expect(await kpiValue('talkTime')).toBe(m_ss(talk));
    expect(await kpiValue('ringsNotAnswered')).toBe('1');
    expect(await kpiValue('transfersIn')).toBe('1');
    expect(await kpiValue('transfersOut')).toBe('1');

    const rows = await calls.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => {
        const row = tr as HTMLTableRowElement;
        const cells = Array.from(row.cells).map((c) => c.textContent ?? '');
        return { direction: row.dataset.direction, customer: cells[1]!.slice(-7), ended: cells[3] };
      }),
    );
    const masked = records
      .map((r) => `•••${(r.Direction === 0 ? r.Caller : r.Callee).slice(-4)}`)
      .sort();
    expect(rows.map((r) => r.customer).sort()).toEqual(masked);
    expect(rows.map((r) => r.ended).sort()).toEqual(
      ['Completed', 'Completed', 'Completed', 'Missed', 'Not answered', 'Transferred'].sort(),
    );
    expect(rows.filter((r) => r.direction === 'out')).toHaveLength(2);
    // No full number anywhere on the page.
    const text = (await page.textContent('body')) ?? '';
    for (const r of records) expect(text).not.toContain(r.Caller.slice(-8));
    expect(await overflowing()).toEqual([]);
    await shot('voice-stats-en');
  });

  it('the 7-day trend shows calls handled, past days included (the simulated week)', async () => {
    await page.getByRole('button', { name: 'Calls handled' }).click();
    const week = page.getByRole('list', { name: 'Calls handled, last 7 days' });
    await week.waitFor({ timeout: T });
    const labels = await week
      .getByRole('button')
      .evaluateAll((bs) => bs.map((b) => b.getAttribute('aria-label') ?? ''));
    expect(labels).toHaveLength(7);
    const counts = labels.map((l) => Number(/(\d+) calls$/.exec(l)?.[1] ?? NaN));
    expect(counts.at(-1)).toBe(4); // today: the calls handled above
    expect(counts.slice(0, -1).every((n) => n > 0)).toBe(true);
    await shot('voice-week-calls');
  });

  it('says the same in Chinese', async () => {
    await nav('Settings');
    const prefs = page.getByTestId('preferences-form');
    await prefs.getByLabel('Language').selectOption('zh-CN');
    await prefs.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('navigation').getByRole('button', { name: '每日统计' }).click();
    await page.getByRole('heading', { name: '电话指标' }).waitFor({ timeout: T });
    expect(await kpiValue('transfersOut')).toBe('1');
    const calls = page.getByTestId('call-list');
    expect(await calls.getByRole('heading').textContent()).toContain('通话');
    // Missed (未接听) and the outbound call the customer did not answer (also 未接听).
    expect(await calls.getByText('未接听').count()).toBe(2);
    expect(await calls.getByText('呼出').count()).toBe(2); // screen-reader text of the arrows
    expect(await overflowing()).toEqual([]);
    await shot('voice-stats-zh-CN');
  });

  it('saw no CSP violation and no page error', async () => {
    expect(await browser.cspViolations()).toEqual([]);
    expect(browser.pageErrors).toEqual([]);
  });
});
