import type { HELP_TOPICS } from '../../../shared/ipc-channels';

/**
 * The only external pages the app opens: built here from a fixed table (never from renderer
 * input), https only, on Tencent's own sites. International accounts get the tencentcloud.com
 * pages, mainland accounts the cloud.tencent.com ones.
 */

export type HelpTopic = (typeof HELP_TOPICS)[number];

const LINKS: Record<HelpTopic, { mainland: string; international: string }> = {
  // CCC's CAM-enabled API list: the actions a least-privilege policy names.
  'cam-policy': {
    mainland: 'https://cloud.tencent.com/document/product/598/98106',
    international: 'https://www.tencentcloud.com/document/product/598/77494',
  },
  // STS GetFederationToken: temporary credentials (TmpSecretId, TmpSecretKey, Token, ExpiredTime).
  'temporary-credentials': {
    mainland: 'https://cloud.tencent.com/document/product/1312/48195',
    international: 'https://www.tencentcloud.com/document/product/1150/49452',
  },
  // Generating a UserSig for the IM administrator.
  usersig: {
    mainland: 'https://cloud.tencent.com/document/product/269/32688',
    international: 'https://trtc.io/document/69883',
  },
  'ccc-console': {
    mainland: 'https://console.cloud.tencent.com/ccc',
    international: 'https://console.tencentcloud.com/ccc',
  },
};

/** The https URL for a help topic; international when the account uses the international API. */
export function helpUrl(topic: HelpTopic, international: boolean): string {
  const entry = LINKS[topic];
  return international ? entry.international : entry.mainland;
}

/** Every URL the app may open (tests check each is https on a Tencent host). */
export const ALL_HELP_URLS: readonly string[] = Object.values(LINKS).flatMap((l) => [
  l.mainland,
  l.international,
]);
