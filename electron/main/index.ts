import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { app } from 'electron';
import { registerBundleScheme, startMain } from './app-main';

/** Electron main entry: registers the bundle scheme before ready, then starts the app. */
registerBundleScheme();
startMain({ mainDir: dirname(fileURLToPath(import.meta.url)) }).catch((error: unknown) => {
  // Nothing is set up to report to; leave a trace on stderr and exit instead of hanging.
  console.error('CCC Agent Status failed to start:', error instanceof Error ? error.name : error);
  app.exit(1);
});
