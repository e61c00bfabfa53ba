/**
 * «Справочник мероприятий»: the activities of the five programmes, shipped with the add-on, copied into
 * a tab the district edits and extends. Running again adds only the entries the tab lacks (by code):
 * nothing the district changed or added is overwritten.
 */
import { CATALOGUE, SOURCES } from '../core/catalogue';
import { type CellValue, normalizeHeader } from '../core/text';
import type { Workbook } from '../workbook/port';

export const CATALOGUE_SHEET = 'Справочник мероприятий';
export const CATALOGUE_HEADER = [
  'Код',
  'Источник',
  'Пункт',
  'Блок (направление)',
  'Уровень',
  'Мероприятие',
  'Сроки',
  'Ответственные',
  'Ожидаемый результат',
  'Документ, закрепляющий результат',
  'Предметы',
  'Целевые группы',
  'Факторы риска',
];

export function catalogueRows(): CellValue[][] {
  const title = new Map(SOURCES.map((s) => [s.id, s.title]));
  return CATALOGUE.map((a) => [
    a.id,
    title.get(a.source) ?? a.source,
    a.item,
    a.block,
    a.level === 'district' ? 'район' : 'школа',
    a.activity,
    a.term,
    a.responsible,
    a.result,
    a.document,
    a.subjects.join('; '),
    a.targets.join('; '),
    a.risks.join('; '),
  ]);
}

export function writeCatalogue(wb: Workbook): { added: number; kept: number; message: string } {
  const { created } = wb.ensureSheet(CATALOGUE_SHEET);
  const existing = created ? [] : wb.readSheet(CATALOGUE_SHEET).values;
  const rows = catalogueRows();
  if (existing.length === 0) {
    wb.writeBlock(CATALOGUE_SHEET, 0, 0, [CATALOGUE_HEADER, ...rows]);
    wb.setFontWeights(CATALOGUE_SHEET, 0, 0, [CATALOGUE_HEADER.map(() => 'bold')]);
    wb.freeze(CATALOGUE_SHEET, 1, 1);
    wb.setColumnWidths(CATALOGUE_SHEET, 0, [170, 170, 50, 220, 70, 420, 140, 180, 260, 200, 120, 140, 200]);
    return { added: rows.length, kept: 0, message: `На лист «${CATALOGUE_SHEET}» записано мероприятий: ${rows.length}.` };
  }
  const codeCol = (existing[0] ?? []).findIndex((v) => normalizeHeader(v) === 'код');
  const have = new Set(existing.slice(1).map((r) => String(r[codeCol < 0 ? 0 : codeCol] ?? '').trim()));
  const missing = rows.filter((r) => !have.has(String(r[0])));
  if (missing.length > 0) wb.writeBlock(CATALOGUE_SHEET, existing.length, 0, missing);
  const kept = existing.length - 1;
  return {
    added: missing.length,
    kept,
    message:
      missing.length > 0
        ? `В «${CATALOGUE_SHEET}» добавлено недостающих мероприятий: ${missing.length}; строки района (${kept}) не изменены.`
        : `«${CATALOGUE_SHEET}»: все мероприятия программ уже есть; строки района (${kept}) не изменены.`,
  };
}
