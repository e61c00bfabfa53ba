/**
 * The preview page in the browser: a Sheets-like window with the add-on's menu under «Расширения», the
 * workbook's tabs drawn as a grid, the 300-px sidebar panel and dialogs. Bundled by the preview server
 * with esbuild; talks to it with fetch. Everything shown is set with textContent.
 */
import type { Answer, MenuEntry, MenuResult, Question, UiEvent } from './session';
import type { CellView, ChartView, SheetView } from './view';

interface State {
  title: string;
  menus: Array<{ title: string; items: MenuEntry[] }>;
  tabs: string[];
  active: string | null;
  sheet: SheetView | null;
  selection: { sheet: string; row: number; col: number } | null;
  user: string | null;
  version: number;
  pending: UiEvent[];
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

async function post<T>(url: string, body: unknown): Promise<T> {
  const r = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  return (await r.json()) as T;
}

let state: State | null = null;
let busy = false;

async function refresh(): Promise<void> {
  const r = await fetch('/api/state');
  state = (await r.json()) as State;
  render();
  if (state.pending.length > 0) await showEvents(state.pending);
}

// ----- the menu bar --------------------------------------------------------------------------------

const GREY_MENUS = ['Файл', 'Правка', 'Вид', 'Вставка', 'Формат', 'Данные', 'Инструменты'];

function closeMenus(): void {
  document.querySelectorAll('.menu-open').forEach((n) => n.classList.remove('menu-open'));
}

function renderMenuBar(): void {
  const bar = $('menubar');
  bar.replaceChildren();
  for (const name of GREY_MENUS) bar.append(el('span', name, 'menubar-item disabled'));
  const ext = el('div', undefined, 'menubar-item menu-root');
  ext.id = 'menu-extensions';
  const label = el('span', 'Расширения', 'menu-label');
  ext.append(label);
  const drop = el('div', undefined, 'menu-drop');
  for (const menu of state?.menus ?? []) {
    const entry = el('div', undefined, 'menu-entry has-sub');
    entry.setAttribute('role', 'menuitem');
    entry.append(el('span', menu.title), el('span', '▸', 'menu-arrow'));
    const sub = el('div', undefined, 'menu-drop sub');
    sub.setAttribute('role', 'menu');
    sub.setAttribute('aria-label', menu.title);
    for (const item of menu.items) {
      if (item === 'separator') {
        sub.append(el('div', undefined, 'menu-sep'));
        continue;
      }
      const it = el('div', item.title, 'menu-entry');
      it.setAttribute('role', 'menuitem');
      it.dataset.handler = item.handler;
      it.addEventListener('click', (e) => {
        e.stopPropagation();
        closeMenus();
        void runMenu(item.handler);
      });
      sub.append(it);
    }
    entry.append(sub);
    entry.addEventListener('click', (e) => {
      e.stopPropagation();
      entry.classList.add('menu-open');
    });
    entry.addEventListener('mouseenter', () => entry.classList.add('menu-open'));
    drop.append(entry);
  }
  drop.append(el('div', undefined, 'menu-sep'), el('div', 'Apps Script', 'menu-entry disabled'));
  ext.append(drop);
  label.addEventListener('click', (e) => {
    e.stopPropagation();
    const open = ext.classList.contains('menu-open');
    closeMenus();
    if (!open) ext.classList.add('menu-open');
  });
  bar.append(ext, el('span', 'Справка', 'menubar-item disabled'));
}

document.addEventListener('click', closeMenus);

// ----- running menu items, questions and messages ------------------------------------------------

async function runMenu(handler: string): Promise<void> {
  if (busy) return;
  busy = true;
  $('status').textContent = 'Выполняется сценарий…';
  const answers: Answer[] = [];
  try {
    for (;;) {
      const result = await post<MenuResult>('/api/menu', { handler, answers });
      if (result.kind === 'question') {
        answers.push(await ask(result.question));
        continue;
      }
      $('status').textContent = '';
      await refresh();
      if (result.kind === 'error') await message('Ошибка', result.message);
      await showEvents(result.events);
      break;
    }
  } finally {
    $('status').textContent = '';
    busy = false;
  }
}

const BUTTON_SETS: Record<string, Array<[string, string]>> = {
  OK: [['OK', 'ОК']],
  OK_CANCEL: [
    ['CANCEL', 'Отмена'],
    ['OK', 'ОК'],
  ],
  YES_NO: [
    ['NO', 'Нет'],
    ['YES', 'Да'],
  ],
  YES_NO_CANCEL: [
    ['CANCEL', 'Отмена'],
    ['NO', 'Нет'],
    ['YES', 'Да'],
  ],
};

/**
 * A modal like Sheets' alert and prompt: title, text, an input for a prompt, the buttons of the set (their
 * labels in Russian, as Sheets shows a ButtonSet in the user's language), and the «×» every such dialog
 * has in its title bar, which answers Button.CLOSE (REF/base/button#CLOSE), as Escape does.
 */
function modal(title: string, text: string, buttons: Array<[string, string]>, input: boolean): Promise<Answer> {
  return new Promise((resolve) => {
    const overlay = el('div', undefined, 'overlay');
    const box = el('div', undefined, 'dialog');
    box.setAttribute('role', 'dialog');
    box.setAttribute('aria-label', title || 'ШНОР');
    const head = el('div', undefined, 'dialog-head');
    const close = el('button', '×', 'close');
    close.setAttribute('aria-label', 'Закрыть');
    close.dataset.button = 'CLOSE';
    head.append(el('div', title || 'ШНОР', 'dialog-title'), close);
    box.append(head, el('div', text, 'dialog-text'));
    const field = el('input', undefined, 'dialog-input');
    if (input) box.append(field);
    const row = el('div', undefined, 'dialog-buttons');
    const finish = (button: string) => {
      overlay.remove();
      resolve({ button, text: field.value });
    };
    close.addEventListener('click', () => finish('CLOSE'));
    box.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') finish('CLOSE');
    });
    buttons.forEach(([id, label], i) => {
      const b = el('button', label, i === buttons.length - 1 ? 'primary' : '');
      b.dataset.button = id;
      b.addEventListener('click', () => finish(id));
      row.append(b);
    });
    field.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') finish(buttons[buttons.length - 1]?.[0] ?? 'OK');
    });
    box.append(row);
    overlay.append(box);
    document.body.append(overlay);
    (input ? field : (row.lastElementChild as HTMLElement)).focus();
  });
}

