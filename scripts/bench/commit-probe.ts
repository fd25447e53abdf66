/**
 * A React commit probe, as JavaScript source so it can run both in a real page (installed before
 * the app's scripts through DevTools, where no CSP applies) and in jsdom tests. It poses as the
 * React DevTools hook: on every commit it walks the fiber tree and counts the components that
 * rendered in that commit, split into the status timer (its first DOM element carries
 * `data-timer`) and everything else. Counters live on `window.__commitProbe`.
 *
 * "Rendered in this commit": a component fiber that is not the same object as in the previous
 * commit (untouched subtrees are reused as-is) and whose props or hook state differ from its
 * alternate (a bailed-out clone copies both).
 */
export const COMMIT_PROBE_SOURCE = `(() => {
  const stats = { commits: 0, timerRenders: 0, otherRenders: 0, other: {} };
  let previous = new Set();
  const COMPONENT_TAGS = new Set([0, 1, 11, 14, 15]);
  const firstElement = (fiber) => {
    let f = fiber.child;
    while (f && f.tag !== 5) f = f.child;
    return f ? f.stateNode : null;
  };
  const hook = {
    supportsFiber: true,
    renderers: new Map(),
    inject(renderer) { const id = this.renderers.size + 1; this.renderers.set(id, renderer); return id; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    setStrictMode() {},
    onCommitFiberRoot(_id, root) {
      stats.commits += 1;
      const seen = new Set();
      const stack = [root.current];
      while (stack.length > 0) {
        const f = stack.pop();
        seen.add(f);
        if (COMPONENT_TAGS.has(f.tag) && !previous.has(f)) {
          const a = f.alternate;
          if (a === null || f.memoizedProps !== a.memoizedProps || f.memoizedState !== a.memoizedState) {
            const el = firstElement(f);
            if (el && el.hasAttribute && el.hasAttribute('data-timer')) stats.timerRenders += 1;
            else {
              stats.otherRenders += 1;
              const name = (f.type && (f.type.displayName || f.type.name)) || '?';
              stats.other[name] = (stats.other[name] || 0) + 1;
            }
          }
        }
        if (f.sibling) stack.push(f.sibling);
        if (f.child) stack.push(f.child);
      }
      previous = seen;
    },
  };
  globalThis.__REACT_DEVTOOLS_GLOBAL_HOOK__ = hook;
  globalThis.__commitProbe = stats;
})();`;

/** What the probe counts. */
export interface CommitProbeStats {
  commits: number;
  timerRenders: number;
  otherRenders: number;
  /** Renders of other components by name (minified in production builds). */
  other: Record<string, number>;
}
