/**
 * «Создать дорожную карту…»: the district or chosen schools, the period, the blocks; then the proposals
 * per owner with their reasons, ticked and unticked by the methodologist; «Сформировать» writes the tabs,
 * asking first when a tab exists. Everything shown is text (textContent), never HTML.
 */
import type { CreateOutcome, CreateRequest, OwnerProposals, ProposalRequest, RoadmapStart } from '../../actions/roadmap';
import type { RoadmapStartView } from '../../actions/roadmap-endpoints';
import { call, el, offerRecheck, say, searchable } from '../common/run';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

let start: RoadmapStart;
/** The request the proposals shown were made for; «Сформировать» sends it with the ticks. */
let shown: ProposalRequest | null = null;
let owners: OwnerProposals[] = [];

const STATUS_CLASS: Record<string, string> = { ШНОР: 'shnor', 'зона риска': 'risk', норма: 'norm', 'нет данных': 'none' };

function setError(text: string): void {
  say($('error'), text);
}
function setStatus(text: string): void {
  say($('status'), text);
}

const checkedIn = (box: string, selector: string) => document.querySelectorAll(`#${box} ${selector}:checked`).length;

/** The folded lists say how many are ticked. */
function counts(): void {
  const schools = document.querySelectorAll('#schools input[data-login]').length;
  $('schools-title').textContent = `Школы: отмечено ${checkedIn('schools', 'input[data-login]')} из ${schools}`;
  const blocks = Array.from(document.querySelectorAll<HTMLInputElement>('#blocks input[data-block]'));
  const activities = blocks.filter((b) => b.checked).reduce((sum, b) => sum + Number(b.dataset.count ?? 0), 0);
  $('blocks-title').textContent =
    `Блоки: отмечено ${blocks.filter((b) => b.checked).length} из ${blocks.length} (мероприятий: ${activities})`;
  $('ticked').textContent = owners.length > 0 ? `Отмечено мероприятий: ${checkedIn('proposals', 'input[data-code]')}` : '';
}

const mode = (): 'district' | 'schools' => ($<HTMLInputElement>('mode-district').checked ? 'district' : 'schools');

function renderSchools(): void {
  const box = $('schools');
  box.replaceChildren();
  if (start.schools.length === 0) box.append(el('p', 'Школ нет: нет ни листа результатов, ни реестра «Школы».', 'hint'));
  for (const s of start.schools) {
    const label = el('label', undefined, 'check');
    const input = el('input');
    input.type = 'checkbox';
    input.dataset.login = s.login;
    const text = el('span');
    text.append(document.createTextNode(s.name), el('span', s.status, `badge s-${STATUS_CLASS[s.status] ?? 'none'}`));
    if (s.low.length > 0) text.append(el('span', ` ${s.low.join(', ')}`, 'hint'));
    label.append(input, text);
    // ШНСУ is not computed yet: the methodologist marks it, and the proposals bring parents' and psychologists' work.
    const shnsu = el('label', undefined, 'shnsu');
    const mark = el('input');
    mark.type = 'checkbox';
    mark.dataset.shnsu = s.login;
    mark.checked = s.shnsu;
    shnsu.append(mark, document.createTextNode('ШНСУ'));
    shnsu.title =
      'ШНСУ — школа в неблагоприятных социальных условиях: отметьте, чтобы предложить работу с родителями и психологическую поддержку';
    mark.setAttribute('aria-label', `${s.name}: школа в неблагоприятных социальных условиях (ШНСУ)`);
    const row = el('div', undefined, 'school');
    row.dataset.search = `${s.name} ${s.login} ${s.status}`;
    row.append(label, shnsu);
    box.append(row);
  }
  filterSchools();
  counts();
}

let filterSchools = () => {};

function renderBlocks(): void {
  const box = $('blocks');
  box.replaceChildren();
  const district = mode() === 'district';
  for (const b of start.blocks) {
    if (district && b.district === 0) continue;
    const label = el('label', undefined, 'check');
    const input = el('input');
    input.type = 'checkbox';
    input.checked = true;
    input.dataset.block = b.name;
    // Each activity once: the district's for the district, the ones a school takes part in for schools.
    const n = district ? b.district : b.school;
    input.dataset.count = String(n);
    label.append(input, el('span', `${b.name} (${n})`));
    box.append(label);
  }
  $('blocks-hint').textContent = district
    ? 'В скобках — мероприятий справочника для района.'
    : 'В скобках — мероприятий справочника, в которых участвует школа; мероприятия района предлагаются школе, когда отвечают её нуждам.';
  counts();
}

