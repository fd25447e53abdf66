#!/usr/bin/env bash
# Runs every vitest suite (node, renderer, e2e). When D-Bus and gnome-keyring are installed it runs
# them inside a private D-Bus session with an unlocked keyring, so the keychain test talks to a
# real Secret Service. Ends with a plain "N passed, N failed, N skipped" line.
set -uo pipefail
cd "$(dirname "$0")/.."
mkdir -p test-output

if [ -z "${CCC_TEST_DBUS:-}" ] && command -v dbus-run-session >/dev/null 2>&1 \
  && command -v gnome-keyring-daemon >/dev/null 2>&1; then
  exec dbus-run-session -- env CCC_TEST_DBUS=1 bash "$0" "$@"
fi

if [ -n "${CCC_TEST_DBUS:-}" ]; then
  # A fresh keyring for this run only: its own HOME so the developer's keyring is never touched.
  export HOME="$(mktemp -d)"
  printf 'ccc-test' | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1 || true
fi

echo "Node $(node -v) (the toolchain from node_modules/.bin: the npm package node@24)"
npx vitest run --reporter=default --reporter=json --outputFile.json=test-output/vitest.json "$@"
code=$?
node -e '
  const r = JSON.parse(require("fs").readFileSync("test-output/vitest.json", "utf8"));
  const skipped = r.numPendingTests + (r.numTodoTests || 0);
  // A file that fails before its tests run counts as one failure, so the line never hides it.
  const brokenFiles = r.testResults.filter(
    (f) => f.status === "failed" && !f.assertionResults.some((a) => a.status === "failed"),
  ).length;
  const failed = r.numFailedTests + brokenFiles;
  console.log(`Tests: ${r.numPassedTests} passed, ${failed} failed, ${skipped} skipped`);
' || true
exit $code
