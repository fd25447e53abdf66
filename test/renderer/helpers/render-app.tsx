import { act, cleanup, render, type RenderResult } from '@testing-library/react';
import { afterEach } from 'vitest';
import type { ReactElement } from 'react';
import { createAppStore } from '../../../renderer/store/app-store';
import { startIpcSync } from '../../../renderer/store/ipc-bridge';
import { StoreProvider } from '../../../renderer/store/store-context';
import type { AppStore } from '../../../renderer/store/types';
import { createFakeApi, type FakeApi } from './fake-api';

const stops: (() => void)[] = [];

// Testing Library cleans up on its own only with vitest globals; this suite does not use them.
afterEach(() => {
  cleanup();
  for (const stop of stops.splice(0)) stop();
});

/** Renders `ui` with a fresh store wired to a fake API (initial state loaded, subscriptions on). */
export async function renderWithStore(
  ui: ReactElement,
  fake: FakeApi = createFakeApi(),
): Promise<RenderResult & { store: AppStore; fake: FakeApi; stop: () => void }> {
  const store = createAppStore(fake.api);
  let stop = (): void => {};
  await act(async () => {
    stop = startIpcSync(fake.api, store);
  });
  stops.push(stop);
  const result = render(<StoreProvider store={store}>{ui}</StoreProvider>);
  return { ...result, store, fake, stop };
}
