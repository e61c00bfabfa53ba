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
  dialogs: Array<{ title: string; html: string }>;
  prompts: string[];
  locks: number;
}

export interface BundleOptions {
  /** SpreadsheetApp members besides getUi (a stub spreadsheet). */
  spreadsheetApp?: Record<string, unknown>;
  /** Answers to ui.prompt, in order. */
  answers?: string[];
  /** Whether the document lock can be had. */
  lockFree?: boolean;
  /** The e-mail Session gives for the person at the menu ('' when Google does not say). */
  user?: string;
}

export function loadBundle(options: BundleOptions = {}): { context: vm.Context; rec: Recorder } {
  const rec: Recorder = { menus: [], sidebars: [], alerts: [], dialogs: [], prompts: [], locks: 0 };
  const answers = [...(options.answers ?? [])];
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
    alert(_title: string, text?: string) {
      rec.alerts.push(text ?? _title);
    },
    prompt(_title: string, text: string) {
      rec.prompts.push(text);
      const answer = answers.shift();
      return { getSelectedButton: () => (answer === undefined ? 'CANCEL' : 'OK'), getResponseText: () => answer ?? '' };
    },
    showModalDialog(html: { html: string }, title: string) {
      rec.dialogs.push({ title, html: html.html });
    },
    ButtonSet: { OK: 'OK', OK_CANCEL: 'OK_CANCEL' },
    Button: { OK: 'OK', CANCEL: 'CANCEL' },
  };
  const output = (html: string, file = '') => {
    const out = {
      file,
      title: '',
      html,
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
      getContent() {
        return out.html;
      },
      setContent(html: string) {
        out.html = html;
        return out;
      },
    };
    return out;
  };
  const HtmlService = {
    createHtmlOutput: (html: string) => output(html),
    createHtmlOutputFromFile(name: string) {
      const path = join(DIST, `${name}.html`);
      if (!existsSync(path)) throw new Error(`Нет файла ${name}.html в dist/`);
      return output(readFileSync(path, 'utf8'), name);
    },
  };
  const LockService = {
    getDocumentLock: () => ({
      tryLock: () => {
        if (options.lockFree === false) return false;
        rec.locks++;
        return true;
      },
      releaseLock: () => undefined,
    }),
  };
  const SpreadsheetApp = { flush: () => undefined, ...options.spreadsheetApp, getUi: () => ui };
  const Charts = { ChartType: { COLUMN: 'COLUMN' } };
  const person = { getEmail: () => options.user ?? '' };
  const Session = { getEffectiveUser: () => person, getActiveUser: () => person };
  const context = vm.createContext({ SpreadsheetApp, HtmlService, LockService, Charts, Session, console });
  vm.runInContext(readFileSync(join(DIST, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  return { context, rec };
}

/** Calls a top-level function of the bundle as Apps Script would. */
export function callGlobal(context: vm.Context, name: string, ...args: unknown[]): unknown {
  const fn = (context as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not a top-level function of Code.js`);
  return (fn as (...a: unknown[]) => unknown)(...args);
}
