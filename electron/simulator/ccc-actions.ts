import { METRICS_DURATION_FIELDS } from '../core/api/ccc-types';
import {
  isAgentStatus,
  isSettableStatus,
  settableStatusList,
  type SettableStatus,
  type TimedStatus,
} from '../../shared/vocabulary';
import {
  arrayOf,
  badType,
  checkSdkAppId,
  fail,
  isInt,
  isString,
  missing,
  unknownParam,
  type Action,
  type ActionResult,
  type Params,
} from './action-params';
import { describeTelCdr } from './tel-cdr-action';
import type { SimAgentMetrics } from './world';

export type { ActionContext, ActionResult } from './action-params';

const seconds = (ms: number | null): number | null => (ms === null ? null : Math.floor(ms / 1000));

/** StaffStatusMetrics exactly as the seed shows it (StatusExtra: Type tel|im, Direct callin|callout). */
function toStaffStatusMetrics(m: SimAgentMetrics): Record<string, unknown> {
  return {
    Email: m.userId,
    Status: m.status,
    StatusExtra: m.extra
      ? { Type: m.extra.type, Direct: m.extra.direct === 'in' ? 'callin' : 'callout' }
      : null,
    OnlineDuration: m.durations.online,
    ...Object.fromEntries(
      Object.entries(METRICS_DURATION_FIELDS).map(([status, field]) => [
        field,
        m.durations[status as TimedStatus],
      ]),
    ),
    Reason: m.reason,
    ReserveRest: m.reserveRest,
    ReserveNotReady: m.reserveNotReady,
    UseMobileAccept: m.useMobileAccept,
    UseMobileCallOut: m.useMobileCallOut,
    LastOnlineTimestamp: seconds(m.lastOnlineMs),
    LastStatusTimestamp: seconds(m.lastStatusMs),
  };
}

const describeStaffStatusMetrics: Action = (params, ctx) => {
  const bad =
    unknownParam(params, ['SdkAppId', 'StaffList', 'GroupIdList', 'StatusList']) ??
    checkSdkAppId(params, ctx);
  if (bad) return bad;
  const staffList = arrayOf(params, 'StaffList', isString, 'strings');
  if (!Array.isArray(staffList)) return staffList;
  const groupIdList = arrayOf(params, 'GroupIdList', isInt, 'integers');
  if (!Array.isArray(groupIdList)) return groupIdList;
  const statusList = arrayOf(params, 'StatusList', isString, 'strings');
  if (!Array.isArray(statusList)) return statusList;
  const unknownStatus = statusList.find((s) => !isAgentStatus(s));
  if (unknownStatus !== undefined) {
    return fail(
      'InvalidParameterValue',
      `StatusList contains an unknown status \`${unknownStatus}\`.`,
    );
  }
  // Filter the roster first: an agent polling its own status costs one agent's metrics (and one
  // member's copy), not all.
  const members = staffList.length === 0 ? ctx.world.staff() : ctx.world.staffByIds(staffList);
  const metrics = members
    .filter((s) => groupIdList.length === 0 || s.groupIds.some((g) => groupIdList.includes(g)))
    .map((s) => ctx.world.metrics(s.userId)!)
    .filter((m) => statusList.length === 0 || statusList.includes(m.status))
    .map(toStaffStatusMetrics);
  return { ok: true, data: { Metrics: metrics } };
};

interface StatusItem {
  staffUserId: string;
  status: SettableStatus;
  reason: string;
}

function parseStatusItems(value: unknown): StatusItem[] | ActionResult {
  if (value === undefined) return missing('StaffStatusList');
  if (!Array.isArray(value)) return badType('StaffStatusList', 'an array of SetStaffStatusItem');
  if (value.length === 0 || value.length > 10) {
    return fail(
      'InvalidParameterValue',
      `StaffStatusList must contain 1 to 10 items (got ${value.length}).`,
    );
  }
  const items: StatusItem[] = [];
  for (const [i, raw] of value.entries()) {
    const name = `StaffStatusList.${i}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
      return badType(name, 'a SetStaffStatusItem');
    const item = raw as Params;
    const bad = unknownParam(item, ['StaffUserId', 'Status', 'Reason'], `${name}.`);
    if (bad) return bad;
    if (item.StaffUserId === undefined) return missing(`${name}.StaffUserId`);
    if (!isString(item.StaffUserId)) return badType(`${name}.StaffUserId`, 'a string');
    if (item.Status === undefined) return missing(`${name}.Status`);
    if (!isString(item.Status)) return badType(`${name}.Status`, 'a string');
    if (item.Reason !== undefined && !isString(item.Reason))
      return badType(`${name}.Reason`, 'a string');
    if (!isSettableStatus(item.Status)) {
      return fail(
        'InvalidParameterValue',
        isAgentStatus(item.Status)
          ? `${name}.Status \`${item.Status}\` is set by the system; only ${settableStatusList('and')} can be set.`
          : `${name}.Status \`${item.Status}\` is not a valid status.`,
      );
    }
    items.push({ staffUserId: item.StaffUserId, status: item.Status, reason: item.Reason ?? '' });
  }
  return items;
}

