import { decodeUserSig, userSigSignedWith } from '../core/api/usersig';

/**
 * Checks a desk request's account and UserSig the way the IM service does: it PARSES the
 * UserSig (any key order, any zlib level), then checks the identifier, the SDKAppID, the HMAC
 * with the app's key and the expiry, and answers with the service's error codes.
 */

/** The service's verdict: accepted, or an IM error code with its text. */
export type UserSigVerdict = { ok: true } | { ok: false; code: number; info: string };

export interface VerifyRequestInput {
  /** Query parameters as sent. */
  sdkappid: string | null;
  identifier: string | null;
  usersig: string | null;
  /** The application this server hosts. */
  imSdkAppId: number;
  adminIdentifier: string;
  imKey: string;
  nowSeconds: number;
}

const fail = (code: number, info: string): UserSigVerdict => ({ ok: false, code, info });

/** Verifies the account part of a desk request. */
export function verifyDeskRequest(input: VerifyRequestInput): UserSigVerdict {
  if (!input.sdkappid || !/^\d+$/.test(input.sdkappid))
    return fail(60002, 'sdkappid is missing or not a number');
  const sdkAppId = Number(input.sdkappid);
  if (sdkAppId !== input.imSdkAppId) return fail(70020, 'SDKAppID not found');
  if (!input.identifier) return fail(60002, 'identifier is missing');
  if (!input.usersig) return fail(70003, 'UserSig is missing');
  const decoded = decodeUserSig(input.usersig);
  if (!decoded.ok) return fail(70003, 'UserSig is invalid');
  const info = decoded.value;
  if (info.identifier !== input.identifier)
    return fail(70013, 'identifier in UserSig does not match the request');
  if (info.sdkAppId !== sdkAppId)
    return fail(70014, 'SDKAppID in UserSig does not match the request');
  if (!userSigSignedWith(info, input.imKey)) return fail(70009, 'UserSig verification failed');
  if (input.nowSeconds > info.expiresAt) return fail(70001, 'UserSig expired');
  if (input.identifier !== input.adminIdentifier)
    return fail(60010, 'this request requires the app administrator');
  return { ok: true };
}
