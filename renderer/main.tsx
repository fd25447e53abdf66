import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppStore } from './store/app-store';
import { getRendererApi, startIpcSync } from './store/ipc-bridge';
import { StoreProvider } from './store/store-context';
import { App } from './App';
import './styles/base.css';
import './styles/layout.css';
import './styles/status.css';
import './styles/stats.css';
import './styles/forms.css';

const container = document.getElementById('root');
const api = getRendererApi();
if (container && api) {
  const store = createAppStore(api);
  startIpcSync(api, store);
  createRoot(container).render(
    <StrictMode>
      <StoreProvider store={store}>
        <App />
      </StoreProvider>
    </StrictMode>,
  );
} else if (container) {
  container.textContent = 'The app API is missing: open this page from the app or the preview.';
}
