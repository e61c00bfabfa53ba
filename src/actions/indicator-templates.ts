/** The templates of the indicators tab as the «Построить вкладку показателей» dialog offers them. */
import { INDICATOR_TEMPLATES } from '../core/indicators';
import { recheckFirst, type Stale } from './analyze';
import { buildIndicators } from './indicators';
import type { Workbook } from '../workbook/port';

export interface TemplateChoice {
  id: string;
  name: string;
  description: string;
}

export interface TemplateChoices {
  templates: TemplateChoice[];
  /** The template chosen unless the person picks another: the indicators the add-on computes itself. */
  chosen: string;
}

export const DEFAULT_TEMPLATE = 'computed';

/** What each template is for, in a sentence; the counts are added from the template itself. */
const ABOUT: Record<string, string> = {
  computed: 'Всё, что надстройка считает сама по листу результатов и реестру «Школы»; планы района вписываете в таблицу.',
  'bezhetsk-2021': 'Показатели программы Бежецкого района: значения базового года и планы берутся из программы.',
  'konakovo-2020': 'Целевые показатели программы Конаковского района, план — 100 %.',
  'novokuznetsk-2020': 'Один показатель программы Новокузнецка: доля ОО с низкими результатами, цель — не более 15 %.',
  empty: 'Только заголовки таблицы: показатели и планы района вписываете сами.',
};

export function templateChoices(): TemplateChoices {
  return {
    templates: INDICATOR_TEMPLATES.map((t) => {
      const computed = t.indicators.filter((i) => i.computed).length;
      const total = t.indicators.length;
      const count =
        total === 0
          ? ''
          : computed === 0
            ? ` Показателей: ${total}, факт вносится вручную.`
            : computed === total
              ? ` Показателей: ${total}, факт рассчитывается по книге.`
              : ` Показателей: ${total}, из них рассчитываемых по книге: ${computed}.`;
      return { id: t.id, name: t.name, description: `${ABOUT[t.id] ?? ''}${count}`.trim() };
    }),
    chosen: DEFAULT_TEMPLATE,
  };
}

export interface BuildIndicatorsResult {
  ok: boolean;
  message: string;
  /** Nothing written: the results or the criteria changed since the last check (the dialog offers the check). */
  stale?: boolean;
}

/** Builds (or refreshes, when it exists by now) the indicators tab from the chosen template. */
export function buildIndicatorsFromTemplate(wb: Workbook, template: string, stale?: Stale): BuildIndicatorsResult {
  const outcome = recheckFirst(
    wb,
    stale,
    (s) => buildIndicators(wb, { template: template || DEFAULT_TEMPLATE, stale: s }),
    (o, line) => (o.kind === 'done' ? { ...o, message: `${line}\n${o.message}` } : o),
  );
  return { ok: outcome.kind === 'done', message: outcome.message, ...(outcome.kind === 'stale' ? { stale: true } : {}) };
}
