/**
 * One preview session: the real bundle dist/Code.js in node:vm over an in-memory workbook, driven as
 * Sheets would drive it. Menu items run their handler; google.script.run calls run endpoints.
 *
 * ui.alert with more than an OK button and ui.prompt are synchronous in Apps Script. Here a handler that
 * asks a question the browser has not answered yet is stopped, the workbook is rolled back to the
 * snapshot taken before it ran, and the question goes to the page; the page asks the user and runs the
 * handler again with the answers so far queued, until it finishes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import type { MemoryWorkbook } from '../../workbook/memory';
import { AppsScriptEmulator, type EmulatorState, type HtmlOutputData, previewState, type UiHost } from '../emulator/apps-script';
import { serverValue } from './bridge';
import { type SheetView, sheetView } from './view';

export type MenuEntry = { title: string; handler: string } | 'separator';

export interface Answer {
  button: string;
  text?: string;
}

export interface Question {
  kind: 'prompt' | 'confirm';
  title: string;
  text: string;
  buttons: string;
}

/** What the page shows after a run: messages, a sidebar or a dialog (HTML served at /html/<id>), toasts. */
export type UiEvent =
  | { kind: 'alert'; title: string; text: string }
  | { kind: 'toast'; text: string }
  | { kind: 'sidebar'; id: number; title: string }
  | { kind: 'dialog'; id: number; title: string; width: number | null; height: number | null; modal: boolean };

export type MenuResult =
  { kind: 'done'; events: UiEvent[] } | { kind: 'question'; question: Question } | { kind: 'error'; message: string; events: UiEvent[] };

class Ask extends Error {
  constructor(readonly question: Question) {
    super('ШНОР-предпросмотр: вопрос пользователю');
  }
}

export class PreviewSession {
  readonly state: EmulatorState;
  /** The Apps Script the bundle runs on: strict, timed, logged. */
  readonly emulator: AppsScriptEmulator;
  private readonly context: vm.Context;
  /** Menus the bundle's onOpen built, by title. */
  readonly menus: Array<{ title: string; items: MenuEntry[] }> = [];
  private answers: Answer[] = [];
  private asked: Question | null = null;
  private events: UiEvent[] = [];
  /** Dialogs and sidebars opened by google.script.run calls, for the page to pick up. */
  private pending: UiEvent[] = [];
  private readonly html = new Map<number, HtmlOutputData>();
  private nextHtml = 1;
  /** Bumped on every change of the workbook, so the page knows when to redraw. */
  version = 0;

  constructor(
    readonly wb: MemoryWorkbook,
    readonly options: { dist: string; title: string },
  ) {
    this.state = previewState(wb);
    const host: UiHost = {
      menu: (items, title) => {
        const existing = this.menus.findIndex((m) => m.title === title);
        if (existing >= 0) this.menus.splice(existing, 1);
        this.menus.push({ title, items });
      },
      alert: (title, text) => this.events.push({ kind: 'alert', title, text }),
      ask: (kind, title, text, buttons) => {
        const answer = this.answers.shift();
        if (answer) return { button: answer.button, text: answer.text ?? '' };
        this.asked = { kind, title, text, buttons };
        throw new Ask(this.asked);
      },
      showSidebar: (out) => this.events.push({ kind: 'sidebar', id: this.keep(out), title: out.title }),
      showDialog: (out, title, modal) =>
        this.events.push({ kind: 'dialog', id: this.keep(out), title, width: out.width, height: out.height, modal }),
      toast: (text) => this.events.push({ kind: 'toast', text }),
    };
    this.emulator = new AppsScriptEmulator(this.state);
    this.context = vm.createContext(this.emulator.globals(host, options));
    this.emulator.useRealm(this.context);
    vm.runInContext(readFileSync(join(options.dist, 'Code.js'), 'utf8'), this.context, { filename: 'Code.js' });
    this.runGlobal('onOpen', [{ authMode: 'FULL' }]);
    this.events = [];
  }

  private keep(out: HtmlOutputData): number {
    const id = this.nextHtml++;
    this.html.set(id, { ...out });
    return id;
  }

  /** The HTML of a sidebar or dialog the add-on opened. */
  htmlOutput(id: number): HtmlOutputData | undefined {
    return this.html.get(id);
  }

  private runGlobal(name: string, args: unknown[]): unknown {
    const fn = Object.prototype.hasOwnProperty.call(this.context, name) ? (this.context as Record<string, unknown>)[name] : undefined;
    if (typeof fn !== 'function') throw new Error(`Нет функции ${name} в Code.js`);
    // Each run is an execution of its own: its clock starts at zero.
    this.emulator.beginExecution();
    return (fn as (...a: unknown[]) => unknown)(...args);
  }

