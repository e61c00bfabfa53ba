import { beforeAll, describe, expect, it } from 'vitest';
import { computeEffect, EFFECT_SHEET, PROGRESS_COLORS, writeEffect } from '../../src/actions/effect';
import { writeReport } from '../../src/actions/report';
import { formatNumber } from '../../src/core/text';
import { conditionalLook } from '../../src/cli/preview/formula';
import type { Grid } from '../../src/core/results';
import { schoolYear } from '../../src/core/terms';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { roadmapGrid } from '../support/roadmaps';
import { sampleGrids } from '../support/sample';

let sample: Grid[];
beforeAll(async () => {
  sample = await sampleGrids();
});

describe('«Эффективность программы» on the sample district', () => {
  it('lists last year’s ШНОР beside the district, with the share done of the roadmap of the year between, coloured by the rule', () => {
    // The 2025/26 roadmap of СОШ № 5: the support between the 2025 and the 2026 results.
    const map = roadmapGrid({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period: schoolYear(2025) }, [
      {
        block: 'Управление',
        acts: [
          { number: '1.1', activity: 'Анализ ВПР', status: 'выполнено', end: '2025-10-01' },
          { number: '1.2', activity: 'Семинар', status: 'выполнено', end: '2025-12-01' },
          { number: '1.3', activity: 'Выезд', status: 'просрочено', end: '2026-03-01' },
          { number: '1.4', activity: 'Отменённое', status: 'отменено', end: '2026-03-01' },
        ],
      },
    ]);
    const wb = new MemoryWorkbook([...sample, map]);
    const out = writeEffect(wb, { now: new Date('2026-07-01T09:00:00Z') });
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    expect(out.effect.before).toBe(2025);
    expect(out.effect.after).toBe(2026);
    const s = wb.sheet(EFFECT_SHEET);
    expect(String(s.values[1]?.[0])).toMatch(/^Это описание, а не доказательство причины/);
    const header = s.values.findIndex((r) => r[0] === 'ОО');
    const rows = s.values.slice(header + 1).filter((r, i, all) => all.slice(0, i + 1).every((x) => x[1]));
    expect(rows).toHaveLength(out.effect.schools.length);
    const five = rows.find((r) => r[1] === 'sch771005')!;
    // Two done of the three not cancelled.
    expect(five[7]).toBe(66.7);
    // «школа − район» as printed.
    expect(five[6]).toBe(Math.round(((five[4] as number) - (five[5] as number)) * 10) / 10);
    const look = conditionalLook(wb.conditionalRules(EFFECT_SHEET), (r, c) => s.values[r]?.[c] ?? null);
    const at = s.values.indexOf(five);
    expect(look(at, 0).background).toBe(PROGRESS_COLORS[five[3] as string]);
    // Run again with other years: the tab is replaced.
    const again = writeEffect(wb, { before: 2024, after: 2026 });
    expect(again.kind).toBe('done');
    expect(String(wb.sheet(EFFECT_SHEET).values[0]?.[0])).toContain('ШНОР 2024 и 2026 годов');
  });

  it('refuses years the data do not have, in Russian', () => {
    const wb = new MemoryWorkbook(sample);
    const out = writeEffect(wb, { before: 2019, after: 2026 });
    expect(out).toEqual({ kind: 'failed', message: 'На листе «Результаты» нет результатов 2019 года: есть 2024, 2025, 2026.' });
    expect(wb.sheetNames()).not.toContain(EFFECT_SHEET);
  });
});

describe('the справка and the tab tell the same numbers', () => {
  it('the indicators of «Эффективность программы» in the справка are the tab’s', () => {
    const wb = new MemoryWorkbook(sample);
    const report = writeReport(wb, { now: new Date('2026-07-01T09:00:00Z') });
    const effect = computeEffect(wb, { now: new Date('2026-07-01T09:00:00Z') });
    if (report.kind !== 'done' || effect.kind !== 'done') throw new Error('not done');
    const line =
      report.lines.find((l) => l.startsWith('Показатель «доля ШНОР, обучающиеся которых показали более высокие результаты»')) ?? '';
    const [raw, adjusted] = effect.effect.indicators;
    expect(line).toContain(
      `— ${formatNumber(raw!.value!)} % (${raw!.numerator} из ${raw!.denominator}); с поправкой на район — ${formatNumber(adjusted!.value!)} %`,
    );
  });
});
