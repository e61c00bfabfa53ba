/**
 * The activity form: add an activity to the roadmaps of the chosen schools (and/or the district), or
 * edit the roadmap row selected in the sheet. The same checks as the server run here as the user types;
 * the server checks again and has the last word. Everything shown is text (textContent, Option, value).
 */
import type { ActivityOriginal, ActivitySaveResult, ActivityView, LoadedActivity, LoadResult, Suggestion } from '../../actions/activity';
import type { ActivityField, ActivityForm } from '../../core/activity';
import { maskDateInput, readDateInput } from '../../core/date-input';
import { call, el, say } from '../common/run';
import { localErrors, localWarnings } from './check';

const DISTRICT_OWNER = 'район';
const TERM_HINT = 'Если даты не указаны, они берутся из сроков, когда это возможно.';

const OWN_BLOCK = '\u0000own';
const TEXT_FIELDS = ['activity', 'term', 'start', 'end', 'responsible', 'result', 'document', 'mark'] as const;
const DATE_FIELDS = ['start', 'end'] as const;
/** Fields a catalogue suggestion fills. */
const FILLED = ['term', 'responsible', 'result', 'document'] as const;

interface PageData {
  mode?: 'add' | 'edit';
  target?: { sheet: string; row: number };
}

let view: ActivityView;
let original: ActivityOriginal | null = null;
let termTimer: ReturnType<typeof setTimeout> | undefined;
/** What a suggestion put into a field: overwritten by the next suggestion, a person's text is not. */
const autoFilled: Partial<Record<(typeof FILLED)[number], string>> = {};
const touched = new Set<ActivityField>();
let submitted = false;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const input = (id: string) => $<HTMLInputElement | HTMLTextAreaElement>(id);

/** The summary under the form's fields is this one while the fields themselves hold the errors. */
const FIX_FIELDS = 'Мероприятие не сохранено: исправьте отмеченные поля.';

function showError(message: string): void {
  say($('error'), message);
  if (message) $('status-line').textContent = '';
}

// ---------------------------------------------------------------------------------------------------
// Filling the lists

function fillSelect(select: HTMLSelectElement, options: Array<{ value: string; label: string }>): void {
  select.replaceChildren(...options.map((o) => new Option(o.label, o.value)));
}

function fillDatalist(list: HTMLElement, values: string[]): void {
  list.replaceChildren(
    ...values.map((v) => {
      const option = document.createElement('option');
      option.value = v;
      return option;
    }),
  );
}

function fillBlocks(blocks: string[], keep = blockValue()): void {
  const select = $<HTMLSelectElement>('block-select');
  fillSelect(select, [
    { value: '', label: '— выберите блок —' },
    ...blocks.map((b) => ({ value: b, label: b })),
    { value: OWN_BLOCK, label: 'Свой блок…' },
  ]);
  setBlock(keep);
}

function blockValue(): string {
  const select = $<HTMLSelectElement>('block-select');
  return select.value === OWN_BLOCK ? input('block').value : select.value;
}

function setBlock(block: string): void {
  const select = $<HTMLSelectElement>('block-select');
  const known = Array.from(select.options).some((o) => o.value === block && block !== '');
  select.value = known ? block : block ? OWN_BLOCK : '';
  input('block').value = known ? '' : block;
  input('block').hidden = select.value !== OWN_BLOCK;
}

function schoolRow(value: string, name: string, login: string, district = false): HTMLElement {
  const label = el('label', undefined, district ? 'district' : undefined);
  const box = el('input');
  box.type = 'checkbox';
  box.name = 'school';
  box.value = value;
  const text = el('span');
  text.append(document.createTextNode(name));
  if (login) text.append(document.createTextNode(' '), el('span', login, 'login'));
  label.dataset.search = `${name} ${login}`.toLowerCase();
  label.append(box, text);
  return label;
}

function fillSchools(): void {
  const list = $('school-list');
  list.replaceChildren(
    schoolRow(DISTRICT_OWNER, 'район — муниципальная дорожная карта', '', true),
    ...view.schools.map((s) => schoolRow(s.login, s.name, s.login)),
  );
  countSchools();
}

