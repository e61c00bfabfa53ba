/**
 * A small district in the layouts districts download: six schools, ВПР МА 5, РУ 5, МА 6 in two years as
 * ФИС ОКО reports (mixed variants), ОГЭ МА and ЕГЭ РУ as a long ГИА table, one journal report, and the
 * same results as one wide table — for the tests that the folder, the tabs and the upload read alike.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import {
  journalReport,
  journalReportToday,
  type JournalSchool,
  levelOf,
  marksReport,
  marksReportToday,
  reportCsv,
  type ReportSpec,
  type Sheet,
  type TodaySpec,
  todaySheetName,
  writeReportXlsx,
} from '../../scripts/fisoko-reports';
import type { Grid } from '../../src/core/results';

/** Six schools, ВПР МА 5, РУ 5, МА 6 in two years (reports), ОГЭ МА and ЕГЭ РУ (a ГИА table). */
export const SCHOOLS = [
  ['sch770001', 'МБОУ «СОШ № 1»'],
  ['sch770002', 'МБОУ «СОШ № 2»'],
  ['sch770003', 'МКОУ «Ключевская СОШ»'],
  ['sch770004', 'МКОУ «ООШ с. Малиновка»'],
  ['sch770005', 'МАОУ «Лицей № 5»'],
  ['sch770006', 'МБОУ «СОШ № 6»'],
] as const;
const VPR = [
  { label: 'ВПР МА 5', subject: 'Математика', grade: 5 },
  { label: 'ВПР РУ 5', subject: 'Русский язык', grade: 5 },
  { label: 'ВПР МА 6', subject: 'Математика', grade: 6 },
];
const GIA = [
  { label: 'ОГЭ МА', exam: 'ОГЭ', subject: 'Математика', grade: 9 },
  { label: 'ЕГЭ РУ', exam: 'ЕГЭ', subject: 'Русский язык', grade: 11 },
];
const YEARS = [2025, 2026];

/** «2» share per school, procedure and year: schools 2 and 3 low twice, school 4 once (with two decimals, as reports give them). */
function fail(s: number, p: number, y: number): number {
  const low =
    (s === 1 && p < 2 && y === 1) || (s === 2 && y === 0 && p === 0) || (s === 2 && y === 1 && p === 1) || (s === 3 && p === 4 && y === 1);
  return low ? 30 + s + p + y + 0.25 : 5 + s * 2 + p + y * 3 + 0.5;
}
const marks = (s: number, p: number, y: number): [number, number, number, number] => {
  const two = fail(s, p, y);
  const five = 10 + s;
  return [two, 40, Math.round((50 - two - five + 40) * 100) / 100 - 40 + 10, five].map((x) => Math.round(x * 100) / 100) as [
    number,
    number,
    number,
    number,
  ];
};
const participants = (s: number) => 20 + s * 7;

export const spec = (over: Partial<ReportSpec>): ReportSpec => ({
  exam: 'ВПР',
  subject: 'Математика',
  grade: 5,
  year: 2025,
  region: 'Энская область',
  municipality: 'Энский округ',
  header: 'two-row',
  indent: false,
  titleOrder: 'usual',
  ...over,
});

export async function writeWide(path: string): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet('Приложение');
  const all = [...VPR.map((p) => p.label), ...GIA.map((p) => p.label)];
  const top: Array<string | null> = ['Территория', 'Название ОО', 'Логин ОО'];
  const sub: Array<string | null> = [null, null, null];
  for (const label of all)
    for (const y of YEARS) {
      top.push(`${label} ${y}`, null, null);
      sub.push('" % 2"', '% Выс. рез-тов', 'Кол-во участников');
    }
  ws.addRow(top);
  ws.addRow(sub);
  for (let i = 0; i < all.length * YEARS.length; i++) ws.mergeCells(1, 4 + i * 3, 1, 6 + i * 3);
  SCHOOLS.forEach(([login, name], s) => {
    const row: Array<string | number> = ['Энский округ', name, login];
    all.forEach((_, p) => YEARS.forEach((__, y) => row.push(fail(s, p, y), marks(s, p, y)[3], participants(s))));
    ws.addRow(row);
  });
  await book.xlsx.writeFile(path);
}

export const reportSchools = (p: number, y: number) =>
  SCHOOLS.map(([login, name], s) => ({ login, name, participants: participants(s), marks: marks(s, p, y) }));

/** Logins as reports write them since 2022: edu and the same digits. */
const edu = (login: string) => login.replace(/^sch/, 'edu');

/**
 * The same reports in today's layout (2022–2026, as the real files of pikhaev1988/saascrm95): title rows
 * R1, R3–R6, the header in R8, «Вся выборка», the region, the municipality with its code, the schools with
 * their edu login after the name; the journal report with one flattened header row. The sheet is named as
 * ФИС ОКО names it, cut at 31 characters. The ГИА table (giaRows) keeps the sch logins of the regional centre.
 */
