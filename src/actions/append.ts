/**
 * Appending and editing rows of a shared tab by key — the read-modify-write every such change is:
 * read the tab, decide, write after the last row (or into the row found). Run under the document lock,
 * many people may do it at once without a row lost or written twice; run again after a failure, it adds
 * nothing twice (a key already there is skipped). The roadmap's activity rows can use the same.
 */
import { type CellValue, normalizeHeader } from '../core/text';
import type { Workbook } from '../workbook/port';

const isBlank = (v: CellValue) => v === null || v === undefined || String(v).trim() === '';
const keyText = (v: CellValue) => normalizeHeader(v);

export interface AppendOutcome {
  /** 0-based row of the first added row (−1 when none was added). */
  row: number;
  added: number;
  /** Rows whose key the tab already held. */
  skipped: number;
}

/**
 * Adds `rows` under `header` (written first when the tab is new or empty) after the tab's last row,
 * skipping rows whose key (column `keyCol`) is already in the tab or repeated. One read, at most one write.
 */
export function appendByKey(wb: Workbook, sheet: string, header: CellValue[], rows: CellValue[][], keyCol = 0): AppendOutcome {
  const exists = wb.sheetNames().includes(sheet);
  const values = exists ? wb.readSheet(sheet).values : [];
  let last = values.length - 1;
  while (last >= 0 && (values[last] ?? []).every(isBlank)) last--;
  const seen = new Set(values.slice(1, last + 1).map((r) => keyText(r[keyCol])));
  const fresh: CellValue[][] = [];
  for (const r of rows) {
    const k = keyText(r[keyCol]);
    if (!k || seen.has(k)) continue;
    seen.add(k);
    fresh.push(r);
  }
  const skipped = rows.length - fresh.length;
  const block = last < 0 ? [header, ...fresh] : fresh;
  if (block.length === 0) return { row: -1, added: 0, skipped };
  if (!exists) wb.ensureSheet(sheet);
  const width = Math.max(...block.map((r) => r.length));
  const at = last + 1;
  wb.writeBlock(
    sheet,
    at,
    0,
    block.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? null)),
  );
  return { row: last < 0 ? at + 1 : at, added: fresh.length, skipped };
}

/** Sets one cell of the row whose key is `key`: one read, one write; false when no row has the key. */
export function updateByKey(wb: Workbook, sheet: string, keyCol: number, key: string, col: number, value: CellValue): boolean {
  const values = wb.readSheet(sheet).values;
  const r = values.findIndex((line, i) => i > 0 && keyText(line[keyCol]) === keyText(key));
  if (r < 0) return false;
  wb.writeBlock(sheet, r, col, [[value]]);
  return true;
}
