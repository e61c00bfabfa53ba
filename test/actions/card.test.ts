/**
 * «Карточка ОО» on the in-memory workbook: the tab with its dropdown, each figure's numbers as «ШНОР: итоги»
 * and the result sheet give them, every tab read once, a fixed number of calls, a re-run for another school
 * replacing the tab and its charts, a wrong choice refused without a write.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { drawCard } from '../../src/actions/card';
import { writeSettings } from '../../src/actions/settings';
import { CARD_SHEET, CHOICE_CELL } from '../../src/core/card';
import { figureBlock } from '../../src/core/chart';
import type { Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { TASK_LEAD, TASKS_SHEET } from '../../src/core/tasks-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';
import { summarySchools, summaryTable } from '../support/summary';
import { memoryState } from '../support/state';
import { districtSchools, rng, type SchoolSpec, taskDistrictSheet } from '../support/task-district';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const now = new Date('2026-11-23T10:00:00Z');

/** Which tabs an action read, in order. */
function readsOf(wb: MemoryWorkbook): string[] {
  const reads: string[] = [];
  const inner = wb.readSheet.bind(wb);
  wb.readSheet = (name: string) => {
    reads.push(name);
    return inner(name);
  };
  return reads;
}

describe('«Карточка ОО» on the sample district', () => {
  it('makes the tab with the dropdown and the first ШНОР, its figures’ numbers those of «ШНОР: итоги»', () => {
    const wb = new MemoryWorkbook(grids);
    expect(analyze(wb).kind).toBe('done');
    const summary = summaryTable(wb.sheet(SUMMARY_SHEET).values);
    const rows = summarySchools(wb.sheet(SUMMARY_SHEET).values);
    wb.calls.clear();
    const reads = readsOf(wb);
    const out = drawCard(wb, { now });
    if (out.kind !== 'done') throw new Error(out.message);
    // Every tab read once: the results, the settings, the registry, the comparison — never the card (absent yet).
    expect(new Set(reads).size).toBe(reads.length);
    expect(reads).not.toContain(CARD_SHEET);
    // A fixed number of writes: one of each, three merges, the charts in one call.
    expect(
      Object.fromEntries([...wb.calls].filter(([k]) => !['sheetNames', 'readSheet', 'readCells', 'activeSheetName', 'toast'].includes(k))),
    ).toEqual({
      ensureSheet: 1,
      writeBlock: 1,
      setFontWeights: 1,
      setBackgrounds: 1,
      setNumberFormats: 1,
      setColumnWidths: 1,
      mergeAcross: 3,
      setWraps: 1,
      setValidation: 1,
      freeze: 1,
      replaceCharts: 1,
    });
    const tab = wb.sheet(CARD_SHEET);
    const shnor = rows.filter((r) => r.status === 'ШНОР');
    const names = shnor.map((r) => r.name).sort((a, b) => a.localeCompare(b, 'ru'));
    const first = shnor.find((r) => r.name === names[0])!;
    expect(out.login).toBe(first.login);
    expect(tab.values[0]?.[0]).toBe(`Карточка ОО: ${first.school}`);
    expect(tab.values[CHOICE_CELL.row]?.[CHOICE_CELL.col]).toBe(first.school);
    // The dropdown: every school of the district, ШНОР first, strict.
    const v = tab.validations.find((x) => x.range.row === CHOICE_CELL.row && x.range.col === CHOICE_CELL.col);
    if (v?.rule.kind !== 'list') throw new Error('no dropdown');
    expect(v.rule.strict).toBe(true);
    expect(v.rule.values).toHaveLength(rows.length);
    expect(v.rule.values.slice(0, shnor.length)).toEqual(names.map((n) => shnor.find((r) => r.name === n)!.school));
    // Status and reasons as «ШНОР: итоги» has them.
    const fact = (label: string) => String(tab.values.find((r) => r[0] === label)?.[1]);
    expect(fact('Статус')).toBe('ШНОР (год отсчёта 2026)');
    // Every low result «Причины» quotes is a point of the figure of its procedure, in its year's row.
    const reasons = first.details;
    let quoted = 0;
    for (const m of reasons.matchAll(/(\d{4}): ((?:[^.,]+ — [\d,]+ %(?:, )?)+)/g))
      for (const low of (m[2] as string).split(', ')) {
        const [procedure, value] = low.split(' — ') as [string, string];
        expect(fact('Основания')).toContain(`${procedure} — ${value}`);
        const chart = tab.charts.find((c) => c.figure?.title === `${procedure}: доля «2», %`);
        if (!chart) throw new Error(procedure);
        const block = tab.values.slice(chart.range.row, chart.range.row + chart.range.rows);
        const row = block.find((r) => r[0] === m[1])!;
        expect(String(row[1]).replace('.', ',')).toBe(value.replace(' %', ''));
        quoted++;
      }
    expect(quoted).toBe((summary.cell(first.login, 'lows', 2026) as number) + (summary.cell(first.login, 'lows', 2025) as number));
    // Each chart is drawn from the numbers beside it.
    for (const c of tab.charts) {
      const block = tab.values.slice(c.range.row, c.range.row + c.range.rows).map((r) => r.slice(0, c.range.cols));
      expect(block).toEqual(figureBlock(c.figure!));
      expect(c.title).toMatch(/^Рисунок \d+\. /);
    }
    expect(tab.charts.length).toBe(out.figures);
  });

  it('redraws for the school chosen in B2, replacing the tab and its charts; a choice not in the list changes nothing', () => {
    const wb = new MemoryWorkbook(grids);
    analyze(wb);
    expect(drawCard(wb, { now }).kind).toBe('done');
    const before = wb.sheet(CARD_SHEET);
    const firstRows = before.values.length;
    const firstTitle = String(before.values[0]?.[0]);
    const norm = summarySchools(wb.sheet(SUMMARY_SHEET).values).find((r) => r.status === 'норма')!;
    wb.writeBlock(CARD_SHEET, CHOICE_CELL.row, CHOICE_CELL.col, [[norm.school]]);
    wb.calls.clear();
    const reads = readsOf(wb);
    const out = drawCard(wb, { now });
    if (out.kind !== 'done') throw new Error(out.message);
    expect(reads.filter((r) => r === CARD_SHEET)).toHaveLength(1);
    expect(new Set(reads).size).toBe(reads.length);
    expect(wb.calls.get('clearSheet')).toBe(1);
    const tab = wb.sheet(CARD_SHEET);
    expect(tab.values[0]?.[0]).toBe(`Карточка ОО: ${norm.school}`);
    expect(String(tab.values.find((r) => r[0] === 'Статус')?.[1])).toMatch(/^норма/);
    // Nothing of the first school's card is left (its name is only in the dropdown's list).
    expect(tab.values.flat().filter((x) => typeof x === 'string' && x.includes(firstTitle.replace('Карточка ОО: ', '')))).toEqual([]);
    expect(firstRows).toBeGreaterThan(0);
    expect(tab.charts.length).toBe(out.figures);
    expect(tab.validations.filter((x) => x.range.row === CHOICE_CELL.row)).toHaveLength(1);

    // A login typed by hand is found too.
    wb.writeBlock(CARD_SHEET, CHOICE_CELL.row, CHOICE_CELL.col, [[norm.login.toUpperCase()]]);
    expect(drawCard(wb, { now })).toMatchObject({ kind: 'done', login: norm.login });
    // A text that names no school: refused with the cell, nothing written.
    wb.writeBlock(CARD_SHEET, CHOICE_CELL.row, CHOICE_CELL.col, [['Школа, которой нет']]);
    const state = JSON.stringify(memoryState(wb));
    const bad = drawCard(wb, { now });
    expect(bad.kind).toBe('failed');
    if (bad.kind === 'failed')
      expect(bad.message).toMatch(/^Лист «Карточка ОО», ячейка B2: «Школа, которой нет» — такой ОО нет на листе «Результаты»/);
    expect(JSON.stringify(memoryState(wb))).toBe(state);
  });

  it('leaves every other tab as it was', () => {
    const wb = new MemoryWorkbook(grids);
    analyze(wb);
    const others = () => JSON.stringify([...wb.sheets.values()].filter((s) => s.name !== CARD_SHEET));
    const before = others();
    drawCard(wb, { now });
    drawCard(wb, { now });
    expect(others()).toBe(before);
  });
});

