/**
 * Results changed after the check, on the sample district (sample/district.xlsx, «Результаты»: a title row,
 * then the procedures «ВПр МА 5 2026»… in row 2 over two columns each, «" % 2"» and «% Выс. рез-тов» in row
 * 3): «СОШ № 7» (sch771007), зона риска at the check, gets 45 % of «2» in ВПР МА 5 and МА 6 of 2026 — as
 * when a corrected ФИС ОКО report is pasted over — and so is a ШНОР by the current data, not by «ШНОР: итоги».
 */
import type { CellValue } from '../../src/core/text';

export const NEW_SHNOR = 'sch771007';
export const NEW_SHNOR_NAME = 'МБОУ «СОШ № 7»';

/** Changes the sheet's values in place: the two shares of «2» of sch771007. */
export function worsenSchool7(values: CellValue[][]): void {
  const header = (values[1] ?? []).map(String);
  const row = values.find((r) => r.includes(NEW_SHNOR));
  if (!row) throw new Error(`${NEW_SHNOR} нет на листе`);
  for (const procedure of ['ВПр МА 5 2026', 'ВПР Мат 6 2026']) {
    const col = header.indexOf(procedure);
    if (col < 0) throw new Error(`Нет столбца «${procedure}»`);
    row[col] = 45;
  }
}

/** A school's status in the values of «ШНОР: итоги» (its columns «Статус» and «Логин»). */
export function checkedStatus(summary: readonly (readonly CellValue[])[], login: string): CellValue | undefined {
  const header = summary.find((r) => r.includes('Логин')) ?? [];
  return summary.find((r) => r[header.indexOf('Логин')] === login)?.[header.indexOf('Статус')];
}
