import { join } from 'node:path';
import {
  Menu,
  Tray,
  nativeImage,
  type MenuItemConstructorOptions,
  type NativeImage,
} from 'electron';
import { trayIconFile } from '../../shared/tray-icon-names';
import type { TimerHandle, Timers } from '../core/ports';
import type { TrayAction, TrayMenuItem, TrayModel } from '../core/tray/tray-model';

/**
 * Renders the core's tray model and nothing more: the icon for `iconKey`, the tooltip, the macOS
 * menu-bar title and the menu. The menu is rebuilt only when `menuKey` changes; one 1 s timer
 * re-reads the model so the tooltip/title timer ticks. Clicks are native per OS: on Windows and
 * Linux a left click opens the window (the menu is on right click); on macOS a click shows the menu.
 */

export interface TrayDeps {
  /** The current model (recomputed with the current time on each call). */
  getModel(): TrayModel;
  /** Called when the core's model changed; returns an unsubscribe function. */
  onModelChanged(listener: () => void): () => void;
  /** Runs a menu item's action. */
  onAction(action: TrayAction): void;
  /** Folder holding the generated tray icons (build/icons/tray, or resources/icons when packaged). */
  iconDir: string;
  platform: NodeJS.Platform;
  timers: Timers;
}

/** Icon file for a model key on a platform (naming: shared/tray-icon-names.ts). */
export function trayIconPath(iconDir: string, iconKey: string, platform: NodeJS.Platform): string {
  return join(iconDir, trayIconFile(iconKey, platform));
}

/** Converts model items into an Electron menu template (pure, apart from the click closures). */
export function toMenuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    switch (item.kind) {
      case 'separator':
        return { id: item.id, type: 'separator' };
      case 'label':
        return { id: item.id, label: item.label, enabled: false };
      case 'submenu':
        // Native submenu items carry no check state: a mark in the label shows it.
        return {
          id: item.id,
          label: item.checked ? `✓ ${item.label}` : item.label,
          enabled: item.enabled,
          submenu: toMenuTemplate(item.items, onAction),
        };
      case 'action':
        return {
          id: item.id,
          label: item.label,
          enabled: item.enabled,
          ...(item.checked === undefined
            ? { type: 'normal' }
            : { type: 'checkbox', checked: item.checked }),
          click: () => onAction(item.action),
        };
    }
  });
}

/** The tray controller: `dispose()` stops the timer and removes the icon. */
export interface TrayController {
  /** Renders the current model now (also done on model changes and each second). */
  refresh(): void;
  dispose(): void;
}

/** Creates the tray icon and keeps it in step with the model. */
export function createTray(deps: TrayDeps): TrayController {
  const images = new Map<string, NativeImage>();
  const image = (key: string): NativeImage => {
    let img = images.get(key);
    if (!img) {
      img = nativeImage.createFromPath(trayIconPath(deps.iconDir, key, deps.platform));
      if (deps.platform === 'darwin') img.setTemplateImage(true);
      images.set(key, img);
    }
    return img;
  };

  const first = deps.getModel();
  const tray = new Tray(image(first.iconKey));
  let iconKey = first.iconKey;
  let shown: { tooltip: string; title: string | null; menuKey: string } | null = null;

  const render = (model: TrayModel) => {
    if (iconKey !== model.iconKey) tray.setImage(image(model.iconKey));
    iconKey = model.iconKey;
    if (!shown || shown.tooltip !== model.tooltip) tray.setToolTip(model.tooltip);
    if (deps.platform === 'darwin' && (!shown || shown.title !== model.title)) {
      tray.setTitle(model.title ?? '', { fontType: 'monospacedDigit' });
    }
    if (!shown || shown.menuKey !== model.menuKey) {
      tray.setContextMenu(Menu.buildFromTemplate(toMenuTemplate(model.menu, deps.onAction)));
    }
    shown = { tooltip: model.tooltip, title: model.title, menuKey: model.menuKey };
  };

  if (deps.platform !== 'darwin') {
    tray.on('click', () => deps.onAction({ type: 'open', view: 'status' }));
  }

  render(first);
  const unsubscribe = deps.onModelChanged(() => render(deps.getModel()));
  let timer: TimerHandle | null = null;
  const tick = () => {
    timer = deps.timers.setTimeout(tick, 1000); // first, so a failing render cannot stop the clock
    render(deps.getModel());
  };
  timer = deps.timers.setTimeout(tick, 1000);

  return {
    refresh: () => render(deps.getModel()),
    dispose: () => {
      unsubscribe();
      if (timer !== null) deps.timers.clearTimeout(timer);
      timer = null;
      tray.destroy();
    },
  };
}
