import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

interface Json {
  preset: string;
  year: number;
  schools: Array<{
    login: string | null;
    name: string;
    status: string;
    rules: string[];
    low: Array<{ procedure: string; year: number; value: number }>;
    worst: { procedure: string; years: number[]; shares: (number | null)[] } | null;
  }>;
  problems: Array<{ severity: string; sheet: string; row: number; column: string; value: string; message: string }>;
}

describe('shnor analyze on the sample district', () => {
  const xlsx = shnor('analyze', 'sample/district.xlsx', '--json');
  const csv = shnor('analyze', 'sample/district.csv', '--json');
  const fromXlsx = JSON.parse(xlsx.out) as Json;
  const fromCsv = JSON.parse(csv.out) as Json;

  it('prints exactly one JSON document of the documented shape', () => {
    expect(xlsx.err).toBe('');
    expect(fromXlsx.preset).toBe('novokuznetsk-2020');
    expect(fromXlsx.year).toBe(2026);
    expect(fromXlsx.schools).toHaveLength(33);
    const statuses = new Set(fromXlsx.schools.map((s) => s.status));
    expect([...statuses].every((s) => ['ШНОР', 'зона риска', 'норма', 'нет данных'].includes(s))).toBe(true);
    const shnor5 = fromXlsx.schools.find((s) => s.login === 'sch771005');
    expect(shnor5?.status).toBe('ШНОР');
    expect(shnor5?.rules).toEqual(['rule1', 'rule2']);
    expect(shnor5?.low[0]).toEqual({ procedure: 'ВПР МА 5', year: 2026, value: 35.6 });
    // The trend «ШНОР: итоги» draws: the procedure with the highest %«2» in 2026 and its shares by year.
    expect(shnor5?.worst).toEqual({ procedure: 'ВПР РУ 5', years: [2024, 2025, 2026], shares: [41.2, 29.7, 39.9] });
    expect(fromXlsx.schools.every((s) => s.worst !== null)).toBe(true);
    const labels = new Set(fromXlsx.schools.flatMap((s) => s.low.map((l) => l.procedure)));
    for (const l of labels) expect(l).toMatch(/^(ВПР (МА|РУ) [4-8]|ОГЭ (МА|РУ)|ЕГЭ (РУ|МА база|МА проф))$/);
  });

  it('exits 1 and reports the typo of the sample with sheet, row and column', () => {
    expect(xlsx.code).toBe(1);
    expect(fromXlsx.problems).toContainEqual({
      severity: 'ошибка',
      sheet: 'Результаты',
      row: 5,
      column: 'AO',
      value: '4о',
      message: 'Не число; ячейка не учитывается.',
    });
  });

  it('gives the same verdicts from the wide .xlsx and the long .csv', () => {
    expect(csv.code).toBe(0);
    expect(fromCsv.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
    const pick = (j: Json) => j.schools.map((s) => [s.login, s.status, s.rules.join()]).sort();
    expect(pick(fromCsv)).toEqual(pick(fromXlsx));
    const counts: Record<string, number> = {};
    for (const s of fromXlsx.schools) counts[s.status] = (counts[s.status] ?? 0) + 1;
    expect(counts.ШНОР).toBeGreaterThanOrEqual(5);
    expect(counts['зона риска']).toBeGreaterThanOrEqual(2);
  });

  it('reads the threshold and the preset from the command line', () => {
    const lower = JSON.parse(shnor('analyze', 'sample/district.csv', '--json', '--threshold', '25,5').out) as Json;
    const count = (j: Json) => j.schools.filter((s) => s.status === 'ШНОР').length;
    expect(count(lower)).toBeGreaterThan(count(fromCsv));
    const and = JSON.parse(shnor('analyze', 'sample/district.csv', '--json', '--preset', 'rosobrnadzor-2025-and').out) as Json;
    expect(and.preset).toBe('rosobrnadzor-2025-and');
  });

  it('prints a readable Russian table with the parse report', () => {
    const r = shnor('analyze', 'sample/district.xlsx');
    expect(r.code).toBe(1);
    expect(r.out).toContain('Критерии: Новокузнецк, 2020, порог 30 %, год отсчёта 2026.');
    expect(r.out).toMatch(/ШНОР: \d+ из 33 ОО \(\d+ %\), зона риска: \d+/);
    expect(r.out).toMatch(/ШНОР {7}sch771005 {2}МБОУ «СОШ № 5»/);
    expect(r.out).toContain('[ошибка] Лист «Результаты», строка 5, столбец AO: «4о» — Не число; ячейка не учитывается.');
  });
});

describe('shnor analyze on bad input', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shnor-'));
  it.each([
    [['analyze', 'nope.xlsx'], 'Файл не найден: nope.xlsx'],
    [['analyze', 'package.json'], 'Неизвестный тип файла package.json: нужен .xlsx или .csv.'],
    [
      ['analyze', 'sample/district.csv', '--preset', 'kazan'],
      'Нет набора критериев «kazan». Есть: novokuznetsk-2020, rosobrnadzor-2025-or, rosobrnadzor-2025-and.',
    ],
    [
      ['analyze', 'sample/district.csv', '--threshold', '130'],
      'Порог должен быть числом больше 0 и не больше 100 (процент участников с «2»).',
    ],
    [['analyze', 'sample/district.csv', '--threshold', 'abc'], 'Порог «abc» — не число.'],
    [['analyze'], 'Укажите файл с результатами (.xlsx или .csv). Справка: shnor analyze --help'],
    [['frobnicate'], 'Неизвестная команда «frobnicate». Справка: shnor --help'],
  ])('%j → one Russian line, exit 2', (args, message) => {
    const r = shnor(...args);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toBe(`${message}\n`);
  });

  it('a file that is not a workbook, and a table without results', () => {
    const fake = join(dir, 'fake.xlsx');
    writeFileSync(fake, 'not a zip');
    expect(shnor('analyze', fake).err).toBe(`Файл ${fake} не читается как книга Excel (.xlsx): это не архив ZIP, а .xlsx — архив.\n`);
    const notes = join(dir, 'notes.csv');
    writeFileSync(notes, 'Дата;Событие\n01.09.2026;Совещание\n');
    const r = shnor('analyze', notes);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^Не найден лист с результатами: лист «notes.csv»: не найдена строка заголовков/);
  });

  it('a comma-separated CSV works too', () => {
    const path = join(dir, 'comma.csv');
    writeFileSync(
      path,
      'Год,Класс,Предмет,Логин,ОО,2,3,4,5\n2026,5,Математика,sch000001,СОШ 1,"31,5",40,20,8.5\n2026,6,Русский язык,sch000001,СОШ 1,33,40,20,7\n',
    );
    const j = JSON.parse(shnor('analyze', path, '--json').out) as Json;
    expect(j.schools).toEqual([
      {
        login: 'sch000001',
        name: 'СОШ 1',
        status: 'ШНОР',
        rules: ['rule1'],
        low: [
          { procedure: 'ВПР МА 5', year: 2026, value: 31.5 },
          { procedure: 'ВПР РУ 6', year: 2026, value: 33 },
        ],
        reasons: [
          'Правило 1: низкие результаты по 2 процедурам в 2026 г. (нужно не менее 2).',
          'ВПР МА 5, 2026: 31,5 % «2» ≥ 30 %',
          'ВПР РУ 6, 2026: 33 % «2» ≥ 30 %',
        ],
        // One year of data: the worst procedure's trend is one point.
        worst: { procedure: 'ВПР РУ 6', years: [2026], shares: [33] },
        // Without pupils' results and the journal: no markers, no weak tasks (README «Задания и распределение баллов»).
        markers: [],
        weakTasks: [],
        gaps: [],
        journal: [],
      },
    ]);
  });
});

