import type { FaultSource } from './fault-source';
import type { SimWorld } from './world';

/**
 * The shapes and parameter checks every simulated CCC action shares, answering bad input with the
 * service's error codes (MissingParameter, InvalidParameter, UnknownParameter, InstanceNotExist).
 */

/** An action's answer: the Response fields (RequestId is added by the handler) or an API error. */
export type ActionResult =
  { ok: true; data: Record<string, unknown> } | { ok: false; code: string; message: string };

/** What an action may read and change. */
export interface ActionContext {
  world: SimWorld;
  sdkAppId: number;
  faults: FaultSource;
}

/** Request parameters as parsed from the JSON body. */
export type Params = Record<string, unknown>;
/** One action: parameters in, Response fields or an API error out. */
export type Action = (params: Params, ctx: ActionContext) => ActionResult;

/** An API error answer. */
export const fail = (code: string, message: string): ActionResult => ({ ok: false, code, message });
/** MissingParameter for `name`. */
export const missing = (name: string): ActionResult =>
  fail('MissingParameter', `The request is missing a required parameter \`${name}\`.`);
/** InvalidParameter: `name` has the wrong type. */
export const badType = (name: string, type: string): ActionResult =>
  fail('InvalidParameter', `The parameter \`${name}\` must be ${type}.`);
/** An integer JSON number. */
export const isInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v);

/** UnknownParameter for any key the action does not define (the service is strict). */
export function unknownParam(
  params: Params,
  allowed: readonly string[],
  prefix = '',
): ActionResult | null {
  const extra = Object.keys(params).find((k) => !allowed.includes(k));
  return extra === undefined
    ? null
    : fail('UnknownParameter', `The parameter \`${prefix}${extra}\` is not recognized.`);
}

/** MissingParameter / InvalidParameter / InstanceNotExist for `SdkAppId`. */
export function checkSdkAppId(params: Params, ctx: ActionContext): ActionResult | null {
  if (!('SdkAppId' in params)) return missing('SdkAppId');
  if (!isInt(params.SdkAppId)) return badType('SdkAppId', 'an integer');
  if (params.SdkAppId !== ctx.sdkAppId) {
    return fail(
      'InvalidParameterValue.InstanceNotExist',
      `The instance (SdkAppId ${params.SdkAppId}) does not exist.`,
    );
  }
  return null;
}

/** An optional array parameter whose items pass `guard` ([] when absent). */
export function arrayOf<T>(
  params: Params,
  name: string,
  guard: (v: unknown) => v is T,
  type: string,
): T[] | ActionResult {
  const v = params[name];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every(guard)) return badType(name, `an array of ${type}`);
  return v;
}

/** A JSON string. */
export const isString = (v: unknown): v is string => typeof v === 'string';