function renderYears(): void {
  const select = $<HTMLSelectElement>('year');
  select.replaceChildren();
  for (const y of start.years) {
    const option = new Option(`${y.label} учебный год`, y.period.from);
    option.selected = y.period.from === start.period.from;
    select.append(option);
  }
  select.append(new Option('Другой период…', 'custom'));
  $<HTMLInputElement>('from').value = start.period.from;
  $<HTMLInputElement>('to').value = start.period.to;
}

function period(): { from: string; to: string } {
  const v = $<HTMLSelectElement>('year').value;
  if (v === 'custom') return { from: $<HTMLInputElement>('from').value, to: $<HTMLInputElement>('to').value };
  const y = start.years.find((x) => x.period.from === v);
  return y ? y.period : start.period;
}

function request(): ProposalRequest | string {
  const blocks = Array.from(document.querySelectorAll<HTMLInputElement>('#blocks input:checked')).map((i) => i.dataset.block ?? '');
  if (blocks.length === 0) return 'Отметьте хотя бы один блок.';
  const p = period();
  if (!p.from || !p.to) return 'Укажите даты начала и окончания периода.';
  const sheet = $<HTMLSelectElement>('sheet').value || undefined;
  if (mode() === 'district') return { owner: 'district', period: p, blocks, sheet };
  const schools = Array.from(document.querySelectorAll<HTMLInputElement>('#schools input[data-login]:checked')).map(
    (i) => i.dataset.login ?? '',
  );
  if (schools.length === 0) return 'Отметьте хотя бы одну школу.';
  const shnsu = Array.from(document.querySelectorAll<HTMLInputElement>('#schools input[data-shnsu]:checked')).map(
    (i) => i.dataset.shnsu ?? '',
  );
  return { owner: 'schools', schools, period: p, blocks, sheet, shnsu };
}

function renderProposals(): void {
  const box = $('proposals');
  box.replaceChildren();
  // One owner's proposals are open; several are folded, each saying how many are ticked.
  for (const o of owners) {
    const card = el('details', undefined, 'card owner');
    card.open = owners.length === 1;
    card.dataset.owner = o.owner;
    const title = el('summary');
    title.append(el('h2', o.ownerName), el('span', '', 'hint owner-count'));
    card.append(title);
    card.append(el('p', `Лист «${o.sheet}»${o.exists ? ' уже есть: при формировании будет обновлён' : ''}`, 'hint'));
    if (o.problem) card.append(el('p', o.problem, 'warn'));
    for (const line of o.profile) card.append(el('p', line, 'hint'));
    let block = '';
    let blockNumber = 0;
    for (const item of o.items) {
      if (item.block !== block) {
        block = item.block;
        blockNumber++;
        card.append(el('p', `${blockNumber}. ${block}`, 'block-title'));
      }
      const wrap = el('div', undefined, 'item');
      const label = el('label', undefined, 'check');
      const input = el('input');
      input.type = 'checkbox';
      input.checked = item.selected;
      input.dataset.owner = o.owner;
      input.dataset.code = item.code;
      label.append(input, el('span', item.activity));
      wrap.append(label);
      for (const r of item.reasons) wrap.append(el('p', r, 'reason'));
      const meta = [
        item.term && `Сроки: ${item.term}`,
        item.responsible && `Отв.: ${item.responsible}`,
        item.level === 'район' ? 'районное' : '',
      ]
        .filter(Boolean)
        .join(' · ');
      if (meta) wrap.append(el('p', meta, 'meta'));
      card.append(wrap);
    }
    if (o.items.length === 0) card.append(el('p', 'В выбранных блоках мероприятий нет.', 'hint'));
    box.append(card);
  }
  ownerCounts();
  // Once there are proposals, «Сформировать» is the button; «Показать предложения» again after a change.
  $('generate').hidden = owners.length === 0;
  $('propose').classList.toggle('primary', owners.length === 0);
  $('open-tabs').hidden = true;
  counts();
}

