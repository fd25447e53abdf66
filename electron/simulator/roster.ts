/** The simulated contact center's people and skill groups. */

/** One agent account. `userId` is the email CCC uses as StaffUserId / Email. */
export interface SimStaffMember {
  userId: string;
  nickName: string;
  /** Work number (StaffNo in DescribeStaffStatusHistory). */
  staffNo: string;
  /** CCC skill groups the agent belongs to (GroupIdList filter). */
  groupIds: number[];
  /** Cell phone answering pattern: 0 off, 1 only when offline, 2 always. */
  useMobileAccept: 0 | 1 | 2;
  useMobileCallOut: boolean;
}

/** A CCC skill group. */
export interface SimSkillGroup {
  id: number;
  name: string;
}

/** Skill groups every simulated account has. 1002 is also the desk's IM agent group. */
export const SIM_SKILL_GROUPS: readonly SimSkillGroup[] = [
  { id: 1001, name: 'Hotline' },
  { id: 1002, name: 'Online customer service' },
  { id: 1003, name: 'VIP' },
];

/** The demo agent: staff[0], the account the app signs in as in demo mode. */
export const DEMO_AGENT = { userId: 'demo.agent@example.com', nickName: 'Demo Agent' };

const NAMES: readonly (readonly [string, string])[] = [
  ['meimei.li', 'Meimei'],
  ['wei.zhang', 'Zhang Wei'],
  ['anna.schmidt', 'Anna'],
  ['kenji.sato', 'Kenji'],
  ['priya.nair', 'Priya'],
  ['lucas.martin', 'Lucas'],
  ['xiaoyu.chen', '小雨'],
  ['sofia.rossi', 'Sofia'],
  ['omar.haddad', 'Omar'],
  ['hana.kim', 'Hana'],
  ['diego.lopez', 'Diego'],
  ['yan.liu', 'Liu Yan'],
];

/**
 * Builds `count` agents deterministically: the demo agent first, then named agents, then
 * numbered ones. Group membership and mobile settings vary so filters have something to do.
 */
export function buildRoster(count: number): SimStaffMember[] {
  const out: SimStaffMember[] = [];
  for (let i = 0; i < count; i++) {
    let userId: string;
    let nickName: string;
    if (i === 0) {
      ({ userId, nickName } = DEMO_AGENT);
    } else if (i - 1 < NAMES.length) {
      const [local, nick] = NAMES[i - 1]!;
      userId = `${local}@example.com`;
      nickName = nick;
    } else {
      userId = `agent${String(i).padStart(3, '0')}@example.com`;
      nickName = `Agent ${i}`;
    }
    const groupIds = i % 2 === 0 ? [1001, 1002] : [1002];
    if (i % 5 === 3) groupIds.push(1003);
    out.push({
      userId,
      nickName,
      staffNo: String(1001 + i),
      groupIds,
      useMobileAccept: i % 7 === 4 ? 1 : i % 7 === 6 ? 2 : 0,
      useMobileCallOut: i % 3 === 2,
    });
  }
  return out;
}
