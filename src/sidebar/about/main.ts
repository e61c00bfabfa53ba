import type { PresetSummary } from '../../actions/endpoints';
import { call, el } from '../common/run';

async function load(): Promise<void> {
  const box = document.getElementById('presets') as HTMLElement;
  const error = document.getElementById('error') as HTMLElement;
  try {
    const presets = await call<PresetSummary[]>('apiListPresets');
    box.replaceChildren(
      ...presets.map((p) => {
        const card = el('div', undefined, 'card');
        card.append(el('strong', p.name), el('p', p.description, 'muted'));
        card.dataset.preset = p.id;
        return card;
      }),
    );
  } catch (e) {
    box.replaceChildren();
    error.textContent = `Не удалось загрузить наборы критериев: ${(e as Error).message}`;
  }
}

void load();
