/** The «Сравнить критерии…» sidebar: two sets of criteria, one button, the schools that differ and why. */
import type { CompareChoices, CompareView } from '../../actions/compare';
import { call, el, offerRecheck, say } from '../common/run';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
let choices: CompareChoices;

function describe(which: 'a' | 'b'): void {
  const id = $<HTMLSelectElement>(which).value;
  $(`${which}-desc`).textContent = choices.choices.find((c) => c.id === id)?.description ?? '';
}

function show(view: CompareView): void {
  const result = $('result');
  $('status').textContent = '';
  if (view.kind === 'choose') {
    const box = $('sheet-box');
    const select = $<HTMLSelectElement>('sheet');
    select.replaceChildren(...view.candidates.map((c) => new Option(c, c)));
    box.hidden = false;
    say($('error'), view.message);
    result.hidden = true;
    return;
  }
  if (view.kind === 'failed') {
    say($('error'), view.message);
    result.hidden = true;
    return;
  }
  if (view.kind === 'stale') {
    // Nothing is written yet: the person chooses to check the schools again first, or to go on.
    offerRecheck($('stale'), `Внимание: ${view.message}`, (stale) => void compare(stale));
    return;
  }
  say($('status'), view.message);
  $('summary').textContent = `A — ${view.a}; B — ${view.b}.`;
  $('differing-title').textContent =
    view.differing.length === 0 ? 'Статусы всех школ совпадают.' : `Различаются (${view.differing.length}):`;
  $('differing').replaceChildren(
    ...view.differing.map((d) => {
      const li = el('li');
      li.dataset.login = d.login;
      const change = el('p', `A: ${d.a} → B: ${d.b} (${d.difference}; ${d.cause})`, 'change');
      if (d.difference === 'только по A') change.classList.add('only-a');
      if (d.difference === 'только по B') change.classList.add('only-b');
      li.append(el('strong', d.login ? `${d.name} (${d.login})` : d.name), change, el('p', d.why, 'muted small'));
      return li;
    }),
  );
  result.hidden = false;
}

async function run(event: Event): Promise<void> {
  event.preventDefault();
  await compare('ask');
}

/** `stale`: 'ask' first; then what the person chose beside the warning that the data changed. */
async function compare(stale: 'ask' | 'warn' | 'recheck'): Promise<void> {
  $('status').textContent = '';
  $('error').textContent = '';
  $('stale').hidden = true;
  const a = $<HTMLSelectElement>('a').value;
  const b = $<HTMLSelectElement>('b').value;
  if (a === b) {
    say($('error'), 'Выберите два разных набора критериев.');
    return;
  }
  const sheet = $('sheet-box').hidden ? '' : $<HTMLSelectElement>('sheet').value;
  const button = $<HTMLButtonElement>('run');
  button.disabled = true;
  try {
    $('status').textContent = stale === 'recheck' ? 'Проверяю школы заново, затем сравниваю…' : '';
    show(await call<CompareView>('apiCompareCriteria', a, b, sheet, stale));
  } catch (e) {
    say($('error'), `Не удалось сравнить: ${(e as Error).message}`);
  } finally {
    button.disabled = false;
  }
}

async function load(): Promise<void> {
  try {
    choices = await call<CompareChoices>('apiCompareChoices');
  } catch (e) {
    $('error').textContent = `Не удалось загрузить наборы критериев: ${(e as Error).message}`;
    return;
  }
  for (const which of ['a', 'b'] as const) {
    const select = $<HTMLSelectElement>(which);
    for (const c of choices.choices) select.append(new Option(c.name, c.id));
    select.value = which === 'a' ? choices.a : choices.b;
    select.addEventListener('change', () => describe(which));
    describe(which);
  }
  if (choices.problems.length > 0) $('error').textContent = `На листе настроек есть ошибки: ${choices.problems.join(' ')}`;
  $('form').addEventListener('submit', (e) => void run(e));
}

void load();