function ask(q: Question): Promise<Answer> {
  return modal(q.title, q.text, BUTTON_SETS[q.buttons] ?? BUTTON_SETS.OK!, q.kind === 'prompt');
}

async function message(title: string, text: string): Promise<void> {
  await modal(title, text, BUTTON_SETS.OK!, false);
}

/** As in Sheets, a new toast replaces the one shown. */
function toast(text: string): void {
  const t = el('div', text, 'toast');
  $('toasts').replaceChildren(t);
  setTimeout(() => t.remove(), 5000);
}

async function showEvents(events: UiEvent[]): Promise<void> {
  for (const e of events) {
    if (e.kind === 'toast') toast(e.text);
    else if (e.kind === 'alert') await message(e.title, e.text);
    else if (e.kind === 'sidebar') openSidebar(e.id, e.title);
    else openDialog(e.id, e.title, e.width, e.height);
  }
}

function openSidebar(id: number, title: string): void {
  const panel = $('sidebar');
  panel.hidden = false;
  $('sidebar-title').textContent = title;
  const frame = $<HTMLIFrameElement>('sidebar-frame');
  frame.src = `/html/${id}`;
}

function closeSidebar(): void {
  $('sidebar').hidden = true;
  $<HTMLIFrameElement>('sidebar-frame').src = 'about:blank';
}