function chosenSchools(): string[] {
  return Array.from(document.querySelectorAll<HTMLInputElement>('input[name=school]:checked')).map((b) => b.value);
}

function countSchools(): void {
  const n = chosenSchools().length;
  $('school-count').textContent = n === 0 ? 'Ничего не выбрано.' : `Выбрано: ${n}.`;
}

function filterSchools(): void {
  const q = input('school-filter').value.trim().toLowerCase();
  for (const label of Array.from(document.querySelectorAll<HTMLElement>('#school-list label'))) {
    label.hidden = q !== '' && !(label.dataset.search ?? '').includes(q);
  }
}

// ---------------------------------------------------------------------------------------------------
// The form

function readForm(): ActivityForm {
  const form = {
    block: blockValue(),
    schools: original ? [] : chosenSchools(),
    period: $<HTMLSelectElement>('period').value,
    status: $<HTMLSelectElement>('status').value,
  } as ActivityForm;
  for (const f of TEXT_FIELDS) form[f] = input(f).value;
  // A date typed as дд.мм.гггг goes to the server as ISO; text that is no date yet goes as typed, and the
  // server says of it what the form says.
  for (const f of DATE_FIELDS) {
    const reading = readDateInput(form[f]);
    if ('iso' in reading) form[f] = reading.iso ?? '';
  }
  return form;
}

/** An ISO day (or дд.мм.гггг) as the field shows it; '' for what is no date. */
function dateText(value: string): string {
  const reading = readDateInput(value ?? '');
  return 'iso' in reading && reading.iso ? `${reading.iso.slice(8, 10)}.${reading.iso.slice(5, 7)}.${reading.iso.slice(0, 4)}` : '';
}

function writeForm(form: ActivityForm): void {
  setBlock(form.block);
  for (const f of TEXT_FIELDS) input(f).value = form[f] ?? '';
  for (const f of DATE_FIELDS) input(f).value = dateText(form[f]);
  const period = $<HTMLSelectElement>('period');
  if (form.period && !Array.from(period.options).some((o) => o.value === form.period)) period.append(new Option(form.period, form.period));
  if (form.period) period.value = form.period;
  $<HTMLSelectElement>('status').value = form.status;
  for (const box of Array.from(document.querySelectorAll<HTMLInputElement>('input[name=school]')))
    box.checked = form.schools.includes(box.value);
  countSchools();
}

function show(
  errors: Partial<Record<ActivityField, string>>,
  warnings: Partial<Record<ActivityField, string>>,
  only?: Set<ActivityField>,
): void {
  for (const wrap of Array.from(document.querySelectorAll<HTMLElement>('[data-field]'))) {
    const key = wrap.dataset.field as ActivityField;
    if (only && !only.has(key)) continue;
    const message = errors[key] ?? '';
    (wrap.querySelector('.field-error') as HTMLElement).textContent = message;
    const warning = wrap.querySelector('.field-warning');
    if (warning) warning.textContent = message ? '' : (warnings[key] ?? '');
    for (const control of Array.from(
      wrap.querySelectorAll('input:not([type=checkbox]):not([type=search]), select, textarea, .checklist'),
    )) {
      control.setAttribute('aria-invalid', message ? 'true' : 'false');
    }
  }
}

function localCheck(): Partial<Record<ActivityField, string>> {
  return localErrors(readForm(), {
    edit: original !== null,
    limits: view.limits,
    statuses: view.statuses,
  });
}

/** Instant feedback: the fields the user has touched, or all of them after a save was tried. */
function recheck(field?: ActivityField): void {
  if (field) touched.add(field);
  const errors = localCheck();
  show(errors, localWarnings(readForm()), submitted ? undefined : touched);
  // The summary goes once the fields it points to are fixed.
  if (Object.keys(errors).length === 0 && $('error').textContent === FIX_FIELDS) showError('');
}

/**
 * What the server reads from «Сроки» when no dates are given, shown in place of the field's hint (the
 * same place, so the form does not jump under the pointer).
 */
function setTermHint(note: string): void {
  const hint = $('term-hint');
  hint.textContent = note || TERM_HINT;
  hint.classList.toggle('note', note !== '');
}

