import { describe, expect, it } from 'vitest';
import { analyze, SUMMARY_HEADER_ROW, SUMMARY_SHEET } from '../../src/actions/analyze';
import { PRINTED_SUMMARY_KEYS } from '../../src/core/summary-columns';
import { writeReport } from '../../src/actions/report';
import { COMBINED_SHEET } from '../../src/core/combine';
import { parsePupilSummaryRows, PUPILS_SHEET } from '../../src/core/pupils-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { pupilDistrict } from '../support/pupil-district';

/** Status, reasons and markers of every school in «ШНОР: итоги» (its printed columns). */
function verdicts(wb: MemoryWorkbook) {
  const out = analyze(wb);
  if (out.kind !== 'done') throw new Error(out.message);
  return {
    schools: out.assessment.verdicts.map((v) => [v.key, v.status, v.ruleTexts, v.low, v.smallSamples]),
    markers: out.beyond.markers.map((m) => [m.key, m.procedure, m.year, m.kind, m.text]),
    summary: wb
      .sheet(SUMMARY_SHEET)
      .values.slice(SUMMARY_HEADER_ROW + 1)
      .map((r) => r.slice(0, PRINTED_SUMMARY_KEYS.length)),
  };
}

describe('Ф1 tabs imported with File → Import', () => {
  const d = pupilDistrict();

  it('give the same ШНОР list, reasons, markers and справка as the aggregated reports of the same pupils', () => {
    const fromReports = new MemoryWorkbook(d.reports);
    const fromPupils = new MemoryWorkbook(d.f1);
    const a = verdicts(fromReports);
    const b = verdicts(fromPupils);
    expect(a.schools.some((s) => s[1] === 'ШНОР')).toBe(true);
    expect(a.markers.length).toBeGreaterThan(0);
    expect(b.schools).toEqual(a.schools);
    expect(b.markers).toEqual(a.markers);
    expect(b.summary).toEqual(a.summary);
    const now = new Date('2026-11-23T10:00:00Z');
    const ra = writeReport(fromReports, { now });
    const rb = writeReport(fromPupils, { now });
    if (ra.kind !== 'done' || rb.kind !== 'done') throw new Error('no справка');
    // Two differences: the aggregate reports carry ФИС ОКО's own rows «по району», «по региону», «по России»,
    // which Ф1 files do not have; the pupils give one section more, tasks and score distributions.
    const cut = (lines: string[], title: RegExp) => {
      const at = lines.findIndex((l) => title.test(l));
      const next = lines.findIndex((l, i) => i > at && /^\d+\. /.test(l));
      return at < 0 ? lines : [...lines.slice(0, at), ...lines.slice(next)];
    };
    const levels = /^\d+\. Сравнение с районом, регионом и Россией$/;
    const tasks = /^\d+\. Выполнение заданий и распределение баллов$/;
    expect(rb.lines.some((l) => levels.test(l))).toBe(false);
    expect(ra.lines.some((l) => levels.test(l))).toBe(true);
    expect(rb.lines.some((l) => tasks.test(l))).toBe(true);
    const unnumbered = (lines: string[]) => lines.map((l) => l.replace(/^\d+\. /, ''));
    expect(unnumbered(cut(rb.lines, tasks))).toEqual(unnumbered(cut(ra.lines, levels)));
  });

  it('writes «Результаты участников» once per school, procedure and year, and replaces it on a re-run', () => {
    const wb = new MemoryWorkbook(d.f1);
    analyze(wb);
    const first = wb.sheet(PUPILS_SHEET).values;
    const back = parsePupilSummaryRows(first);
    expect(back.skipped).toEqual([]);
    expect(back.summaries.length).toBe(16 * 8);
    expect(back.summaries.every((s) => s.file.startsWith('вкладка «'))).toBe(true);
    // The long results tab holds %«2» from the pupils, as ФИС ОКО rounds it.
    const results = wb.sheet(COMBINED_SHEET).values;
    expect(results.length).toBe(16 * 8 + 1);
    analyze(wb);
    expect(wb.sheet(PUPILS_SHEET).values).toEqual(first);
  });
});
