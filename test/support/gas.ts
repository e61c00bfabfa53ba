/**
 * Stub Apps Script globals for loading dist/Code.js in node:vm. They record what the add-on asked of
 * Sheets (menus, sidebars, alerts) so that tests can drive it like a user.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';

export const DIST = join(import.meta.dirname, '..', '..', 'dist');

export interface Recorder {
  menus: Array<{ items: Array<{ title: string; handler: string } | 'separator'>; added: boolean }>;
  sidebars: Array<{ file: string; title: string; html: string }>;
  alerts: string[];
}

export function loadBundle(extra: Record<string, unknown> = {}): { context: vm.Context; rec: Recorder } {
  const rec: Recorder = { menus: [], sidebars: [], alerts: [] };
  const ui = {
    createAddonMenu() {
      const menu = { items: [] as Recorder['menus'][number]['items'], added: false };
      rec.menus.push(menu);
      const api = {
        addItem(title: string, handler: string) {
          menu.items.push({ title, handler });
          return api;
        },
        addSeparator() {
          menu.items.push('separator');
          return api;
        },
        addToUi() {
          menu.added = true;
        },
      };
      return api;
    },
    showSidebar(html: { file: string; title: string; html: string }) {
      rec.sidebars.push(html);
    },
    alert(text: string) {
      rec.alerts.push(text);
    },
  };
  const HtmlService = {
    createHtmlOutputFromFile(name: string) {
      const path = join(DIST, `${name}.html`);
      if (!existsSync(path)) throw new Error(`Нет файла ${name}.html в dist/`);
      const out = {
        file: name,
        title: '',
        html: readFileSync(path, 'utf8'),
        setTitle(t: string) {
          out.title = t;
          return out;
        },
        setWidth() {
          return out;
        },
        setHeight() {
          return out;
        },
      };
      return out;
    },
  };
  const context = vm.createContext({ SpreadsheetApp: { getUi: () => ui }, HtmlService, console, ...extra });
  vm.runInContext(readFileSync(join(DIST, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  return { context, rec };
}

/** Calls a top-level function of the bundle as Apps Script would. */
export function callGlobal(context: vm.Context, name: string, ...args: unknown[]): unknown {
  const fn = (context as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not a top-level function of Code.js`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}