function openDialog(id: number, title: string, width: number | null, height: number | null): void {
  const overlay = el('div', undefined, 'overlay');
  const box = el('div', undefined, 'dialog html-dialog');
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-label', title);
  const head = el('div', undefined, 'dialog-head');
  const close = el('button', '×', 'close');
  close.setAttribute('aria-label', 'Закрыть');
  close.addEventListener('click', () => overlay.remove());
  head.append(el('div', title, 'dialog-title'), close);
  const frame = el('iframe');
  frame.src = `/html/${id}`;
  frame.style.width = `${width ?? 600}px`;
  frame.style.height = `${height ?? 400}px`;
  box.append(head, frame);
  overlay.append(box);
  document.body.append(overlay);
}

window.addEventListener('message', (e: MessageEvent<{ shnor?: string }>) => {
  if (e.data?.shnor === 'changed') void refresh();
  if (e.data?.shnor === 'close') {
    const sidebarFrame = $<HTMLIFrameElement>('sidebar-frame');
    if (e.source === sidebarFrame.contentWindow) closeSidebar();
    document.querySelectorAll<HTMLIFrameElement>('.html-dialog iframe').forEach((f) => {
      if (e.source === f.contentWindow) f.closest('.overlay')?.remove();
    });
  }
});

// ----- the grid and the tabs ----------------------------------------------------------------------