describe('shnor analyze -o: the menu action through the .xlsx port', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shnor-out-'));

  it('a CSV’s table gets columns as wide as its text: school names are not cut', async () => {
    const out = join(dir, 'from-csv.xlsx');
    expect(shnor('analyze', 'sample/district.csv', '-o', out).code).toBe(0);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const ws = wb.getWorksheet('district.csv')!;
    const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
    const name = header.indexOf('ОО') + 1;
    const longest = Math.max(
      ...ws
        .getColumn(name)
        .values.slice(2)
        .map((v) => String(v ?? '').length),
    );
    // exceljs widths are in characters: at least the longest name, within the cap.
    expect(ws.getColumn(name).width).toBeGreaterThanOrEqual(Math.min(longest, 38));
    expect(ws.getColumn(header.indexOf('Год') + 1).width).toBeLessThan(10);
  });

  it('writes a book with the summary tab, the coloured result sheet and the settings; the input is untouched', async () => {
    const input = join(root, 'sample/district.xlsx');
    const before = readFileSync(input);
    const out = join(dir, 'district-checked.xlsx');
    const r = shnor('analyze', 'sample/district.xlsx', '-o', out, '--preset', 'rosobrnadzor-2025-or');
    expect(r.code).toBe(1);
    expect(r.out).toContain(`Книга записана: ${out}`);
    expect(readFileSync(input).equals(before)).toBe(true);

    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(out);
    const names = wb.worksheets.map((w) => w.name);
    expect(names.filter((n) => !n.startsWith('ДК '))).toEqual([
      'Результаты',
      'Школы',
      'Сравнение с журналом',
      'Настройки ШНОР',
      'ШНОР — итоги',
      'Показатели ОО',
      'Показатели',
      'Аналитическая справка',
      'Справочник мероприятий',
      'Списки',
    ]);
    // The long dropdown lists live on a hidden tab nobody reads.
    expect(wb.getWorksheet('Списки')!.state).toBe('veryHidden');
    // One roadmap per ШНОР school, for the current school year.
    expect(names.filter((n) => /^ДК .+ \d{4}–\d{2}$/.test(n))).toHaveLength(7);
    expect(wb.getWorksheet('Аналитическая справка')!.getCell('A1').value).toBe(
      'Аналитическая справка по итогам выявления школ с низкими образовательными результатами',
    );
    expect(wb.getWorksheet('Показатели')!.getCell('B5').value).toBe('Число ШНОР');
    const results = wb.getWorksheet('Результаты')!;
    expect(results.getCell('CP3').value).toBe('Статус ШНОР');
    expect(results.getCell('CP8').value).toBe('ШНОР');
    const cf = (results as unknown as { conditionalFormattings: Array<{ ref: string; rules: Array<{ formulae: string[] }> }> })
      .conditionalFormattings;
    // Status colours and low cells, then the social context of the registry.
    // Status colours, low cells (one rule per group of columns), then the social context of the registry.
    expect(cf.length).toBeGreaterThan(4 + 1 + 4);
    expect(cf[0]?.rules[0]?.formulae[0]).toBe('AND(N("ШНОР")=0,$CP4="ШНОР")');
    expect(cf[4]?.rules[0]?.formulae[0]).toContain('&$CQ4&');
    const summary = wb.getWorksheet('ШНОР — итоги')!;
    expect(summary.getCell('A1').value).toBe('Итоги проверки по критериям ШНОР');
    expect(summary.rowCount).toBe(6 + 33);
    const settings = wb.getWorksheet('Настройки ШНОР')!;
    // The preset by its title; the id only in the note, for the command line.
    expect(settings.getCell('B2').value).toBe('Рособрнадзор 2025 (условия через «или»)');
    expect(String(settings.getCell('B2').note)).toContain('rosobrnadzor-2025-or');
  });

  // Four runs of the command line: more than the default 30 s when the machine is shared.
  it('gives the same verdicts when its own output is analysed again', { timeout: 90_000 }, () => {
    const out = join(dir, 'again.xlsx');
    shnor('analyze', 'sample/district.xlsx', '-o', out);
    const first = JSON.parse(shnor('analyze', 'sample/district.xlsx', '--json').out) as Json;
    const second = JSON.parse(shnor('analyze', out, '--json').out) as Json;
    expect(second.schools.map((s) => [s.login, s.status, s.rules])).toEqual(first.schools.map((s) => [s.login, s.status, s.rules]));
    // And once more into a new book: the add-on's columns are replaced, not added again.
    const third = join(dir, 'third.xlsx');
    expect(shnor('analyze', out, '-o', third).code).toBe(1);
  });

  it('a CSV becomes a book too, and the input is never the output', () => {
    const out = join(dir, 'from-csv.xlsx');
    expect(shnor('analyze', 'sample/district.csv', '-o', out).code).toBe(0);
    const r = shnor('analyze', 'sample/district.xlsx', '-o', 'sample/district.xlsx');
    expect(r.code).toBe(2);
    expect(r.err).toBe(
      'Входной файл не перезаписывается: sample/district.xlsx — это sample/district.xlsx (или ссылка на него); укажите в -o другой файл.\n',
    );
  });
});

