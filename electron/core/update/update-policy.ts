import { join } from 'node:path';
import { z } from 'zod';
import { UPDATE_CHANNELS, type UpdateChannel, type UpdateOffReason } from '../../../shared/update';

/**
 * Whether this install may update itself, decided once at start-up. IT turns updates off (or fixes
 * the channel) for managed installs with a machine-wide policy file that survives updates and is
 * outside the signed app bundle, or with an environment variable set by group policy / MDM:
 * - Windows: %ProgramData%\CCC Agent Status\policy.json
 * - macOS:   /Library/Application Support/CCC Agent Status/policy.json
 * - Linux:   /etc/ccc-agent-status/policy.json
 * Content: `{ "updates": { "enabled": false } }` or `{ "updates": { "channel": "stable" } }`.
 * A file that cannot be read as such turns updates off (IT meant something) and says why.
 */

/** `CCC_AGENT_STATUS_UPDATES=off` turns updates off as well. */
export const UPDATE_POLICY_ENV = 'CCC_AGENT_STATUS_UPDATES';

export type UpdatePolicy =
  | { enabled: true; channel: UpdateChannel | null }
  | { enabled: false; reason: UpdateOffReason; detail: string };

const policyFileSchema = z
  .object({
    updates: z
      .object({
        enabled: z.boolean().optional(),
        channel: z.enum(UPDATE_CHANNELS).optional(),
      })
      .strict(),
  })
  .strict();

/** Where IT puts the policy file on each OS. */
export function updatePolicyPath(platform: string, env: NodeJS.ProcessEnv): string {
  if (platform === 'win32') {
    return join(
      env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData',
      'CCC Agent Status',
      'policy.json',
    );
  }
  if (platform === 'darwin') return '/Library/Application Support/CCC Agent Status/policy.json';
  return '/etc/ccc-agent-status/policy.json';
}

/** Decides the policy from the build, the environment and the policy file's text (null: none). */
export function resolveUpdatePolicy(input: {
  packaged: boolean;
  env: NodeJS.ProcessEnv;
  policyFile: string | null;
  policyPath: string;
}): UpdatePolicy {
  if (!input.packaged) {
    return {
      enabled: false,
      reason: 'unpackaged',
      detail: 'a development build does not update itself',
    };
  }
  const envValue = input.env[UPDATE_POLICY_ENV]?.trim().toLowerCase();
  if (envValue === 'off' || envValue === '0' || envValue === 'false') {
    return { enabled: false, reason: 'policy', detail: `${UPDATE_POLICY_ENV}=${envValue}` };
  }
  if (input.policyFile === null) return { enabled: true, channel: null };
  let parsed: z.infer<typeof policyFileSchema>;
  try {
    parsed = policyFileSchema.parse(JSON.parse(input.policyFile));
  } catch {
    return {
      enabled: false,
      reason: 'invalid_policy',
      detail: `${input.policyPath} is not {"updates": {"enabled": true|false, "channel": "stable"|"beta"}}: fix or remove it`,
    };
  }
  if (parsed.updates.enabled === false) {
    return { enabled: false, reason: 'policy', detail: input.policyPath };
  }
  return { enabled: true, channel: parsed.updates.channel ?? null };
}