const setStaffStatus: Action = (params, ctx) => {
  const bad = unknownParam(params, ['SdkAppId', 'StaffStatusList']) ?? checkSdkAppId(params, ctx);
  if (bad) return bad;
  const items = parseStatusItems(params.StaffStatusList);
  if (!Array.isArray(items)) return items;
  const itemFault = ctx.faults.takeItemError();
  const out = items.map((it) => {
    if (itemFault) {
      const m = ctx.world.metrics(it.staffUserId);
      return {
        ErrorCode: itemFault.code,
        ErrorMessage: itemFault.message ?? `Injected item error ${itemFault.code}.`,
        PreviousReason: m?.reason ?? '',
        PreviousStatus: m?.status ?? '',
        Reason: it.reason,
        StaffUserId: it.staffUserId,
        Status: it.status,
      };
    }
    const r = ctx.world.setStaffStatus(it.staffUserId, it.status, it.reason, 'api');
    return {
      ErrorCode: r.errorCode,
      ErrorMessage: r.errorMessage,
      PreviousReason: r.previousReason,
      PreviousStatus: r.previousStatus,
      Reason: r.reason,
      StaffUserId: r.staffUserId,
      Status: r.status,
    };
  });
  return { ok: true, data: { StaffStatusList: out } };
};

const WEEK_S = 7 * 86_400;
const HISTORY_BACK_S = 180 * 86_400;
const HISTORY_PAGE_MAX = 100;

const encodeCursor = (index: number): string => Buffer.from(`h:${index}`).toString('base64url');
function decodeCursor(cursor: string): number | null {
  const m = /^h:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return m ? Number(m[1]) : null;
}

/**
 * DescribeStaffStatusHistory with the field names of the official SDK models (request:
 * SdkAppId, StaffUserId, StartTimestamp, EndTimestamp, Cursor, PageSize; response: Data of
 * StaffStatus {Cursor, Timestamp, Status, SessionId, Reason, StaffEmail, StaffNo}). Paging: pass
 * the Cursor of the last item received; a page shorter than PageSize is the last one.
 */
const describeStaffStatusHistory: Action = (params, ctx) => {
  const bad =
    unknownParam(params, [
      'SdkAppId',
      'StaffUserId',
      'StartTimestamp',
      'EndTimestamp',
      'Cursor',
      'PageSize',
    ]) ?? checkSdkAppId(params, ctx);
  if (bad) return bad;
  const {
    StaffUserId: staff,
    StartTimestamp: start,
    EndTimestamp: end,
    Cursor: cursor,
    PageSize: pageSize,
  } = params;
  if (staff === undefined) return missing('StaffUserId');
  if (!isString(staff)) return badType('StaffUserId', 'a string');
  if (start === undefined) return missing('StartTimestamp');
  if (!isInt(start)) return badType('StartTimestamp', 'an integer');
  if (end === undefined) return missing('EndTimestamp');
  if (!isInt(end)) return badType('EndTimestamp', 'an integer');
  if (cursor !== undefined && !isString(cursor)) return badType('Cursor', 'a string');
  if (pageSize !== undefined && !isInt(pageSize)) return badType('PageSize', 'an integer');
  if (end < start)
    return fail('InvalidParameterValue', 'EndTimestamp must not be before StartTimestamp.');
  if (end - start >= WEEK_S) {
    return fail(
      'InvalidParameterValue',
      'The range between StartTimestamp and EndTimestamp must be less than 7 days.',
    );
  }
  const nowS = Math.floor(ctx.world.now() / 1000);
  if (start < nowS - HISTORY_BACK_S) {
    return fail('InvalidParameterValue', 'StartTimestamp can be at most 180 days back.');
  }
  const size = pageSize ?? HISTORY_PAGE_MAX;
  if (size < 1 || size > HISTORY_PAGE_MAX) {
    return fail('InvalidParameterValue', `PageSize must be between 1 and ${HISTORY_PAGE_MAX}.`);
  }
  let after = -1;
  if (cursor !== undefined && cursor !== '') {
    const index = decodeCursor(cursor);
    if (index === null) return fail('InvalidParameterValue', 'The Cursor is not valid.');
    after = index;
  }
  const member = ctx.world.staffByIds([staff])[0];
  if (!member)
    return fail('InvalidParameterValue.AccountNotExist', `The account ${staff} does not exist.`);
  const data: Record<string, unknown>[] = [];
  const history = ctx.world.statusHistory(staff);
  for (let i = after + 1; i < history.length && data.length < size; i++) {
    const c = history[i]!;
    const ts = Math.floor(c.atMs / 1000);
    if (ts < start) continue;
    if (ts > end) break;
    data.push({
      Cursor: encodeCursor(i),
      Timestamp: ts,
      Status: c.status,
      SessionId: c.sessionId ?? '',
      Reason: c.reason,
      StaffEmail: member.userId,
      StaffNo: member.staffNo,
    });
  }
  return { ok: true, data: { Data: data } };
};

/** The CCC actions the simulator implements, by X-TC-Action. */
export const CCC_ACTIONS: Readonly<Record<string, Action>> = {
  DescribeStaffStatusMetrics: describeStaffStatusMetrics,
  SetStaffStatus: setStaffStatus,
  DescribeStaffStatusHistory: describeStaffStatusHistory,
  DescribeTelCdr: describeTelCdr,
};