function scheduleTermDates(): void {
  if (termTimer) clearTimeout(termTimer);
  termTimer = setTimeout(() => void termDates(), 300);
}

async function termDates(): Promise<void> {
  const term = input('term').value.trim();
  if (!term || input('start').value || input('end').value) {
    setTermHint('');
    return;
  }
  try {
    const reading = await call<{ message: string }>('apiTermDates', term, $<HTMLSelectElement>('period').value);
    // Only while the term is still what was asked about.
    if (input('term').value.trim() === term) setTermHint(reading.message);
  } catch (e) {
    setTermHint('');
    showError(`Не удалось прочитать сроки: ${(e as Error).message}`);
  }
}

function suggestionFor(activity: string): Suggestion | undefined {
  const t = activity.trim();
  return t ? view.suggestions.find((s) => s.activity === t) : undefined;
}

/** Picking a catalogue activity fills block, term, responsible, result and document — not what a person typed. */
function pickSuggestion(): void {
  const s = suggestionFor(input('activity').value);
  if (!s) return;
  if (!original || !blockValue()) setBlock(s.block);
  for (const f of FILLED) {
    const current = input(f).value;
    if (current === '' || current === autoFilled[f]) {
      input(f).value = s[f];
      autoFilled[f] = s[f];
    }
  }
  recheck('activity');
}

/** The section headings of the tabs the row will go to join the block list. */
async function refreshBlocks(): Promise<void> {
  if (original) return;
  const schools = chosenSchools();
  if (schools.length === 0) return;
  try {
    const blocks = await call<string[]>('apiRoadmapBlocks', schools, $<HTMLSelectElement>('period').value);
    const known = Array.from($<HTMLSelectElement>('block-select').options).map((o) => o.value);
    const fresh = blocks.filter((b) => !known.includes(b));
    if (fresh.length > 0) fillBlocks([...fresh, ...known.filter((b) => b !== '' && b !== OWN_BLOCK)]);
  } catch (e) {
    showError(`Не удалось прочитать блоки дорожной карты: ${(e as Error).message}`);
  }
}

// ---------------------------------------------------------------------------------------------------
// Modes

function enterEdit(loaded: LoadedActivity): void {
  original = loaded.original;
  $('title').textContent = 'Изменить мероприятие';
  const where = $('where');
  where.hidden = false;
  where.textContent = `Лист «${loaded.original.sheet}», строка ${loaded.original.row}${loaded.number ? `, № ${loaded.number}` : ''} · ${loaded.owner}${loaded.periodLabel ? `, ${loaded.periodLabel}` : ''}`;
  $('schools-field').hidden = true;
  $<HTMLSelectElement>('period').disabled = true;
  $('save').textContent = 'Сохранить изменения';
  $('new').hidden = false;
  fillBlocks(view.blocks, loaded.form.block);
  writeForm(loaded.form);
  const warnings: Partial<Record<ActivityField, string>> = {};
  for (const f of ['start', 'end'] as const) {
    if (loaded.form[f] && input(f).value === '') warnings[f] = `В ячейке «${loaded.form[f]}» — не дата; поле оставлено пустым.`;
  }
  touched.clear();
  submitted = false;
  setTermHint('');
  show({}, warnings);
}

function enterAdd(keep?: ActivityForm): void {
  original = null;
  $('title').textContent = 'Добавить мероприятие';
  $('where').hidden = true;
  $('schools-field').hidden = false;
  $<HTMLSelectElement>('period').disabled = false;
  $('save').textContent = 'Добавить';
  $('new').hidden = true;
  for (const f of TEXT_FIELDS) input(f).value = '';
  for (const f of FILLED) delete autoFilled[f];
  $<HTMLSelectElement>('status').value = view.statuses[0] ?? '';
  if (keep) {
    // Ready for the next one: the same schools, period and block.
    setBlock(keep.block);
    $<HTMLSelectElement>('period').value = keep.period;
  } else {
    setBlock('');
    $<HTMLSelectElement>('period').value = view.defaultPeriod;
    for (const box of Array.from(document.querySelectorAll<HTMLInputElement>('input[name=school]'))) box.checked = false;
    countSchools();
  }
  touched.clear();
  submitted = false;
  setTermHint('');
  show({}, {});
}