export function reportFilesToday(): Array<{ name: string; sheetName: string; xlsx: boolean; sheet: Sheet }> {
  const out: Array<{ name: string; sheetName: string; xlsx: boolean; sheet: Sheet }> = [];
  const municipality = 'Энский муниципальный округ(reg77_m001)';
  let n = 0;
  for (const [p, proc] of VPR.entries())
    for (const [y, year] of YEARS.entries()) {
      n++;
      const t: TodaySpec = { exam: 'ВПР', subject: proc.subject, grade: proc.grade, year, date: `16.04.${year}`, maxScore: 20 };
      const schools = reportSchools(p, y).map((s) => ({ ...s, login: edu(s.login) }));
      const own = levelOf(municipality, schools);
      const levels = [
        {
          name: 'Вся выборка',
          schools: 35589,
          participants: own.participants * 400,
          shares: own.shares.map((x) => Math.round(x * 50) / 100),
        },
        {
          name: 'Энская область',
          schools: 560,
          participants: own.participants * 20,
          shares: own.shares.map((x) => Math.round(x * 80) / 100),
        },
        own,
      ];
      out.push({
        // Real downloads are named by a number (2849657.xlsx): the title rows say what they are.
        name: `${2849650 + n}.xlsx`,
        sheetName: todaySheetName(t, 'Статистика по отметкам'),
        xlsx: n % 2 === 1,
        sheet: marksReportToday(t, levels, schools),
      });
    }
  const t: TodaySpec = { exam: 'ВПР', subject: 'Математика', grade: 5, year: 2026, date: '16.04.2026', maxScore: 20 };
  const journal: JournalSchool[] = [
    { login: 'edu770001', name: 'МБОУ «СОШ № 1»', participants: 20, shares: [3, 60, 37] },
    { login: 'edu770002', name: 'МБОУ «СОШ № 2»', participants: 27, shares: [10, 85, 5] },
  ];
  out.push({
    name: 'ВПР МА 5 2026 журнал.xlsx',
    sheetName: todaySheetName(t, 'Сравнение отметок с отметками по журналу'),
    xlsx: true,
    sheet: journalReportToday(t, [levelOf('Энская область', journal), levelOf(municipality, journal)], journal),
  });
  return out;
}

/** The folder in today's layout: the reports (.xlsx, some saved as CSV), the ГИА with sch logins, a stray note. */
export async function writeFolderToday(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const f of reportFilesToday()) {
    if (f.xlsx) await writeReportXlsx(join(dir, f.name), f.sheetName, f.sheet);
    else writeFileSync(join(dir, f.name.replace(/\.xlsx$/, '.csv')), reportCsv(f.sheet));
  }
  writeFileSync(
    join(dir, 'ГИА 2025-2026.csv'),
    `\ufeff${giaRows()
      .map((r) => r.join(';'))
      .join('\r\n')}\r\n`,
  );
  writeFileSync(join(dir, 'Пояснительная записка.txt'), 'Пояснения к выгрузке.\r\nсм. письмо от 01.06.2026\r\n');
}

/** The reports of the folder, in mixed variants: two-row and one-row headers, indented rows, title rows in another order. */
export function reportFiles(): Array<{ name: string; xlsx: boolean; sheet: Sheet }> {
  const out: Array<{ name: string; xlsx: boolean; sheet: Sheet }> = [];
  let n = 0;
  for (const [p, proc] of VPR.entries())
    for (const [y, year] of YEARS.entries()) {
      n++;
      const s = spec({
        subject: proc.subject,
        grade: proc.grade,
        year,
        header: n % 2 ? 'two-row' : 'one-row',
        indent: n % 3 === 0,
        titleOrder: n % 4 === 0 ? 'other' : 'usual',
      });
      out.push({ name: `${proc.label} ${year} Статистика по отметкам`, xlsx: n % 2 === 1, sheet: marksReport(s, reportSchools(p, y)) });
    }
  const journal = journalReport(spec({ year: 2026 }), [
    { login: 'sch770001', name: 'МБОУ «СОШ № 1»', participants: 20, shares: [3, 60, 37] },
    { login: 'sch770002', name: 'МБОУ «СОШ № 2»', participants: 27, shares: [10, 85, 5] },
  ]);
  out.push({ name: 'ВПР МА 5 2026 Сравнение с журналом', xlsx: true, sheet: journal });
  return out;
}

/** ОГЭ МА and ЕГЭ РУ of both years in the long layout, as the regional centre sends them. */
export function giaRows(): string[][] {
  const gia = [['Процедура', 'Год', 'Класс', 'Предмет', 'Логин', 'ОО', 'Кол-во участников', '2', '3', '4', '5']];
  GIA.forEach((g, gi) =>
    YEARS.forEach((year, y) =>
      SCHOOLS.forEach(([login, name], s) =>
        gia.push([
          g.exam,
          String(year),
          String(g.grade),
          g.subject,
          login,
          name,
          String(participants(s)),
          ...marks(s, 3 + gi, y).map((x) => String(x).replace('.', ',')),
        ]),
      ),
    ),
  );
  return gia;
}

/** The folder: the reports, the ГИА as a long CSV, a stray file that holds no results. */
export async function writeFolder(dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  for (const f of reportFiles()) {
    if (f.xlsx)
      await writeReportXlsx(join(dir, `${f.name}.xlsx`), f.name.includes('журнал') ? 'Сравнение' : 'Статистика по отметкам', f.sheet);
    else writeFileSync(join(dir, `${f.name}.csv`), reportCsv(f.sheet));
  }
  writeFileSync(
    join(dir, 'ГИА 2025-2026.csv'),
    `\ufeff${giaRows()
      .map((r) => r.join(';'))
      .join('\r\n')}\r\n`,
  );
  writeFileSync(join(dir, 'Пояснительная записка.csv'), 'Пояснения к выгрузке;\r\nсм. письмо от 01.06.2026;\r\n');
}

/** The book after File → Import → «Insert new sheets» of every file: one tab per report (named as the file), the ГИА tab. */
export function importedTabs(layout: 'older' | 'today' = 'older'): Grid[] {
  const tabs: Grid[] =
    layout === 'older'
      ? reportFiles().map((f) => ({ sheet: f.name.slice(0, 30), values: f.sheet.values, merges: f.sheet.merges }))
      : reportFilesToday().map((f) => ({
          sheet: f.name.replace(/\.xlsx$/, '').slice(0, 30),
          values: f.sheet.values,
          merges: f.sheet.merges,
        }));
  tabs.push({ sheet: 'ГИА 2025-2026', values: giaRows() });
  return tabs;
}
