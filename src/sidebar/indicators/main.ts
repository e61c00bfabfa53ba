/**
 * The «Построить вкладку показателей» dialog: the templates as radio buttons with a line about each, the
 * computed set chosen; «Построить» builds the tab through apiBuildIndicators, «Отмена» closes.
 */
import type { BuildIndicatorsResult, TemplateChoices } from '../../actions/indicator-templates';
import { call, el, offerRecheck } from '../common/run';

declare const google: { script: { host: { close(): void } } };
declare global {
  interface Window {
    shnorData?: TemplateChoices;
  }
}

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function render(choices: TemplateChoices): void {
  $('templates').replaceChildren(
    ...choices.templates.map((t) => {
      const label = el('label', undefined, 'choice');
      const radio = el('input');
      radio.type = 'radio';
      radio.name = 'template';
      radio.value = t.id;
      radio.checked = t.id === choices.chosen;
      const text = el('span');
      text.append(el('strong', t.name), el('span', t.description, 'muted'));
      label.append(radio, text);
      return label;
    }),
  );
}

async function build(event: Event): Promise<void> {
  event.preventDefault();
  await buildWith('ask');
}

/** `stale`: 'ask' first; then what the person chose beside the warning that the data changed since the check. */
async function buildWith(stale: 'ask' | 'warn' | 'recheck'): Promise<void> {
  $('status').textContent = '';
  $('error').textContent = '';
  $('stale').hidden = true;
  const chosen = document.querySelector<HTMLInputElement>('input[name="template"]:checked');
  if (!chosen) {
    $('error').textContent = 'Выберите шаблон.';
    return;
  }
  const button = $<HTMLButtonElement>('build');
  button.disabled = true;
  $('status').textContent = stale === 'recheck' ? 'Проверяю школы заново, затем строю вкладку показателей…' : 'Строю вкладку показателей…';
  try {
    const result = await call<BuildIndicatorsResult>('apiBuildIndicators', chosen.value, stale);
    $('status').textContent = result.ok ? result.message : '';
    if (result.stale) offerRecheck($('stale'), `Внимание: ${result.message}`, (s) => void buildWith(s));
    $('error').textContent = result.ok || result.stale ? '' : result.message;
    if (result.ok) {
      $('form').hidden = true;
      $('after').hidden = false;
      $('close').focus();
    }
  } catch (e) {
    $('status').textContent = '';
    $('error').textContent = `Не удалось построить вкладку: ${(e as Error).message}`;
  } finally {
    button.disabled = false;
  }
}

const close = () => google.script.host.close();

const data = window.shnorData;
if (data) render(data);
else $('error').textContent = 'Не удалось получить список шаблонов: закройте окно и выберите пункт меню ещё раз.';
$('form').addEventListener('submit', (e) => void build(e));
$('cancel').addEventListener('click', close);
$('close').addEventListener('click', close);
document.querySelector<HTMLInputElement>('input[name="template"]:checked')?.focus();
