import { beforeAll, describe, expect, it } from 'vitest';
import { benchGrid } from '../../scripts/bench';
import { analyze, clearColouring, CONTEXT_HEADER, SUMMARY_SHEET } from '../../src/actions/analyze';
import { buildIndicators, INDICATORS_SHEET } from '../../src/actions/indicators';
import { writeReport } from '../../src/actions/report';
import { COMPUTED_LABELS } from '../../src/core/indicators';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import type { Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { summaryTable } from '../support/summary';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const HEADER_ROW = 5;
const column = (wb: MemoryWorkbook, title: string) => (wb.sheet(SUMMARY_SHEET).values[HEADER_ROW] ?? []).indexOf(title);
const rowOf = (wb: MemoryWorkbook, login: string) => summaryTable(wb.sheet(SUMMARY_SHEET).values).row(login) ?? [];
const cellOf = (wb: MemoryWorkbook, login: string, title: string) => rowOf(wb, login)[column(wb, title)];

function run(wb: MemoryWorkbook) {
  const out = analyze(wb);
  if (out.kind !== 'done') throw new Error(out.kind);
  return out;
}

describe('ШНСУ and resilient schools beside the verdict, on the sample district', () => {
  it('«ШНОР: итоги» gets the social context and the index; the head says what was found', () => {
    const wb = new MemoryWorkbook(grids);
    const out = run(wb);
    expect(cellOf(wb, 'sch771027', 'Статус')).toBe('ШНОР');
    expect(cellOf(wb, 'sch771027', 'Социальный контекст')).toBe('ШНОР и ШНСУ');
    expect(cellOf(wb, 'sch771028', 'Статус')).toBe('норма');
    expect(cellOf(wb, 'sch771028', 'Социальный контекст')).toBe('резильентная');
    expect(cellOf(wb, 'sch771005', 'Социальный контекст')).toBe('не ШНСУ');
    const index = cellOf(wb, 'sch771028', 'Индекс благополучия (0–100)');
    expect(typeof index).toBe('number');
    // The lowest 25 % of 33 schools: 8.
    expect(out.beyond.context?.shnsuCount).toBe(8);
    const statuses = wb
      .sheet(SUMMARY_SHEET)
      .values.slice(HEADER_ROW + 1)
      .map((r) => r[column(wb, 'Социальный контекст')]);
    expect(statuses.filter((s) => s !== 'не ШНСУ')).toHaveLength(8);
    expect(String(wb.sheet(SUMMARY_SHEET).values[3]?.[3])).toMatch(
      /^Социальный контекст \(лист «Школы»\): ШНСУ — 8 школ, из них ШНОР и ШНСУ — 1, резильентных — 7; нет данных о контексте — 0\. Индекс социального благополучия 0–100/,
    );
  });

  it('colours the context in its own column of the result sheet, and «Снять раскраску» takes it away', () => {
    const wb = new MemoryWorkbook(grids);
    const width = Math.max(...wb.readSheet('Результаты').values.map((r) => r.length));
    run(wb);
    const sheet = wb.sheet('Результаты');
    expect(sheet.values[2]?.[width + 2]).toBe(CONTEXT_HEADER);
    const row = sheet.values.findIndex((r) => r[2] === 'sch771027');
    expect(sheet.values[row]?.[width + 2]).toBe('ШНОР и ШНСУ');
    const contextRules = sheet.rules.filter((r) => r.ranges[0]?.col === width + 2);
    expect(contextRules.map((r) => r.formula)).toContain('=AND(N("ШНОР")=0,$CR4="резильентная")');
    clearColouring(wb);
    expect(sheet.values[2]?.[width + 2] ?? null).toBeNull();
    expect(sheet.rules).toEqual([]);
  });

  it('reports a school without context data by registry row and column, with «нет данных о контексте»', () => {
    const copy = grids.map((g) => ({ ...g, values: g.values.map((r) => [...r]) }));
    const registry = copy.find((g) => g.sheet === 'Школы')!;
    const header = registry.values[0]!.map(String);
    const r = registry.values.findIndex((x) => x[0] === 'sch771003');
    registry.values[r]![header.indexOf('Доля с ОВЗ, %')] = null;
    const wb = new MemoryWorkbook(copy);
    const out = run(wb);
    expect(cellOf(wb, 'sch771003', 'Социальный контекст')).toBe('нет данных о контексте');
    expect(cellOf(wb, 'sch771003', 'Индекс благополучия (0–100)')).toBe('нет данных: Доля с ОВЗ, %');
    expect(out.problems).toContainEqual({
      severity: 'предупреждение',
      sheet: 'Школы',
      row: r + 1,
      column: 'M',
      value: '',
      message: 'пусто в «Доля с ОВЗ, %»: индекс ШНСУ для «МБОУ «СОШ № 3»» (sch771003) не вычислен — нет данных о контексте',
    });
  });

  it('without a registry: one clear line, empty context cells, no context column, no error', () => {
    const wb = new MemoryWorkbook(grids.filter((g) => g.sheet !== 'Школы'));
    const width = Math.max(...wb.readSheet('Результаты').values.map((r) => r.length));
    const out = run(wb);
    expect(out.beyond.context).toBeNull();
    expect(String(wb.sheet(SUMMARY_SHEET).values[3]?.[3])).toMatch(
      /^Реестр «Школы» не найден: ШНСУ и резильентные школы не определялись\./,
    );
    expect(cellOf(wb, 'sch771027', 'Социальный контекст')).toBe('');
    expect(wb.sheet('Результаты').values[2]?.[width + 2] ?? null).toBeNull();
  });
});

describe('objectivity markers on the sample district', () => {
  it('stand beside the verdict with the numbers that raised them, and do not change it', () => {
    const wb = new MemoryWorkbook(grids);
    const base = run(new MemoryWorkbook(grids.filter((g) => g.sheet !== 'Сравнение с журналом')));
    const out = run(wb);
    const markers = (login: string) => String(cellOf(wb, login, 'Признаки необъективности'));
    expect(markers('sch771006')).toBe('ВПР МА 5, 2026: «Повысили» 34 % > 15 %');
    expect(markers('sch771020')).toBe('ВПР РУ 6, 2026: «Повысили» 22,2 % > 15 %');
    expect(markers('sch771010')).toBe('ВПР МА 6, 2026: «Подтвердили» 43,9 % < 50 %');
    expect(markers('sch771024')).toBe('ВПР РУ 5, 2025: «Повысили» 45 % > 15 %; ВПР РУ 5, 2025: «Подтвердили» 46,6 % < 50 %');
    const marked = wb
      .sheet(SUMMARY_SHEET)
      .values.slice(HEADER_ROW + 1)
      .filter((r) => String(r[column(wb, 'Признаки необъективности')] ?? '') !== '');
    expect(marked.map((r) => r[summaryTable(wb.sheet(SUMMARY_SHEET).values).col('login')]).sort()).toEqual([
      'sch771006',
      'sch771010',
      'sch771020',
      'sch771024',
    ]);
    // Counted by default: the verdicts are those without the comparison sheet.
    expect(out.assessment.verdicts.map((v) => [v.key, v.status])).toEqual(base.assessment.verdicts.map((v) => [v.key, v.status]));
    expect(out.beyond.countMarked).toBe(true);
    expect(String(wb.sheet(SUMMARY_SHEET).values[3]?.[3])).toContain(
      'Признаки необъективности: 5 у 4 ОО (сравнение с журналом — лист «Сравнение с журналом»); результаты с признаками учитываются в статусе.',
    );
  });

  it('a setting leaves marked results out, and the reasons say so', () => {
    const wb = new MemoryWorkbook(grids);
    const form = settingsToForm(defaultSettings());
    expect(saveSettings(wb, { ...form, 'objectivity.countMarked': 'нет' }).ok).toBe(true);
    const out = run(wb);
    const v = out.assessment.verdicts.find((x) => x.key === 'sch771006');
    expect(v?.excluded).toEqual([
      'ВПР МА 5, 2026: не учитывается как результат с признаками необъективности (ВПР МА 5, 2026: «Повысили» 34 % > 15 %)',
    ]);
    expect(String(cellOf(wb, 'sch771006', 'Причины'))).toContain(
      'ВПР МА 5, 2026: не учитывается как результат с признаками необъективности',
    );
  });

  it('ВПР far above the district unconfirmed by ГИА: with 10 п. п. the sample has such a school', () => {
    const wb = new MemoryWorkbook(grids);
    const form = settingsToForm(defaultSettings());
    expect(saveSettings(wb, { ...form, 'objectivity.highExcess': '10' }).ok).toBe(true);
    run(wb);
    expect(String(cellOf(wb, 'sch771029', 'Признаки необъективности'))).toContain(
      'ВПР РУ 6, 2026: высоких результатов 20,7 % — на 10,2 п. п. выше средней по району (10,5 %) при «2» 14,3 % (средняя 19,3 %); ГИА не подтверждает — ОГЭ РУ 2026: высоких результатов 7 % при средней 9,6 %',
    );
    // Гимназия and лицей are never marked so.
    expect(cellOf(wb, 'sch771001', 'Признаки необъективности')).toBe('');
  });
});

describe('the справка and the indicators count them', () => {
  it('a paragraph with the ШНСУ counts, the resilient schools as positive practice, and the markers', () => {
    const wb = new MemoryWorkbook(grids);
    const out = writeReport(wb, { now: new Date('2026-11-24T09:00:00Z') });
    if (out.kind !== 'done') throw new Error(out.kind);
    const at = out.lines.findIndex((l) => l.startsWith('Социальный контекст. Индекс социального благополучия 0–100'));
    expect(at).toBeGreaterThan(0);
    expect(out.lines[at + 1]).toBe(
      'К ШНСУ отнесено 8 школ: 8 из 33 ОО (24 %) с рассчитанным индексом. Одновременно ШНОР и ШНСУ — 1 школа (МКОУ «ООШ с. Кедровка»); ШНСУ в зоне риска или без данных о результатах — 0.',
    );
    expect(out.lines[at + 2]).toMatch(
      /^Резильентные школы \(низкий индекс социального благополучия, нет низких результатов\) — 7 школ\. Их опыт — положительная практика/,
    );
    expect(out.lines.slice(at + 3, at + 10)).toEqual([
      '1. МКОУ «Берёзовская СОШ» (sch771015).',
      '2. МКОУ «ООШ с. Малиновка» (sch771025).',
      '3. МКОУ «ООШ с. Зелёный Бор» (sch771028).',
      '4. МКОУ «ООШ с. Петровка» (sch771029).',
      '5. Филиал МКОУ «Ключевская СОШ» в д. Старое (sch771031).',
      '6. Филиал МКОУ «Каменская СОШ» в д. Дальнее (sch771032).',
      '7. Филиал МКОУ «Покровская СОШ» в д. Нижнее (sch771033).',
    ]);
    expect(out.lines[at + 10]).toMatch(/^Признаки необъективности результатов \(доля «Повысили» более 15 %.*\) — у 4 школ:$/);
    expect(out.lines[at + 11]).toBe('1. МБОУ «СОШ № 6» (sch771006): ВПР МА 5, 2026: «Повысили» 34 % > 15 %.');
  });

  it('without a registry the справка says so in one line', () => {
    const wb = new MemoryWorkbook(grids.filter((g) => g.sheet !== 'Школы' && g.sheet !== 'Сравнение с журналом'));
    const out = writeReport(wb);
    if (out.kind !== 'done') throw new Error(out.kind);
    expect(out.lines.filter((l) => /ШНСУ|резильент/i.test(l) && !/^\d+\. /.test(l))).toEqual([
      'Социальный контекст: реестр школ «Школы» в книге не найден — школы, функционирующие в неблагоприятных социальных условиях (ШНСУ), и резильентные школы не определялись.',
    ]);
    expect(out.lines[out.lines.findIndex((l) => /^\d+\. Выводы$/.test(l)) - 1]).toMatch(
      /^Признаков необъективности результатов не выявлено \(проверялось: .*сравнения с журнальными отметками в книге нет/,
    );
  });

  it('the computed indicators shnsu-count and resilient-count, for the latest year only', () => {
    const wb = new MemoryWorkbook(grids);
    buildIndicators(wb);
    const tab = wb.sheet(INDICATORS_SHEET);
    const header = (tab.values[3] ?? []).map(String);
    const line = (code: 'shnsu-count' | 'resilient-count') =>
      tab.values.find((r) => r[header.indexOf('Расчёт')] === COMPUTED_LABELS[code]) ?? [];
    expect(line('shnsu-count')[1]).toBe('Число ШНСУ (по реестру «Школы»)');
    expect(line('shnsu-count')[header.indexOf('Факт 2026')]).toBe(8);
    expect(line('resilient-count')[header.indexOf('Факт 2026')]).toBe(7);
    expect(line('resilient-count')[header.indexOf('Факт 2025')]).toBeNull();
  });
});

describe('spreadsheet calls with the registry and the comparison sheet', () => {
  it('are the same for 10 and 2,000 schools', () => {
    const district = (n: number) => {
      const results = benchGrid(n);
      const logins = results.values.slice(2).map((r) => String(r[2]));
      const registry: Grid = {
        sheet: 'Школы',
        values: [
          [
            'Логин',
            'Название ОО',
            'Тип ОО',
            'Местность',
            'Малокомплектная',
            'Доля из малоимущих семей, %',
            'Доля из неполных семей, %',
            'Доля с родителями с высшим образованием, %',
            'Доля с неродным русским языком, %',
            'Доля на профилактическом учёте, %',
            'Доля с ОВЗ, %',
          ],
          ...logins.map((l, i) => [
            l,
            `Школа ${i}`,
            'СОШ',
            i % 3 ? 'город' : 'село',
            i % 7 ? 'нет' : 'да',
            i % 40,
            i % 25,
            50 - (i % 45),
            i % 9,
            i % 4,
            i % 6,
          ]),
        ],
      };
      const journal: Grid = {
        sheet: 'Сравнение с журналом',
        values: [
          ['Год', 'Класс', 'Предмет', 'Логин', 'ОО', 'Понизили', 'Подтвердили', 'Повысили'],
          ...logins.map((l, i) => [2026, 5, 'Математика', l, '', 10, 70 - (i % 30), 20 + (i % 30) - 10]),
        ],
      };
      return new MemoryWorkbook([results, registry, journal]);
    };
    const counts = [10, 2000].map((n) => {
      const wb = district(n);
      const first = analyze(wb);
      if (first.kind !== 'done') throw new Error(first.kind);
      expect(first.beyond.context?.indexed).toBe(n);
      expect(first.beyond.markers.length).toBeGreaterThan(0);
      wb.resetCalls();
      analyze(wb);
      return Object.fromEntries(wb.calls);
    });
    expect(counts[1]).toEqual(counts[0]);
    // «ШНОР: итоги»: the trend's formulas one call, its print area one more (none in Sheets).
    expect(Object.values(counts[0]!).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(29);
  });
});
