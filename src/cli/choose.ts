/** Which sheet of an input holds the results. */
import { CATALOGUE_SHEET } from '../actions/catalogue';
import { findResultTable, type Grid, type ResultTable } from '../core/results';

/** The add-on's own tabs: never taken for the results unless named. */
const OWN_TABS =
  /^(ШНОР|ДК |Показатели|Аналитическая справка|Настройки ШНОР|Сравнение|Журнал изменений|Школы$|Результаты участников$|Задания$|Шкалы отметок ВПР$)/;

export function isOwnTab(sheet: string): boolean {
  return OWN_TABS.test(sheet) || sheet === CATALOGUE_SHEET;
}

/** The result table: `--sheet`, else the sheet the book's settings name, else the only candidate. */
export function chooseTable(
  grids: readonly Grid[],
  sheet: string | undefined,
  preferred: string | undefined,
  parse?: (grid: Grid) => ResultTable,
): ResultTable {
  return findResultTable(grids, sheet, { preferred, skip: isOwnTab, parse });
}