describe('shnor report', () => {
  it('prints the справка of the sample district, paragraph by paragraph', () => {
    const r = shnor('report', 'sample/district.csv', '--preset', 'rosobrnadzor-2025-and');
    expect(r.code).toBe(0);
    const paragraphs = r.out.trim().split('\n\n');
    expect(paragraphs[0]).toBe('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
    expect(paragraphs[2]).toBe('1. Критерии отнесения к ШНОР');
    expect(paragraphs[3]).toMatch(/^Применён набор критериев «Рособрнадзор, 2025 \(условия через «и»\)»\./);
    expect(paragraphs.some((p) => /^К школам с низкими образовательными результатами отнесен[аоы]? \d+ школ/.test(p))).toBe(true);
  });

  it('--docx writes the справка as a Word document instead of printing it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-docx-'));
    const out = join(dir, 'справка.docx');
    const r = shnor('report', 'sample/district.csv', '--docx', out);
    expect([r.code, r.out]).toEqual([0, `Справка записана: ${out}\n`]);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe('PK');
    expect(shnor('report', 'sample/district.csv', '--docx', join(dir, 'справка.txt')).err).toBe(
      `Справка записывается в .docx: ${join(dir, 'справка.txt')}\n`,
    );
    expect(shnor('analyze', 'sample/district.csv', '--docx', out).code).toBe(2);
  });
});