async function fromSelection(): Promise<void> {
  showError('');
  const button = $<HTMLButtonElement>('from-selection');
  button.disabled = true;
  try {
    const result = await call<LoadResult>('apiActivityFromSelection');
    if (result.ok) enterEdit(result.loaded);
    else showError(result.message);
  } catch (e) {
    showError(`Не удалось загрузить строку: ${(e as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

async function save(event: Event): Promise<void> {
  event.preventDefault();
  submitted = true;
  $('status-line').textContent = '';
  showError('');
  const form = readForm();
  const local = localCheck();
  show(local, {});
  if (Object.keys(local).length > 0) {
    showError(FIX_FIELDS);
    return;
  }
  const button = $<HTMLButtonElement>('save');
  button.disabled = true;
  try {
    const result = await call<ActivitySaveResult>('apiSaveActivity', { ...form, original });
    show(result.errors, result.warnings);
    if (!result.ok) {
      showError(result.message);
      return;
    }
    if (original) {
      original = result.original ?? original;
      say($('status-line'), result.message);
    } else {
      // The form is emptied for the next activity: what was said about this one goes with the message.
      enterAdd(form);
      say($('status-line'), [result.message, ...Object.values(result.warnings)].join(' '));
      input('activity').focus();
    }
  } catch (e) {
    showError(`Не удалось сохранить: ${(e as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

function wire(): void {
  $('form').addEventListener('submit', (e) => void save(e));
  $('from-selection').addEventListener('click', () => void fromSelection());
  $('new').addEventListener('click', () => {
    $('status-line').textContent = '';
    showError('');
    fillBlocks(view.blocks, '');
    enterAdd();
  });
  input('school-filter').addEventListener('input', filterSchools);
  $('school-list').addEventListener('change', () => {
    countSchools();
    recheck('schools');
    void refreshBlocks();
  });
  $('period').addEventListener('change', () => {
    recheck('period');
    scheduleTermDates();
    void refreshBlocks();
  });
  for (const f of ['term', 'start', 'end'] as const) input(f).addEventListener('input', scheduleTermDates);
  $('block-select').addEventListener('change', () => {
    input('block').hidden = $<HTMLSelectElement>('block-select').value !== OWN_BLOCK;
    if (!input('block').hidden) input('block').focus();
    recheck('block');
  });
  // Checked as the user types, not on leaving a field: a message appearing on blur would move the
  // button under the pointer between press and release, and the click would be lost.
  input('block').addEventListener('input', () => recheck('block'));
  input('activity').addEventListener('input', pickSuggestion);
  $('status').addEventListener('change', () => recheck('status'));
  // Dates: digits and dots, the dots put in as the day and month are typed (not when deleting).
  for (const f of DATE_FIELDS)
    input(f).addEventListener('input', (e) => {
      if (!(e as InputEvent).inputType?.startsWith('insert')) return;
      const masked = maskDateInput(input(f).value);
      if (masked !== input(f).value) input(f).value = masked;
    });
  for (const f of TEXT_FIELDS) input(f).addEventListener('input', () => recheck(f));
}

async function load(): Promise<void> {
  const data = ((window as unknown as { shnorData?: PageData }).shnorData ?? {}) as PageData;
  try {
    view = await call<ActivityView>('apiActivityForm', data.target ?? null);
  } catch (e) {
    showError(`Не удалось загрузить форму: ${(e as Error).message}`);
    $<HTMLButtonElement>('save').disabled = true;
    return;
  }
  fillSelect($<HTMLSelectElement>('period'), view.periods);
  fillSelect(
    $<HTMLSelectElement>('status'),
    view.statuses.map((s) => ({ value: s, label: s })),
  );
  fillBlocks(view.blocks, '');
  fillDatalist(
    $('activity-list'),
    view.suggestions.map((s) => s.activity),
  );
  fillDatalist($('responsible-list'), view.responsibles);
  fillSchools();
  $('notice').textContent = view.problems.join(' ');
  wire();
  enterAdd();
  if (view.load) {
    if (view.load.ok) enterEdit(view.load.loaded);
    else showError(view.load.message);
  }
  document.body.dataset.ready = 'true';
}

void load();
