/** The whole state of an in-memory workbook as plain data, for «nothing changed» comparisons. */
import type { MemoryWorkbook } from '../../src/workbook/memory';

const cells = (grid: unknown[][]) =>
  grid.flatMap((row, r) => (row ?? []).flatMap((v, c) => (v === null || v === undefined || v === '' ? [] : [[r, c, v]])));

export function memoryState(wb: MemoryWorkbook): unknown {
  return JSON.parse(
    JSON.stringify({
      sheets: [...wb.sheets.values()].map((s) => ({
        ...s,
        values: cells(s.values),
        formulas: cells(s.formulas),
        backgrounds: cells(s.backgrounds),
        weights: cells(s.weights),
        notes: cells(s.notes),
        numberFormats: [...s.numberFormats],
        widths: [...s.widths],
      })),
      protections: wb.protections,
    }),
  );
}

/** Port methods that change the workbook (every other one only reads). */
export const WRITES = [
  'ensureSheet',
  'clearSheet',
  'writeBlock',
  'writeFormulas',
  'clearBlock',
  'setBackgrounds',
  'setFontWeights',
  'setNumberFormat',
  'setNotes',
  'setValidation',
  'setColumnWidths',
  'freeze',
  'replaceConditionalRules',
  'replaceChart',
  'replaceCharts',
  'appendRows',
  'replaceProtections',
];

export const writeCalls = (wb: MemoryWorkbook) => Object.fromEntries([...wb.calls].filter(([k]) => WRITES.includes(k)));
