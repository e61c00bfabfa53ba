/**
 * The built bundle dist/Code.js in node:vm on the Apps Script emulator (src/cli/emulator), with a recorder
 * of what the add-on asked of the user interface (menus, sidebars, alerts) so that tests can drive it like
 * a user. Every call of a top-level function is one execution: its clock starts at zero.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { AppsScriptEmulator, type UiHost } from '../../src/cli/emulator/apps-script';
import { MemoryWorkbook } from '../../src/workbook/memory';

export const DIST = join(import.meta.dirname, '..', '..', 'dist');

export interface Recorder {
  menus: Array<{ items: Array<{ title: string; handler: string } | 'separator'>; added: boolean }>;
  sidebars: Array<{ file: string; title: string; html: string }>;
  alerts: string[];
  dialogs: Array<{ title: string; html: string }>;
  prompts: string[];
  /** The title and the button set of each question (alert with buttons, prompt), in order. */
  asked: Array<{ title: string; buttons: string }>;
  /** How often the document lock was had. */
  readonly locks: number;
}

export interface BundleOptions {
  /** The emulator to run on (a fresh empty spreadsheet when absent). */
  emulator?: AppsScriptEmulator;
  /** What stubSpreadsheetApp(ss) gives (test/support/sheets-stub): the emulator of that spreadsheet. */
  spreadsheetApp?: { emulator: AppsScriptEmulator };
  /** Answers to ui.prompt, in order. */
  answers?: string[];
  /** Buttons pressed in ui.alert dialogs with several buttons ('YES', 'NO', 'CANCEL'), in order; then the dialog is closed. */
  confirms?: string[];
  /** Whether the document lock can be had. */
  lockFree?: boolean;
  /** The e-mail of the person at the menu; '' when Google does not tell the script who it is. */
  user?: string;
}

const emulators = new WeakMap<vm.Context, AppsScriptEmulator>();

export function loadBundle(options: BundleOptions = {}): { context: vm.Context; rec: Recorder; emulator: AppsScriptEmulator } {
  const em = options.emulator ?? options.spreadsheetApp?.emulator ?? new AppsScriptEmulator(new MemoryWorkbook());
  if (options.user !== undefined) {
    if (options.user === '') em.identity.hideUser = true;
    else em.wb.user = options.user.toLowerCase();
  }
  if (options.lockFree === false) em.lock.heldByOther = true;
  const answers = [...(options.answers ?? [])];
  const confirms = [...(options.confirms ?? [])];
  const rec: Recorder = {
    menus: [],
    sidebars: [],
    alerts: [],
    dialogs: [],
    prompts: [],
    asked: [],
    get locks() {
      return em.lock.acquired;
    },
  };
  const ui: UiHost = {
    menu: (items) => rec.menus.push({ items: [...items], added: true }),
    alert: (_title, text) => rec.alerts.push(text),
    ask: (kind, title, text, buttons) => {
      rec.asked.push({ title, buttons });
      if (kind === 'confirm') {
        rec.alerts.push(text);
        return { button: confirms.shift() ?? 'CLOSE', text: '' };
      }
      rec.prompts.push(text);
      const answer = answers.shift();
      return { button: answer === undefined ? 'CANCEL' : 'OK', text: answer ?? '' };
    },
    showSidebar: (out) => rec.sidebars.push({ file: out.file, title: out.title, html: out.html }),
    showDialog: (out, title) => rec.dialogs.push({ title, html: out.html }),
    toast: () => undefined,
  };
  const context = vm.createContext(em.globals(ui, { dist: DIST, title: 'ШНОР' }));
  em.useRealm(context);
  emulators.set(context, em);
  vm.runInContext(readFileSync(join(DIST, 'Code.js'), 'utf8'), context, { filename: 'Code.js' });
  return { context, rec, emulator: em };
}

/** Calls a top-level function of the bundle as Apps Script would: a new execution on the emulator. */
export function callGlobal(context: vm.Context, name: string, ...args: unknown[]): unknown {
  const fn = (context as Record<string, unknown>)[name];
  if (typeof fn !== 'function') throw new Error(`${name} is not a top-level function of Code.js`);
  emulators.get(context)?.beginExecution();
  return (fn as (...a: unknown[]) => unknown)(...args);
}
