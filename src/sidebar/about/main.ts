import type { AboutView } from '../../actions/about';
import type { PresetSummary } from '../../actions/endpoints';
import { call, el } from '../common/run';

const $ = (id: string) => document.getElementById(id) as HTMLElement;

async function about(): Promise<void> {
  try {
    const view = await call<AboutView>('apiAbout');
    $('version').textContent = `Версия ${view.version}`;
    $('settings').replaceChildren(...view.settings.flatMap(([label, value]) => [el('dt', label), el('dd', value)]));
    $('criteria').textContent = view.criteria;
    $('problems').textContent = view.problems.length > 0 ? `В настройках ошибки:\n${view.problems.join('\n')}` : '';
  } catch (e) {
    $('settings').replaceChildren();
    $('error').textContent = `Не удалось прочитать настройки: ${(e as Error).message}`;
  }
}

async function presets(): Promise<void> {
  const box = $('presets');
  try {
    const list = await call<PresetSummary[]>('apiListPresets');
    $('presets-title').textContent = `Наборы критериев: ${list.length}`;
    box.replaceChildren(
      ...list.map((p) => {
        const card = el('div', undefined, 'card');
        card.append(el('strong', p.name), el('p', p.description, 'muted small'));
        card.dataset.preset = p.id;
        return card;
      }),
    );
  } catch (e) {
    box.replaceChildren();
    $('error').textContent = `Не удалось загрузить наборы критериев: ${(e as Error).message}`;
  }
}

void about();
void presets();