function columnName(c: number): string {
  let s = '';
  for (let n = c + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}

/**
 * A cell as Sheets draws it. Wrapped text breaks at the column's (or the merge's) edge and its row grows
 * to fit, as Sheets fits rows to wrapped text; unwrapped text stays on one line (line breaks of its own
 * still count) and overflows into the empty cells to its right (`room` is the width it may take), or is
 * cut at the next cell that holds something.
 */
function renderCell(td: HTMLTableCellElement, v: CellView | null, room: number): void {
  if (!v) return;
  if (room > 0 && !v.num && !v.link && !v.wrap && !v.t.includes('\n')) {
    const span = el('span', v.t, 'spill');
    span.style.width = `${room - 6}px`;
    td.classList.add('spills');
    td.append(span);
  } else td.textContent = v.t;
  if (v.bg) td.style.background = v.bg;
  if (v.fc) td.style.color = v.fc;
  if (v.b) td.style.fontWeight = 'bold';
  if (v.num) td.classList.add('num');
  if (v.wrap) td.classList.add('wrap');
  // Line breaks inside a cell make the row taller, as in Sheets.
  else if (v.t.includes('\n')) td.classList.add('lines');
  if (v.note) {
    td.title = v.note;
    td.classList.add('has-note');
  }
  if (v.dv) td.classList.add(`dv-${v.dv}`);
  if (v.spark !== undefined) {
    // SPARKLINE: its line over the cell, stretched to the cell as Sheets stretches it.
    const ns = 'http://www.w3.org/2000/svg';
    const svg = document.createElementNS(ns, 'svg');
    svg.setAttribute('viewBox', '0 0 100 24');
    svg.setAttribute('preserveAspectRatio', 'none');
    svg.classList.add('spark');
    const path = document.createElementNS(ns, 'path');
    path.setAttribute('d', v.spark);
    svg.append(path);
    td.append(svg);
  }
  if (v.link) {
    const link = v.link;
    td.textContent = '';
    const a = el('a', v.t);
    a.href = '#';
    a.addEventListener('click', (e) => {
      e.preventDefault();
      e.stopPropagation();
      void activate(link.sheet, link.row);
    });
    td.append(a);
  }
}

function renderChart(chart: ChartView): HTMLElement {
  const box = el('figure', undefined, 'chart');
  box.append(el('figcaption', chart.title));
  const max = Math.max(1, ...chart.values.flat().map((v) => v ?? 0));
  const colors = ['#4285f4', '#ea4335', '#fbbc04', '#34a853'];
  const plot = el('div', undefined, 'chart-plot');
  chart.categories.forEach((cat, i) => {
    const group = el('div', undefined, 'chart-group');
    const bars = el('div', undefined, 'chart-bars');
    chart.series.forEach((s, j) => {
      const v = chart.values[i]?.[j] ?? null;
      const bar = el('div', undefined, 'chart-bar');
      bar.style.height = `${v === null ? 0 : Math.round((v / max) * 140)}px`;
      bar.style.background = colors[j % colors.length] as string;
      bar.title = `${s}, ${cat}: ${v === null ? 'нет данных' : String(v).replace('.', ',')}`;
      bars.append(bar);
    });
    group.append(bars, el('div', cat, 'chart-cat'));
    plot.append(group);
  });
  const legend = el('div', undefined, 'chart-legend');
  chart.series.forEach((s, j) => {
    const key = el('span', s);
    key.style.borderLeft = `12px solid ${colors[j % colors.length]}`;
    legend.append(key);
  });
  box.append(plot, legend);
  return box;
}

/** Where each tab was scrolled to, as Sheets keeps it per tab. */
const scrolls = new Map<string, { left: number; top: number }>();

/** Width of the row numbers' column. */
const ROW_HEAD = 46;

function renderGrid(sheet: SheetView): void {
  const area = $('sheet');
  const shown = area.querySelector<HTMLElement>('table.grid')?.dataset.sheet;
  if (shown !== undefined) scrolls.set(shown, { left: area.scrollLeft, top: area.scrollTop });
  const hidden = new Set(sheet.hidden);
  const columns = Array.from({ length: sheet.cols }, (_, c) => c).filter((c) => !hidden.has(c));
  const width = (c: number) => (hidden.has(c) ? 0 : (sheet.widths[c] ?? 100));
  // Frozen columns stay at the left while the sheet scrolls: each at the sum of the widths before it.
  const left: number[] = [];
  for (let c = 0, x = ROW_HEAD; c < sheet.frozen.cols; c++) {
    left[c] = x;
    x += width(c);
  }
  const table = el('table', undefined, 'grid');
  table.dataset.sheet = sheet.name;
  table.style.width = `${ROW_HEAD + columns.reduce((a, c) => a + width(c), 0)}px`;
  const colgroup = el('colgroup');
  const rowHead = el('col');
  rowHead.style.width = `${ROW_HEAD}px`;
  colgroup.append(rowHead);
  for (const c of columns) {
    const col = el('col');
    col.style.width = `${width(c)}px`;
    colgroup.append(col);
  }
  table.append(colgroup);
  const head = el('tr', undefined, 'col-heads');
  head.append(el('th', '', 'corner'));
  for (const c of columns) {
    const th = el('th', columnName(c));
    if (c < sheet.frozen.cols) {
      th.classList.add('frozen-col');
      th.style.left = `${left[c]}px`;
    }
    if (c === sheet.frozen.cols - 1) th.classList.add('frozen-right');
    head.append(th);
  }
  table.append(el('thead'));
  table.tHead?.append(head);
  const covered = new Set<string>();
  const spans = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges) {
    // A merge over hidden columns spans only the ones drawn.
    let cols = 0;
    for (let c = m.col; c < m.col + m.cols; c++) if (!hidden.has(c)) cols++;
    spans.set(`${m.row}:${m.col}`, { rows: m.rows, cols: Math.max(1, cols) });
    for (let r = m.row; r < m.row + m.rows; r++)
      for (let c = m.col; c < m.col + m.cols; c++) if (r !== m.row || c !== m.col) covered.add(`${r}:${c}`);
  }
  const body = el('tbody');
  const frozenRows: HTMLTableRowElement[] = [];
  for (let r = 0; r < sheet.rows; r++) {
    const tr = el('tr');
    tr.dataset.row = String(r + 1);
    const th = el('th', String(r + 1), 'row-head');
    tr.append(th);
    if (r < sheet.frozen.rows) {
      tr.classList.add('frozen-row');
      frozenRows.push(tr);
    }
    if (r === sheet.frozen.rows - 1) th.classList.add('frozen-bottom');
    for (const c of columns) {
      if (covered.has(`${r}:${c}`)) continue;
      const td = el('td');
      const span = spans.get(`${r}:${c}`);
      if (span) {
        td.rowSpan = span.rows;
        td.colSpan = span.cols;
      }
      const lastRow = r + (span?.rows ?? 1) - 1;
      if (lastRow === sheet.frozen.rows - 1) td.classList.add('frozen-bottom');
      if (c === sheet.frozen.cols - 1) td.classList.add('frozen-right');
      if (c < sheet.frozen.cols) {
        td.classList.add('frozen-col');
        td.style.left = `${left[c]}px`;
      }
      const cell = sheet.cells[r]?.[c] ?? null;
      let room = 0;
      if (cell && !span && cell.t !== '') {
        // Overflow stops at the next cell with text in it (a fill or a dropdown alone does not stop it, as in
        // Sheets), at a merged cell, and at the frozen columns' edge.
        const edge = c < sheet.frozen.cols ? sheet.frozen.cols : sheet.cols;
        let next = c + 1;
        while (next < edge && !sheet.cells[r]?.[next]?.t && !covered.has(`${r}:${next}`) && !spans.has(`${r}:${next}`)) next++;
        if (next > c + 1) for (let k = c; k < next; k++) room += width(k);
      }
      renderCell(td, cell, room);
      td.dataset.col = String(c);
      if (state?.selection?.sheet === sheet.name && state.selection.row === r && state.selection.col === c) td.classList.add('selected');
      td.addEventListener('click', () => void select(sheet.name, r, c, td));
      tr.append(td);
    }
    body.append(tr);
  }
  table.append(body);
  area.replaceChildren(table);
  // Frozen rows stay under the column letters: each at the height of what is above it, known once laid out.
  for (const tr of frozenRows) for (const cell of tr.cells) cell.style.top = `${tr.offsetTop}px`;
  if (sheet.truncated) area.append(el('p', 'Показана только часть листа.', 'note'));
  for (const chart of sheet.charts) {
    if (!chart.svg) {
      area.append(renderChart(chart));
      continue;
    }
    // A drawn chart floats over the grid at its anchor cell, as in Sheets.
    const box = el('div', undefined, 'chart-float');
    box.innerHTML = chart.svg;
    const tr = table.tBodies[0]?.rows[chart.anchor.row];
    let x = ROW_HEAD;
    for (const c of columns) if (c < chart.anchor.col) x += width(c);
    box.style.top = `${table.offsetTop + (tr?.offsetTop ?? table.offsetHeight)}px`;
    box.style.left = `${table.offsetLeft + x}px`;
    box.title = chart.title;
    area.append(box);
  }
  // The same tab keeps its place when redrawn; another tab opens where it was left (at first, top left).
  const at = shown === sheet.name ? scrolls.get(sheet.name) : (scrolls.get(sheet.name) ?? { left: 0, top: 0 });
  if (at) {
    area.scrollLeft = at.left;
    area.scrollTop = at.top;
  }
}