  private snapshot() {
    const s = this.state;
    return structuredClone({
      sheets: s.wb.sheets,
      active: s.wb.active,
      selection: s.wb.selection,
      protections: s.wb.protections,
      sizes: s.sizes,
      ids: s.ids,
      properties: s.properties,
    });
  }

  private restore(snap: ReturnType<PreviewSession['snapshot']>): void {
    const s = this.state;
    s.wb.sheets.clear();
    for (const [k, v] of snap.sheets) s.wb.sheets.set(k, v);
    s.wb.active = snap.active;
    s.wb.selection = snap.selection;
    s.wb.protections = snap.protections;
    s.sizes.clear();
    for (const [k, v] of snap.sizes) s.sizes.set(k, v);
    s.ids.clear();
    for (const [k, v] of snap.ids) s.ids.set(k, v);
    for (const key of Object.keys(s.properties)) {
      const store = s.properties[key] as Map<string, string>;
      store.clear();
      for (const [k, v] of snap.properties[key] ?? []) store.set(k, v);
    }
  }

  /** Every handler of every menu the add-on built. */
  menuHandlers(): Set<string> {
    return new Set(this.menus.flatMap((m) => m.items.flatMap((i) => (i === 'separator' ? [] : [i.handler]))));
  }

  /** Runs a menu item's handler with the answers the user gave so far. */
  runMenu(handler: string, answers: Answer[] = []): MenuResult {
    if (!this.menuHandlers().has(handler)) return { kind: 'error', message: `Нет пункта меню с функцией ${handler}`, events: [] };
    const snap = this.snapshot();
    this.answers = [...answers];
    this.asked = null;
    this.events = [];
    try {
      this.runGlobal(handler, [{ authMode: 'FULL' }]);
    } catch (e) {
      if (this.asked) {
        this.restore(snap);
        return { kind: 'question', question: this.asked };
      }
      this.version++;
      // As in Sheets, what the handler did before it failed stays; the message is what Sheets shows.
      return { kind: 'error', message: (e as Error).message, events: this.takeEvents() };
    }
    // A handler that swallowed the stop: its question still has to be answered first.
    if (this.asked) {
      this.restore(snap);
      return { kind: 'question', question: this.asked };
    }
    this.version++;
    return { kind: 'done', events: this.takeEvents() };
  }

  private takeEvents(): UiEvent[] {
    const out = this.events;
    this.events = [];
    return out;
  }

  /** A google.script.run call: plain data in, plain data out, as Apps Script carries it. */
  async call(name: string, args: unknown[]): Promise<{ ok: true; value: unknown } | { ok: false; error: string }> {
    const own = Object.prototype.hasOwnProperty.call(this.context, name);
    // Apps Script runs only top-level functions, and never a private one (a name ending in _).
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name) || !own || typeof (this.context as Record<string, unknown>)[name] !== 'function') {
      return { ok: false, error: `Script function not found: ${name}` };
    }
    this.events = [];
    this.answers = [];
    this.asked = null;
    try {
      const value = await this.runGlobal(name, JSON.parse(JSON.stringify(args ?? [])) as unknown[]);
      return { ok: true, value: serverValue(value) };
    } catch (e) {
      return { ok: false, error: this.asked ? 'Предпросмотр: вопрос из google.script.run не поддерживается' : (e as Error).message };
    } finally {
      this.pending.push(...this.takeEvents());
      this.version++;
    }
  }

  /** Events from google.script.run calls not yet shown. */
  takePending(): UiEvent[] {
    const out = this.pending;
    this.pending = [];
    return out;
  }

  activate(sheet: string): boolean {
    if (!this.wb.sheets.has(sheet)) return false;
    this.wb.active = sheet;
    this.version++;
    return true;
  }

  /** The user clicks a cell (0-based): its tab becomes the active one and the cell the selection. */
  select(sheet: string, row: number, col: number): boolean {
    if (!this.wb.sheets.has(sheet) || !Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0) return false;
    this.wb.active = sheet;
    this.wb.selection = { sheet, row, col };
    this.version++;
    return true;
  }

  /** Tabs in order, the active one, and the view of the one asked for (or the active one). */
  view(sheet?: string): {
    tabs: string[];
    active: string | null;
    sheet: SheetView | null;
    selection: { sheet: string; row: number; col: number } | null;
    user: string | null;
    version: number;
  } {
    const tabs = [...this.wb.sheets.keys()];
    const name = sheet !== undefined && this.wb.sheets.has(sheet) ? sheet : this.wb.active;
    const ids = new Map([...this.state.ids].map(([n, id]) => [id, n]));
    return {
      tabs,
      active: this.wb.active,
      sheet: name !== null && this.wb.sheets.has(name) ? sheetView(this.wb.sheet(name), ids) : null,
      selection: this.wb.selection ? { ...this.wb.selection } : null,
      user: this.wb.user,
      version: this.version,
    };
  }
}
