import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { marksReport, reportCsv } from '../../scripts/fisoko-reports';
import { reportSchools, spec, writeFolder, writeWide } from '../support/fisoko-district';
import { run } from '../../src/cli/main';

async function shnor(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface Json {
  year: number;
  schools: Array<{
    login: string;
    name: string;
    status: string;
    rules: string[];
    low: unknown[];
    reasons: string[];
    markers: Array<{ kind: string }>;
  }>;
  problems: Array<{ severity: string; sheet: string; row: number | null; column: string | null; value: string; message: string }>;
}

describe('shnor analyze over a folder of ФИС ОКО reports and a ГИА table', () => {
  const dir = mkdtempSync(join(tmpdir(), 'shnor-inputs-'));
  const folder = join(dir, 'выгрузки');
  const wide = join(dir, 'район.xlsx');
  beforeAll(async () => {
    await writeFolder(folder);
    await writeWide(wide);
  });

  it('gives exactly the verdicts of the same data as one wide table', async () => {
    const a = await shnor('analyze', folder, '--json');
    const b = await shnor('analyze', wide, '--json');
    expect(b.code).toBe(0);
    expect(a.err).toBe('');
    const fromFolder = JSON.parse(a.out) as Json;
    const fromWide = JSON.parse(b.out) as Json;
    expect(fromFolder.year).toBe(2026);
    // The verdicts alike; the markers differ by what was read: only the folder has the comparison with the journal.
    const byLogin = (j: Json) => Object.fromEntries(j.schools.map(({ markers: _m, ...s }) => [s.login, s]));
    expect(byLogin(fromFolder)).toEqual(byLogin(fromWide));
    expect(fromWide.schools.flatMap((s) => s.markers)).toEqual([]);
    expect(fromFolder.schools.flatMap((s) => s.markers.map((m) => m.kind))).toContain('journal-raised');
    expect(fromWide.schools.map((s) => s.status).sort()).toEqual(['ШНОР', 'ШНОР', 'зона риска', 'норма', 'норма', 'норма']);
    // The stray file is named once as not results and does not count; the aggregate rows are «сведения».
    expect(fromFolder.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
    expect(fromFolder.problems.filter((p) => p.sheet === 'Пояснительная записка.csv')).toEqual([]);
    expect((JSON.parse(a.out) as { files: unknown[] }).files).toContainEqual({
      file: 'Пояснительная записка.csv',
      status: 'не результаты',
      what: 'не похож на таблицу результатов',
    });
    expect(fromFolder.problems.filter((p) => /Итоговая строка/.test(p.message))).toHaveLength(6 * 3 + 3);
    expect(a.code).toBe(0);
  });

  it('tells in text what each file held', async () => {
    const a = await shnor('analyze', folder);
    expect(a.out.split('\n')[0]).toBe('Прочитано файлов с результатами: 8 из 8 (и 1 — не результаты); всё сведено в «Результаты ФИС ОКО».');
    expect(a.out).toContain('ВПР МА 5 2025 Статистика по отметкам.xlsx — статистика по отметкам: ВПР МА 5, 2025 — 6 ОО (из: заголовок)');
    // The municipality's own line: ФИС ОКО's district average, weighted by participants.
    expect(a.out).toMatch(/ВПР МА 5 2025 Статистика по отметкам\.xlsx — .*; Энский округ: «2» [\d,]+ %, участников 225\n/);
    expect(a.out).toContain('ГИА 2025-2026.csv — результаты: ЕГЭ РУ, ОГЭ МА, 2025, 2026 — 6 ОО');
    expect(a.out).toContain('ВПР МА 5 2026 Сравнение с журналом.xlsx — сравнение с журналом: ВПР МА 5, 2026 — 2 ОО');
    expect(a.out).toMatch(/Пояснительная записка\.csv — не результаты: /);
  });

  it('merges equal duplicates across files and reports different ones naming both files, sheets and rows', async () => {
    const extra = join(dir, 'ещё');
    mkdirSync(extra);
    const p = 0;
    const same = marksReport(spec({ year: 2025 }), reportSchools(p, 0));
    writeFileSync(join(extra, 'копия.csv'), reportCsv(same));
    const changed = marksReport(spec({ year: 2026, header: 'one-row' }), reportSchools(p, 1));
    const row = changed.values.findIndex((r) => String(r[0]).includes('sch770003'));
    (changed.values[row] as Array<string | number | null>)[2] = 55;
    writeFileSync(join(extra, 'исправленная.csv'), reportCsv(changed));
    const got = await shnor('analyze', folder, extra, '--json');
    expect(got.code).toBe(1);
    const j = JSON.parse(got.out) as Json;
    const errors = j.problems.filter((x) => x.severity === 'ошибка');
    expect(errors).toEqual([
      {
        severity: 'ошибка',
        sheet: 'ещё/исправленная.csv',
        row: row + 1,
        column: null,
        value: 'sch770003',
        message: expect.stringContaining(
          'ВПР МА 5, 2026 для «МКОУ «Ключевская СОШ»» уже прочитан: «выгрузки/ВПР МА 5 2026 Статистика по отметкам.csv», строка',
        ),
      },
    ]);
    expect(errors[0]?.message).toMatch(/«2»: там 12,5 %, здесь 55 %/);
    expect(j.problems).toContainEqual(
      expect.objectContaining({
        severity: 'сведения',
        sheet: 'ещё/копия.csv',
        message: expect.stringMatching(/^6 результатов совпадают с «выгрузки\/ВПР МА 5 2025/),
      }),
    );
    // The first value stands: the verdicts are those of the folder alone.
    const alone = JSON.parse((await shnor('analyze', folder, '--json')).out) as Json;
    expect(j.schools).toEqual(alone.schools);
  });

  it('fails with every file named when none holds results', async () => {
    const empty = join(dir, 'пусто');
    mkdirSync(empty);
    writeFileSync(join(empty, 'a.csv'), 'x;y\r\n1;2\r\n');
    writeFileSync(join(empty, 'b.xls'), 'old');
    const got = await shnor('analyze', empty);
    expect(got.code).toBe(2);
    // One file per line, each with its reason; an old .xls is named too (it may hold results).
    expect(got.err).toMatch(
      /^Ни в одном файле нет таблицы результатов:\na\.csv — не похож на таблицу результатов\nb\.xls — Файл .*b\.xls в старом формате \.xls: сохраните его как \.xlsx\.$/,
    );
    const named = await shnor('analyze', join(empty, 'a.csv'), join(empty, 'b.xls'));
    expect(named.err).toMatch(/\nb\.xls — Файл .*b\.xls в старом формате \.xls: сохраните его как \.xlsx\./);
  });

  it('compare and roadmap take the folder too', async () => {
    const cmp = await shnor('compare', folder, '--a', 'novokuznetsk-2020', '--b', 'rosobrnadzor-2025-or');
    expect(cmp.err).toBe('');
    expect(cmp.out).toMatch(/^Сравнение критериев: лист «Результаты ФИС ОКО», год отсчёта 2026\./);
    const road = await shnor('roadmap', folder);
    expect(road.err).toBe('');
    expect(road.out).toContain('МБОУ «СОШ № 2» — вкладка «ДК СОШ № 2');
    expect(road.out).toContain('МКОУ «Ключевская СОШ» — вкладка «ДК Ключевская СОШ');
  });

  it('report feeds the journal comparison report into the objectivity markers', async () => {
    const got = await shnor('report', folder);
    expect(got.code).toBe(0);
    expect(got.out).toMatch(/Повысили» 37 % > 15 %/);
  });

  it('writes the combined book with -o: the long tab with the source on every row and the comparison', async () => {
    const out = join(dir, 'итог.xlsx');
    const got = await shnor('analyze', folder, '-o', out);
    expect(got.err).toBe('');
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const names = book.worksheets.map((w) => w.name);
    expect(names.slice(0, 2)).toEqual(['Результаты ФИС ОКО', 'Сравнение с журналом']);
    expect(names).toContain('ШНОР — итоги');
    const long = book.getWorksheet('Результаты ФИС ОКО') as ExcelJS.Worksheet;
    expect(long.getRow(1).values).toEqual([
      undefined,
      'Год',
      'Процедура',
      'Класс',
      'Предмет',
      'Муниципалитет',
      'Логин',
      'ОО',
      'Кол-во участников',
      '2',
      '5',
      'Файл',
      'Лист, строка',
      'Статус ШНОР',
      'Низкие результаты ШНОР',
    ]);
    expect(long.rowCount).toBe(1 + 6 * 5 * 2);
    const files = new Set<string>();
    long.eachRow((r, i) => i > 1 && files.add(String(r.getCell(11).value)));
    expect(files.size).toBe(7);
  });
});
