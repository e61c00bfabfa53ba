/**
 * Today's ФИС ОКО layouts end to end, and a verdict on part of the data said loudly: the same district as
 * reports of the older layout (sch logins) and of today's (edu logins after the name, the municipality's
 * code, the flattened journal header; layout seen in pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt)
 * gives the same verdicts; a folder with reports that cannot be read exits 1 and says so first, in the
 * справка and in «ШНОР: итоги».
 */
import { copyFileSync, cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { marksReportToday, writeReportXlsx } from '../../scripts/fisoko-reports';
import { run } from '../../src/cli/main';
import { loginKey } from '../../src/core/login';
import { reportSchools, writeFolder, writeFolderToday } from '../support/fisoko-district';

async function shnor(...args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

interface Json {
  schools: Array<{ login: string; status: string; reasons: string[] }>;
  problems: Array<{ severity: string; sheet: string; message: string }>;
  incomplete: { read: number; total: number; headline: string; lines: string[] } | null;
}

const dir = mkdtempSync(join(tmpdir(), 'shnor-incomplete-'));
const older = join(dir, 'прежний вид');
const today = join(dir, 'нынешний вид');
const broken = join(dir, 'с нечитаемым');

beforeAll(async () => {
  await writeFolder(older);
  await writeFolderToday(today);
  cpSync(today, broken, { recursive: true });
  // A report whose title rows lost the subject and the class, named by a number as downloads are.
  const cut = marksReportToday(
    { exam: 'ВПР', subject: 'Русский язык', grade: 6, year: 2026, date: '16.04.2026', maxScore: 20 },
    [],
    reportSchools(1, 1),
  );
  cut.values[2] = ['ВПР 2026'];
  cut.values[3] = ['Предмет:'];
  await writeReportXlsx(join(broken, '2849699.xlsx'), 'Статистика по отметкам', cut);
  // A download that broke on the way, and a letter that is not results at all.
  writeFileSync(join(broken, '2849700.xlsx'), 'не книга');
  copyFileSync(join(today, 'Пояснительная записка.txt'), join(broken, 'Письмо.docx'));
});

describe('reports of today and of the older layout', () => {
  it('give the same verdicts; the logins as the newest files write them, the match said once', async () => {
    const a = await shnor('analyze', older, '--json');
    const b = await shnor('analyze', today, '--json');
    expect([a.code, b.code, b.err]).toEqual([0, 0, '']);
    const ja = JSON.parse(a.out) as Json;
    const jb = JSON.parse(b.out) as Json;
    const view = (j: Json) => Object.fromEntries(j.schools.map((s) => [loginKey(s.login), [s.status, s.reasons]]));
    expect(view(jb)).toEqual(view(ja));
    expect(jb.schools.filter((s) => s.status === 'ШНОР').length).toBe(2);
    // The ГИА table still says sch…; the reports of 2026 say edu…: shown as edu, one note for all six.
    expect(jb.schools.map((s) => s.login).sort()).toEqual(['edu770001', 'edu770002', 'edu770003', 'edu770004', 'edu770005', 'edu770006']);
    const notes = jb.problems.filter((p) => /разными логинами/.test(p.message));
    expect(notes).toHaveLength(1);
    expect(notes[0]?.message).toContain('sch770001 = edu770001');
    expect(jb.problems.filter((p) => p.severity !== 'сведения')).toEqual([]);
    expect(jb.incomplete).toBeNull();
  });

  it('name the note once as not results and count only the files with results', async () => {
    const got = await shnor('analyze', today);
    expect(got.code).toBe(0);
    const lines = got.out.split('\n');
    expect(lines[0]).toBe('Прочитано файлов с результатами: 8 из 8 (и 1 — не результаты); всё сведено в «Результаты ФИС ОКО».');
    expect(lines[1]).toMatch(
      /^ {2}2849651\.xlsx — статистика по отметкам: ВПР МА 5, 2025 — 6 ОО \(из: заголовок\); Энский муниципальный округ: «2» [\d,]+ %, участников 225$/,
    );
    expect(got.out).toContain('  ВПР МА 5 2026 журнал.xlsx — сравнение с журналом: ВПР МА 5, 2026 — 2 ОО (из: заголовок)');
    expect(got.out.match(/Пояснительная записка\.txt/g)).toHaveLength(1);
  });
});

describe("the levels of today's reports", () => {
  it('go into the справка: по району, по региону, по России for the year of reference', async () => {
    const got = await shnor('report', today);
    expect(got.code).toBe(0);
    const text = got.out;
    expect(text).toContain('Сравнение с районом, регионом и Россией');
    expect(text).toContain('Процедура | По району | По региону | По России');
    // The municipality's own row is the district's figure; the region's and Russia's are theirs.
    expect(text).toMatch(/\nВПР МА 5 \| 17,2 \| 13,8 \| 8,6\n/);
  });
});

describe('a folder with reports that cannot be read', () => {
  const headline = 'Прочитано 8 из 10 файлов с результатами; вердикт неполный. Не прочитаны:';

  it('exits 1 and says so on the first line, one file per line with its reason', async () => {
    const got = await shnor('analyze', broken);
    expect(got.code).toBe(1);
    const lines = got.out.split('\n');
    expect(lines.slice(0, 3)).toEqual([
      headline,
      '  2849699.xlsx — лист «Статистика по отметкам» файла «2849699.xlsx»: отчёт ФИС ОКО без предмета — ни в заголовке («Предмет: …»), ни в имени файла или листа',
      expect.stringMatching(/^ {2}2849700\.xlsx — .+/),
    ]);
    // The letter is named once, as not results, and is not counted.
    expect(got.out).toMatch(/\n {2}Письмо\.docx — не результаты: не таблица \(\.docx\)\n/);
    expect(got.out.match(/Письмо\.docx/g)).toHaveLength(1);
    const json = await shnor('analyze', broken, '--json');
    expect(json.code).toBe(1);
    expect(json.err.split('\n')[0]).toBe(headline);
    expect((JSON.parse(json.out) as Json).incomplete).toMatchObject({ read: 8, total: 10 });
  });

  it('opens the справка with the warning', async () => {
    const got = await shnor('report', broken);
    expect(got.code).toBe(1);
    expect(got.out.split('\n')[0]).toBe(headline);
    expect(got.out).toContain(
      'ВНИМАНИЕ: Прочитано 8 из 10 файлов с результатами; вердикт неполный. Выводы ниже сделаны без данных этих файлов; прочитайте их и составьте справку снова. Не прочитаны:',
    );
    expect(got.out).toContain('\n\n2849699.xlsx — лист «Статистика по отметкам» файла «2849699.xlsx»: отчёт ФИС ОКО без предмета');
  });

  it('writes the warning into «ШНОР: итоги», the справка tab and «Прочитанные файлы» of the book', async () => {
    const out = join(dir, 'книга.xlsx');
    const got = await shnor('analyze', broken, '-o', out);
    expect(got.code).toBe(1);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const summary = book.getWorksheet('ШНОР — итоги') as ExcelJS.Worksheet;
    const head = String(summary.getCell(3, 4).value);
    expect(head.split('\n').slice(0, 3)).toEqual([
      'ВНИМАНИЕ: Прочитано 8 из 10 файлов с результатами; вердикт неполный. Не прочитаны:',
      '2849699.xlsx — лист «Статистика по отметкам» файла «2849699.xlsx»: отчёт ФИС ОКО без предмета — ни в заголовке («Предмет: …»), ни в имени файла или листа',
      expect.stringMatching(/^2849700\.xlsx — /),
    ]);
    expect(head.split('\n')[3]).toMatch(/^Лист «Результаты ФИС ОКО», год отсчёта 2026\. ШНОР: 2 из 6/);
    const report = book.getWorksheet('Аналитическая справка') as ExcelJS.Worksheet;
    const texts: string[] = [];
    report.eachRow((r) => texts.push(String(r.getCell(1).value ?? '')));
    expect(texts.findIndex((t) => t.startsWith('ВНИМАНИЕ: Прочитано 8 из 10 файлов'))).toBeLessThan(4);
    const files = book.getWorksheet('Прочитанные файлы') as ExcelJS.Worksheet;
    const rows: unknown[][] = [];
    files.eachRow((r) => rows.push((r.values as unknown[]).slice(1, 4)));
    expect(rows[0]).toEqual(['Файл', 'Лист', 'Итог']);
    expect(rows).toContainEqual(['2849699.xlsx', 'Статистика по отметкам', 'не прочитан']);
    expect(rows.find((r) => r[0] === 'Письмо.docx')?.[2]).toBe('не результаты');
    expect(rows.filter((r) => r[2] === 'прочитан')).toHaveLength(8);
  });
});
