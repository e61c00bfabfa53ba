/** The settings sidebar: choose a preset, change parameters, save into «Настройки ШНОР». */
import type { SettingsView } from '../../actions/endpoints';
import type { SaveResult, SettingsForm } from '../../actions/settings';
import { call, el } from '../common/run';

type Form = Record<string, string>;
let view: SettingsView;

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;

function render(form: Form): void {
  const box = $('fields');
  box.replaceChildren();
  for (const f of view.fields) {
    if (f.key === 'preset') continue;
    if (f.section) box.append(el('h2', f.section));
    const wrap = el('div');
    wrap.dataset.field = f.key;
    const id = `f-${f.key.replace(/\./g, '-')}`;
    if (f.kind === 'bool') {
      const label = el('label', undefined, 'check');
      const input = el('input');
      input.type = 'checkbox';
      input.id = id;
      input.name = f.key;
      input.checked = (form[f.key] ?? '') === 'да';
      label.append(input, document.createTextNode(f.label));
      wrap.append(label);
    } else if (f.kind === 'combine' || f.kind === 'choice') {
      const label = el('label', f.label);
      label.htmlFor = id;
      const select = el('select');
      select.id = id;
      select.name = f.key;
      for (const v of f.kind === 'combine' ? ['или', 'и'] : (f.options ?? [])) select.append(new Option(v, v, false, form[f.key] === v));
      wrap.append(label, select);
    } else {
      const label = el('label', f.label);
      label.htmlFor = id;
      const input = el('input');
      input.type = 'text';
      input.id = id;
      input.name = f.key;
      input.value = form[f.key] ?? '';
      if (f.kind === 'number' || f.kind === 'integer' || f.kind === 'year') input.inputMode = 'decimal';
      wrap.append(label, input);
    }
    wrap.append(el('p', f.hint, 'hint'), el('p', '', 'field-error'));
    box.append(wrap);
  }
  const preset = view.presets.find((p) => p.id === form.preset);
  // The preset in the words of the check and the справка (one text for all three), then where it comes from.
  $('preset-source').textContent = preset
    ? `${preset.description} Источник: ${preset.source}`
    : `${view.customTitle}: параметры заданы районом. Сохранено на листе: ${view.description}`;
}

function readForm(): Form {
  const form: Form = { preset: $<HTMLSelectElement>('preset').value };
  for (const f of view.fields) {
    if (f.key === 'preset') continue;
    const input = document.getElementsByName(f.key)[0] as HTMLInputElement | HTMLSelectElement | undefined;
    if (!input) continue;
    form[f.key] = input instanceof HTMLInputElement && input.type === 'checkbox' ? (input.checked ? 'да' : 'нет') : input.value;
  }
  return form;
}

function showErrors(errors: Record<string, string>): void {
  for (const wrap of Array.from(document.querySelectorAll<HTMLElement>('[data-field]'))) {
    const key = wrap.dataset.field ?? '';
    const message = errors[key] ?? '';
    (wrap.querySelector('.field-error') as HTMLElement).textContent = message;
    // The field itself is outlined, whatever its kind, as in the activity form.
    for (const input of Array.from(wrap.querySelectorAll('input, select'))) input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }
  $('error').textContent = errors.rules ?? errors.preset ?? '';
}

/** Brings the first field with an error into view and puts the cursor in it. */
function focusFirstError(errors: Record<string, string>): void {
  const wrap = Array.from(document.querySelectorAll<HTMLElement>('[data-field]')).find((w) => errors[w.dataset.field ?? '']);
  const target = wrap?.querySelector<HTMLElement>('input, select') ?? (errors.preset ? $('preset') : null);
  if (!target) return;
  target.scrollIntoView({ block: 'center' });
  target.focus({ preventScroll: true });
}

/** Checks that need no server: numbers are numbers. The server checks everything again. */
function localErrors(form: Form): Record<string, string> {
  const errors: Record<string, string> = {};
  const num = (v: string | undefined) =>
    Number(
      String(v ?? '')
        .replace(',', '.')
        .trim(),
    );
  const t = num(form.threshold);
  if (!(String(form.threshold ?? '').trim() !== '' && Number.isFinite(t) && t > 0 && t <= 100)) {
    errors.threshold = 'Порог должен быть числом больше 0 и не больше 100 (процент участников с «2»).';
  }
  return errors;
}

async function save(event: Event): Promise<void> {
  event.preventDefault();
  const form = readForm();
  $('status').textContent = '';
  const local = localErrors(form);
  showErrors(local);
  if (Object.keys(local).length > 0) {
    $('error').textContent = 'Настройки не сохранены: исправьте отмеченные поля.';
    focusFirstError(local);
    return;
  }
  const button = $<HTMLButtonElement>('save');
  button.disabled = true;
  try {
    const result = await call<SaveResult>('apiSaveSettings', form as Partial<SettingsForm>);
    showErrors(result.errors);
    if (result.ok) {
      // What the tab now holds, read back: a preset changed by hand is «Свой набор района», numbers with a comma.
      if (result.form) {
        view.form = result.form;
        view.description = result.description ?? view.description;
        $<HTMLSelectElement>('preset').value = result.form.preset;
        render(result.form);
      }
      $('status').textContent = result.message;
      $('warning').textContent = (result.warnings ?? []).join(' ');
    } else {
      $('error').textContent = result.message;
      focusFirstError(result.errors);
    }
  } catch (e) {
    $('error').textContent = `Не удалось сохранить: ${(e as Error).message}`;
  } finally {
    button.disabled = false;
  }
}

function choosePreset(): void {
  const id = $<HTMLSelectElement>('preset').value;
  const preset = view.presets.find((p) => p.id === id);
  const current = readForm();
  if (preset) {
    // A preset sets the criteria only; the result sheet, dynamics, ШНСУ and objectivity stay as typed.
    const criteria = Object.fromEntries(
      view.fields.filter((f) => f.criteria !== false).map((f) => [f.key, (preset.form as Form)[f.key] ?? '']),
    );
    render({ ...current, ...criteria, preset: id });
  } else render({ ...current, preset: id });
  showErrors({});
}

async function load(): Promise<void> {
  try {
    view = await call<SettingsView>('apiGetSettings');
  } catch (e) {
    $('error').textContent = `Не удалось загрузить настройки: ${(e as Error).message}`;
    return;
  }
  const select = $<HTMLSelectElement>('preset');
  for (const p of view.presets) select.append(new Option(p.name, p.id));
  select.append(new Option(view.customTitle, 'custom'));
  select.value = view.form.preset;
  render(view.form);
  if (view.problems.length > 0) $('error').textContent = `На листе настроек есть ошибки: ${view.problems.join(' ')}`;
  $('warning').textContent = view.warnings.join(' ');
  select.addEventListener('change', choosePreset);
  $('form').addEventListener('submit', (e) => void save(e));
}

void load();