function ownerCounts(): void {
  for (const card of Array.from(document.querySelectorAll<HTMLElement>('#proposals .owner'))) {
    const all = card.querySelectorAll('input[data-code]').length;
    const ticked = card.querySelectorAll('input[data-code]:checked').length;
    (card.querySelector('.owner-count') as HTMLElement).textContent = `отмечено ${ticked} из ${all}`;
  }
}

async function propose(event: Event): Promise<void> {
  event.preventDefault();
  setError('');
  setStatus('');
  $('confirm').hidden = true;
  $('generate-stale').hidden = true;
  const req = request();
  if (typeof req === 'string') {
    setError(req);
    return;
  }
  const button = $<HTMLButtonElement>('propose');
  button.disabled = true;
  try {
    const out = await call<{ owners: OwnerProposals[]; notes: string[] } | { error: string }>('apiRoadmapProposals', req);
    if ('error' in out) {
      setError(out.error);
      return;
    }
    shown = req;
    owners = out.owners;
    renderProposals();
    $('proposals').scrollIntoView({ block: 'start' });
  } catch (e) {
    setError(`Не удалось получить предложения: ${(e as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

function ticks(): Record<string, string[]> {
  const selected: Record<string, string[]> = {};
  for (const o of owners) selected[o.owner] = [];
  for (const input of Array.from(document.querySelectorAll<HTMLInputElement>('#proposals input[data-code]:checked'))) {
    (selected[input.dataset.owner ?? ''] ??= []).push(input.dataset.code ?? '');
  }
  return selected;
}

/** What a run stopped for time left to do: the same request again, with the tabs already written. */
let pending: { confirmed: boolean; done: string[]; stale: 'ask' | 'warn' } | null = null;
/** What «Обновить» beside «Дорожная карта уже есть» sends: the choice made about changed data, if any. */
let confirmStale: 'ask' | 'warn' = 'ask';

/**
 * «Сформировать» sends `stale` 'ask': when the results or the criteria changed since the last check (the
 * warning the panel opened with was passed by, or they changed while it was open), nothing is written and
 * the question comes back beside the button — «Проверить заново и продолжить» ('recheck': the check, then
 * the roadmaps, in one call) or «Продолжить по текущим данным» ('warn'). «Обновить» and «Продолжить» keep
 * that choice; after the check the data agree, so they ask again only if the data change once more.
 */
async function generate(confirmed: boolean, done?: string[], stale: 'ask' | 'warn' | 'recheck' = 'ask'): Promise<void> {
  if (!shown) return;
  setError('');
  setStatus('');
  $('more').hidden = true;
  $('generate-stale').hidden = true;
  pending = null;
  const req: CreateRequest = { ...shown, selected: ticks(), confirmed, stale, ...(done ? { done } : {}) };
  const goOn = stale === 'warn' ? 'warn' : 'ask';
  const buttons = ['generate', 'confirm-yes', 'more-yes'].map((id) => $<HTMLButtonElement>(id));
  for (const b of buttons) b.disabled = true;
  try {
    if (stale === 'recheck') setStatus('Проверяю школы заново, затем формирую…');
    const out = await call<CreateOutcome>('apiCreateRoadmaps', req);
    setStatus('');
    // Checked again: the warning the panel opened with no longer holds.
    if (stale === 'recheck' && out.kind !== 'failed' && out.kind !== 'stale') $('stale').hidden = true;
    if (out.kind === 'stale') {
      $('confirm').hidden = true;
      offerRecheck(
        $('generate-stale'),
        `${owners.length === 1 ? 'Дорожная карта не сформирована' : 'Дорожные карты не сформированы'}. Внимание: ${out.message}`,
        (choice) => void generate(confirmed, done, choice),
      );
    } else if (out.kind === 'confirm') {
      $('confirm-text').textContent = out.message;
      $('confirm').hidden = false;
      confirmStale = goOn;
    } else if (out.kind === 'failed') {
      $('confirm').hidden = true;
      setError(out.message);
    } else if (out.kind === 'partial') {
      $('confirm').hidden = true;
      $('more-text').textContent = out.message;
      $('more').hidden = false;
      pending = { confirmed, done: out.done, stale: goOn };
    } else {
      $('confirm').hidden = true;
      setStatus(out.message);
      showOpenTabs(out.sheets);
      for (const o of owners) o.exists = true;
    }
  } catch (e) {
    setError(`Не удалось сформировать: ${(e as Error).message}`);
  } finally {
    for (const b of buttons) b.disabled = false;
  }
}

/** Beside «Дорожная карта готова»: a button per new tab that brings it to the front. */
function showOpenTabs(sheets: readonly string[]): void {
  const box = $('open-tabs');
  box.replaceChildren(
    ...sheets.slice(0, 10).map((sheet) => {
      const b = el('button', `Открыть «${sheet}»`, 'link open-tab');
      b.type = 'button';
      b.addEventListener('click', () => {
        call<boolean>('apiShowSheet', sheet)
          .then((ok) => {
            if (!ok) setError(`Вкладки «${sheet}» нет: её переименовали или удалили.`);
          })
          .catch((e: unknown) => setError(`Не удалось открыть вкладку: ${(e as Error).message}`));
      });
      return b;
    }),
  );
  box.hidden = sheets.length === 0;
  box.scrollIntoView({ block: 'nearest' });
}

function showMode(): void {
  $('schools-box').hidden = mode() === 'district';
  renderBlocks();
  owners = [];
  shown = null;
  renderProposals();
}

/** `stale` 'recheck': the schools are checked again before the panel reads their statuses. */
async function load(sheet?: string, stale?: 'recheck'): Promise<void> {
  $('stale').hidden = true;
  let view: RoadmapStartView;
  try {
    if (stale) $('stale-status').textContent = 'Проверяю школы заново…';
    view = await call<RoadmapStartView>('apiRoadmapStart', sheet ?? null, stale ?? null);
  } catch (e) {
    setError(`Не удалось загрузить: ${(e as Error).message}`);
    return;
  } finally {
    $('stale-status').textContent = '';
  }
  if (view.kind === 'failed') {
    setError(view.message);
    return;
  }
  start = view;
  // The statuses differ from the last check: said at the top, with the offer to check again.
  if (start.stale)
    offerRecheck($('stale'), `Статусы школ: ${start.stale}`, (choice) => {
      if (choice === 'recheck') void load(sheet, 'recheck');
    });
  else if (stale) $('stale-status').textContent = start.notes[0] ?? '';
  const notes = $('notes');
  notes.replaceChildren(...start.notes.map((n) => el('p', n)));
  $('notes-box').hidden = start.notes.length === 0;
  $('notes-title').textContent = `Что учтено: ${start.notes.length}`;
  const select = $<HTMLSelectElement>('sheet');
  select.replaceChildren();
  const sheets = start.candidates.length > 0 ? start.candidates : start.resultSheet ? [start.resultSheet] : [];
  if (start.candidates.length > 0) select.append(new Option('— выберите —', ''));
  for (const s of sheets) select.append(new Option(s, s, false, s === start.resultSheet || s === sheet));
  $('sheet-box').hidden = sheets.length < 2 && start.candidates.length === 0;
  renderSchools();
  renderYears();
  renderBlocks();
}

function init(): void {
  $('form').addEventListener('submit', (e) => void propose(e));
  for (const id of ['mode-district', 'mode-schools']) $(id).addEventListener('change', showMode);
  $('year').addEventListener('change', () => {
    $('custom').hidden = $<HTMLSelectElement>('year').value !== 'custom';
  });
  $('sheet').addEventListener('change', () => void load($<HTMLSelectElement>('sheet').value || undefined));
  $('blocks-all').addEventListener('click', () => {
    for (const i of Array.from(document.querySelectorAll<HTMLInputElement>('#blocks input'))) i.checked = true;
    counts();
  });
  $('blocks-none').addEventListener('click', () => {
    for (const i of Array.from(document.querySelectorAll<HTMLInputElement>('#blocks input'))) i.checked = false;
    counts();
  });
  $('generate').addEventListener('click', () => void generate(false));
  filterSchools = searchable(
    $<HTMLInputElement>('school-filter'),
    () => Array.from(document.querySelectorAll<HTMLElement>('#schools .school')),
    $('schools-shown'),
  );
  $('form').addEventListener('change', counts);
  $('proposals').addEventListener('change', () => {
    ownerCounts();
    counts();
  });
  $('confirm-yes').addEventListener('click', () => void generate(true, undefined, confirmStale));
  $('more-yes').addEventListener('click', () => {
    if (pending) void generate(pending.confirmed, pending.done, pending.stale);
  });
  $('confirm-no').addEventListener('click', () => {
    $('confirm').hidden = true;
    setStatus('Ничего не изменено.');
  });
  void load();
}

init();