/** Scrolls the tab strip so that a tab is in view (not the page: scrollIntoView would move it too). */
function revealTab(tab: HTMLElement): void {
  const strip = $('tabs');
  const from = tab.offsetLeft - strip.offsetLeft;
  if (from < strip.scrollLeft) strip.scrollLeft = from;
  else if (from + tab.offsetWidth > strip.scrollLeft + strip.clientWidth) strip.scrollLeft = from + tab.offsetWidth - strip.clientWidth;
}

/** The arrows at the strip's right end show when tabs go past its edge, and grey out at each end. */
function updateTabArrows(): void {
  const strip = $('tabs');
  const over = strip.scrollWidth > strip.clientWidth + 1;
  $('tab-arrows').hidden = !over;
  $<HTMLButtonElement>('tabs-left').disabled = strip.scrollLeft <= 0;
  $<HTMLButtonElement>('tabs-right').disabled = strip.scrollLeft + strip.clientWidth >= strip.scrollWidth - 1;
}

/** The tab last scrolled into view: the strip moves to the active tab when it changes, not on every redraw. */
let revealed: string | null = null;

function renderTabs(): void {
  const strip = $('tabs');
  const keep = strip.scrollLeft;
  strip.replaceChildren();
  let active: HTMLElement | null = null;
  for (const name of state?.tabs ?? []) {
    const tab = el('button', name, name === state?.active ? 'tab active' : 'tab');
    tab.setAttribute('role', 'tab');
    tab.setAttribute('aria-selected', String(name === state?.active));
    tab.addEventListener('click', () => void activate(name));
    strip.append(tab);
    if (name === state?.active) active = tab;
  }
  strip.scrollLeft = keep;
  if (active && state?.active !== revealed) revealTab(active);
  revealed = state?.active ?? null;
  updateTabArrows();
}