describe('«Карточка ОО» with the pupils’ results', () => {
  it('shows the histogram with the mark boundaries and the tasks with the weak ones of «Задания» marked', () => {
    const specs = districtSchools(rng(5), 20, [60, 90]);
    const weak = specs[3] as SchoolSpec;
    Object.assign(weak, { level: -1.2, weakOn: [1, 4, 7] });
    const wb = new MemoryWorkbook([taskDistrictSheet(23, specs)]);
    writeSettings(wb, defaultSettings());
    expect(analyze(wb).kind).toBe('done');
    const out = drawCard(wb, { now, login: weak.login });
    if (out.kind !== 'done') throw new Error(out.message);
    const tab = wb.sheet(CARD_SHEET);
    const hist = tab.charts.find((c) => c.figure?.kind === 'histogram')!;
    expect(hist.figure!.marks!.map((m) => m.at)).toEqual([7, 11, 15]);
    expect(tab.values.flat()).toContain(
      'Границы отметок в районе (наименьший балл, получивший отметку): «3» — с 7, «4» — с 11, «5» — с 15; на рисунке — вертикальные линии.',
    );
    const tasks = tab.charts.find((c) => c.figure?.title.endsWith('выполнение заданий, %'))!;
    const weakOnTab = tasks.figure!.categories.filter((c) => c.endsWith('*')).map((c) => c.slice(0, -1));
    // «Задания» marks the same tasks weak for the school (its row, the cells whose text says so).
    const t = wb.sheet(TASKS_SHEET);
    expect(weakOnTab.length).toBeGreaterThan(0);
    const header = t.values.find((r) => r.includes('Слабые задания'))!;
    const row = t.values.find((r) => r.includes(weak.login))!;
    expect(row[header.indexOf('Слабые задания')]).toBe(`№ ${weakOnTab.join(', ')}`);
    // The completion «Задания» shows (whole percent) is the card's, rounded.
    const block = tab.values.slice(tasks.range.row + 1, tasks.range.row + tasks.range.rows);
    const own = block.map((r) => Math.round(r[1] as number));
    const onTasksTab = row.slice(TASK_LEAD, TASK_LEAD + own.length);
    own.forEach((x, i) => expect(Math.abs(x - (onTasksTab[i] as number))).toBeLessThanOrEqual(1));
    expect(tab.values.flat()).not.toContain(
      'Индивидуальных результатов (Ф1) школы нет — распределение первичных баллов и выполнение заданий не показываются.',
    );
  });

  it('refuses an unknown login, saying where logins are', () => {
    const wb = new MemoryWorkbook(grids);
    const out = drawCard(wb, { now, login: 'sch999999' });
    expect(out.kind).toBe('failed');
    if (out.kind === 'failed')
      expect(out.message).toMatch(/^ОО «sch999999» нет на листе «Результаты»\. Логины школ — в столбце «Логин» листа «ШНОР: итоги»/);
  });
});
