import { relative, sep } from 'node:path';

/**
 * The Node that runs the project's scripts: normally Node 24 from node_modules/.bin (the npm
 * package `node@24`, an optional dependency), otherwise whatever `node` is on the PATH (the
 * registry may have no Node 24 binary for this OS and CPU). electron-builder 26 and
 * @electron/rebuild need at least MIN_NODE.
 */

/** The oldest Node the toolchain accepts. */
export const MIN_NODE = '22.12.0';

const parse = (v: string): number[] => v.replace(/^v/, '').split('.').map(Number);

/** True when `version` (e.g. `v20.19.0`) is older than MIN_NODE. */
export function nodeTooOld(version: string): boolean {
  const [a, b] = [parse(version), parse(MIN_NODE)];
  for (let i = 0; i < 3; i++) {
    if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) < (b[i] ?? 0);
  }
  return false;
}

/** One line saying which Node runs and where it comes from. */
export function describeNode(execPath: string, version: string, root: string): string {
  const rel = relative(root, execPath);
  const fromProject = rel.startsWith(`node_modules${sep}`);
  const where = fromProject
    ? 'from node_modules (the npm package node@24)'
    : `from ${execPath} (node_modules has no Node 24 for this machine, see README "Node")`;
  return `Node ${version} ${where}`;
}

/** The one-line refusal when the Node is too old, or null when it will do. */
export function tooOldMessage(version: string): string | null {
  return nodeTooOld(version)
    ? `Node ${version} is too old for this project's tools (needs ${MIN_NODE} or newer): install Node 24 LTS from nodejs.org, then run npm install again.`
    : null;
}