/** «Все листы» (≡), as in Sheets: every tab in a list; a click opens it. */
function toggleTabList(): void {
  const list = $('tab-list');
  if (!list.hidden) {
    list.hidden = true;
    return;
  }
  list.replaceChildren();
  for (const name of state?.tabs ?? []) {
    const item = el('div', name, name === state?.active ? 'menu-entry current' : 'menu-entry');
    item.setAttribute('role', 'menuitem');
    item.addEventListener('click', (e) => {
      e.stopPropagation();
      list.hidden = true;
      void activate(name);
    });
    list.append(item);
  }
  list.hidden = false;
}

/** A click on a cell selects it, as in Sheets: «Изменить мероприятие…» then works on its row. */
async function select(sheet: string, row: number, col: number, td: HTMLElement): Promise<void> {
  document.querySelectorAll('#sheet td.selected').forEach((n) => n.classList.remove('selected'));
  td.classList.add('selected');
  if (state) state.selection = { sheet, row, col };
  await post('/api/select', { sheet, row, col });
}

async function activate(sheet: string, row?: number): Promise<void> {
  await post('/api/activate', { sheet });
  await refresh();
  if (row !== undefined) {
    const tr = document.querySelector<HTMLElement>(`#sheet tr[data-row="${row + 1}"]`);
    tr?.scrollIntoView({ block: 'center' });
    tr?.classList.add('flash');
  }
}

function render(): void {
  if (!state) return;
  document.title = `${state.title} — предпросмотр ШНОР`;
  $('doc-title').textContent = state.title;
  $('user').textContent = state.user ? `${state.user} — владелец книги` : '';
  renderMenuBar();
  renderTabs();
  if (state.sheet) renderGrid(state.sheet);
  else $('sheet').replaceChildren(el('p', 'В книге нет листов.', 'note'));
  document.body.dataset.version = String(state.version);
}

$('sidebar-close').addEventListener('click', closeSidebar);
$('tabs').addEventListener('scroll', updateTabArrows);
// A mouse wheel over the strip moves it sideways.
$('tabs').addEventListener(
  'wheel',
  (e) => {
    if (e.deltaY === 0) return;
    e.preventDefault();
    $('tabs').scrollLeft += e.deltaY;
  },
  { passive: false },
);
$('tabs-left').addEventListener('click', () => $('tabs').scrollBy({ left: -200 }));
$('tabs-right').addEventListener('click', () => $('tabs').scrollBy({ left: 200 }));
$('tab-list-button').addEventListener('click', (e) => {
  e.stopPropagation();
  toggleTabList();
});
document.addEventListener('click', () => ($('tab-list').hidden = true));
window.addEventListener('resize', updateTabArrows);
void refresh();
