/**
 * ФИС ОКО's reports as a municipal coordinator downloads them, one procedure per file: «Статистика по
 * отметкам» and «Сравнение отметок с отметками по журналу». Used by `npm run sample` (sample/fisoko/) and by
 * the tests, which build the variants met in real files: a one- or two-row header, indented rows, title
 * rows in another order.
 */
import { writeFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';

/** The date every sample book says it was made, so that `npm run sample` writes the same bytes every time. */
const MADE = new Date('2026-11-01T00:00:00Z');

/**
 * Writes a book with fixed dates: its properties and every part of the archive (exceljs stamps them with the
 * time of writing), so that the same sample gives the same file.
 */
export async function writeSteady(path: string, book: ExcelJS.Workbook): Promise<void> {
  book.created = MADE;
  book.modified = MADE;
  const zip = await JSZip.loadAsync(await book.xlsx.writeBuffer());
  for (const part of Object.values(zip.files)) part.date = MADE;
  writeFileSync(path, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
}

type Cell = string | number | null;

export interface ReportSchool {
  login: string;
  name: string;
  participants: number;
  /** Shares of the marks 2, 3, 4, 5 in percent. */
  marks: [number, number, number, number];
}

export interface JournalSchool {
  login: string;
  name: string;
  participants: number;
  /** Shares «Понизили», «Подтвердили», «Повысили» in percent. */
  shares: [number, number, number];
}

export interface ReportSpec {
  exam: 'ВПР' | 'ОГЭ' | 'ЕГЭ';
  /** «Математика», «Русский язык». */
  subject: string;
  grade: number | null;
  year: number;
  region: string;
  municipality: string;
  /** «two-row»: «Группы участников», «Кол-во ОО», «Кол-во участников» over a merged «Распределение…»; «one-row»: «ОО», «Кол-во уч.», 2…5. */
  header: 'two-row' | 'one-row';
  /** Schools written after four spaces, as some exports indent the hierarchy. */
  indent: boolean;
  /** The subject line before the procedure line, the report's name first. */
  titleOrder: 'usual' | 'other';
}

export interface Sheet {
  values: Cell[][];
  merges: Array<{ row: number; col: number; rows: number; cols: number }>;
}

const EXAM_TITLES = {
  ВПР: 'Всероссийские проверочные работы',
  ОГЭ: 'Основной государственный экзамен',
  ЕГЭ: 'Единый государственный экзамен',
};

function titles(spec: ReportSpec, report: string): Cell[][] {
  const procedure = `${EXAM_TITLES[spec.exam]} ${spec.year}${spec.grade !== null ? ` (${spec.grade} класс)` : ''}`;
  const date = `Дата: 15.05.${spec.year}`;
  const subject = `Предмет: ${spec.subject}`;
  const lines =
    spec.titleOrder === 'usual'
      ? [procedure, date, subject, report, 'Максимальный первичный балл: 20']
      : [report, subject, procedure, date];
  return [...lines.map((l) => [l]), []];
}

const round = (x: number) => Math.round(x * 100) / 100;

function average(schools: readonly ReportSchool[]): { participants: number; marks: number[] } {
  const participants = schools.reduce((s, x) => s + x.participants, 0);
  const marks = [0, 1, 2, 3].map((i) =>
    participants === 0 ? 0 : round(schools.reduce((s, x) => s + (x.marks[i] as number) * x.participants, 0) / participants),
  );
  return { participants, marks };
}

/** «Статистика по отметкам»: title rows, the header, «Вся выборка», the region, the municipality, the schools. */
export function marksReport(spec: ReportSpec, schools: readonly ReportSchool[]): Sheet {
  const values: Cell[][] = titles(spec, 'Статистика по отметкам');
  const merges: Sheet['merges'] = [];
  const twoRow = spec.header === 'two-row';
  if (twoRow) {
    values.push(['Группы участников', 'Кол-во ОО', 'Кол-во участников', 'Распределение групп баллов в %', null, null, null]);
    merges.push({ row: values.length - 1, col: 3, rows: 1, cols: 4 });
    values.push([null, null, null, 2, 3, 4, 5]);
  } else values.push(['ОО', 'Кол-во уч.', '2', '3', '4', '5']);
  const avg = average(schools);
  const line = (name: string, count: number | null, participants: number, marks: readonly number[]): Cell[] =>
    twoRow ? [name, count, participants, ...marks] : [name, participants, ...marks];
  // The whole sample and the region are larger than the district; their numbers only have to look real.
  values.push(
    line(
      'Вся выборка',
      40000,
      avg.participants * 400,
      avg.marks.map((m) => round(m * 0.9)),
    ),
  );
  values.push(
    line(
      spec.region,
      700,
      avg.participants * 20,
      avg.marks.map((m) => round(m * 0.95)),
    ),
  );
  values.push(line(spec.municipality, schools.length, avg.participants, avg.marks));
  const pad = spec.indent ? '    ' : '';
  for (const s of schools) values.push(line(`${pad}(${s.login}) ${s.name}`, null, s.participants, s.marks));
  return { values, merges };
}

const CATEGORIES = [
  'Понизили (Отметка < Отметка по журналу) %',
  'Подтвердили (Отметка = Отметка по журналу) %',
  'Повысили (Отметка > Отметка по журналу) %',
];

/** «Сравнение отметок с отметками по журналу»: per group its three rows and «Всего». */
export function journalReport(spec: ReportSpec, schools: readonly JournalSchool[]): Sheet {
  const values: Cell[][] = titles(spec, 'Сравнение отметок с отметками по журналу');
  values.push(['Группы участников', 'Кол-во участников', '%']);
  const block = (name: string, participants: number, shares: readonly number[]) => {
    values.push([name, null, null]);
    shares.forEach((share, i) =>
      values.push([`${spec.indent ? '  ' : ''}${CATEGORIES[i]}`, Math.round((participants * share) / 100), share]),
    );
    values.push([`${spec.indent ? '  ' : ''}Всего`, participants, 100]);
  };
  const participants = schools.reduce((s, x) => s + x.participants, 0);
  const mean = [0, 1, 2].map((i) =>
    round(schools.reduce((s, x) => s + (x.shares[i] as number) * x.participants, 0) / Math.max(1, participants)),
  );
  block('Вся выборка', participants * 400, mean);
  block(spec.region, participants * 20, mean);
  block(spec.municipality, participants, mean);
  for (const s of schools) block(`(${s.login}) ${s.name}`, s.participants, s.shares);
  return { values, merges: [] };
}

/** One sheet as an .xlsx file, merged cells kept, as ФИС ОКО gives it. */
export async function writeReportXlsx(path: string, sheetName: string, sheet: Sheet): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(sheetName);
  sheet.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
  for (const m of sheet.merges) ws.mergeCells(m.row + 1, m.col + 1, m.row + m.rows, m.col + m.cols);
  ws.getColumn(1).width = 48;
  await writeSteady(path, book);
}

/** One sheet as CSV text (`;`, decimal commas), as a report saved from Excel as «CSV UTF-8». */
export function reportCsv(sheet: Sheet): string {
  const cell = (v: Cell) => {
    if (v === null) return '';
    const t = typeof v === 'number' ? String(v).replace('.', ',') : v;
    return /[;"\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return `\ufeff${sheet.values.map((row) => row.map(cell).join(';')).join('\r\n')}\r\n`;
}

/*
 * Today's layout (2022–2026), as in real files (public dump: pikhaev1988/saascrm95,
 * apps/vpr/fixtures/all_files.txt — «Ф3_Статистика по отметкам.xlsx», «2849657.xlsx»): title rows R1, R3–R6,
 * the header in R8, the login after the school's name, the municipality with its code, marks as numbers.
 */

/** What the title rows of today's reports say. */
export interface TodaySpec {
  exam: 'ВПР';
  /** «Русский язык», «Математика». */
  subject: string;
  grade: number;
  year: number;
  /** «20.04.2026». */
  date: string;
  maxScore: number;
}

/** An aggregate row: «Вся выборка», the region, «…муниципальный район(reg20_m012)». */
export interface TodayLevel {
  name: string;
  /** «Кол-во ОО». */
  schools: number;
  participants: number;
  /** Marks report: %«2»…«5»; journal report: «Понизили», «Подтвердили», «Повысили» in percent. */
  shares: number[];
}

const todayTitles = (spec: TodaySpec, report: string): Cell[][] => [
  [report],
  [],
  [`${spec.exam} ${spec.year} ${spec.subject} ${spec.grade} класс`],
  ['Предмет:', spec.subject],
  ['Максимальный первичный балл:', spec.maxScore],
  ['Дата:', spec.date],
  [],
];

/** The sheet's name as ФИС ОКО gives it: «РУ 4 Статистика по отметкам», cut at 31 characters. */
export function todaySheetName(spec: TodaySpec, report: 'Статистика по отметкам' | 'Сравнение отметок с отметками по журналу'): string {
  const code = /^мат/i.test(spec.subject) ? 'МА' : /^рус/i.test(spec.subject) ? 'РУ' : spec.subject.slice(0, 2).toUpperCase();
  return `${code} ${spec.grade} ${report}`.slice(0, 31);
}

/** «Статистика по отметкам» of 2022–2026: `levels` are «Вся выборка», the region, the municipality, in that order. */
export function marksReportToday(spec: TodaySpec, levels: readonly TodayLevel[], schools: readonly ReportSchool[]): Sheet {
  const values: Cell[][] = todayTitles(spec, 'Статистика по отметкам');
  values.push(['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5]);
  for (const l of levels) values.push([l.name, l.schools, l.participants, ...l.shares]);
  for (const s of schools) values.push([`${s.name}(${s.login})`, null, s.participants, ...s.marks]);
  return { values, merges: [] };
}

/**
 * «Сравнение отметок с отметками по журналу» of 2024: one flattened header row, one row per group, no «Вся
 * выборка». `confirmedSpelling` is how the «Подтвердили» header writes it: «Отметке» (seen in 2024) or «Отметка».
 */
export function journalReportToday(
  spec: TodaySpec,
  levels: readonly TodayLevel[],
  schools: readonly JournalSchool[],
  confirmedSpelling: 'Отметке' | 'Отметка' = 'Отметке',
): Sheet {
  const values: Cell[][] = todayTitles(spec, 'Сравнение отметок с отметками по журналу');
  const groups = [
    'Понизили (Отметка < Отметка по журналу)',
    `Подтвердили (Отметка = ${confirmedSpelling} по журналу)`,
    'Повысили (Отметка > Отметка по журналу)',
  ];
  values.push(['Группы участников', 'Кол-во участников(всего)', ...groups.flatMap((g) => [`${g} %`, `${g} Кол-во участников`])]);
  const line = (name: string, participants: number, shares: readonly number[]): Cell[] => [
    name,
    participants,
    ...shares.flatMap((p) => [p, Math.round((participants * p) / 100)]),
  ];
  for (const l of levels) values.push(line(l.name, l.participants, l.shares));
  for (const s of schools) values.push(line(`${s.name}(${s.login})`, s.participants, s.shares));
  return { values, merges: [] };
}

/** The municipality's own row for a list of schools: their participants and the participant-weighted shares. */
export function levelOf(
  name: string,
  schools: ReadonlyArray<{ participants: number; marks?: readonly number[]; shares?: readonly number[] }>,
): TodayLevel {
  const participants = schools.reduce((s, x) => s + x.participants, 0);
  const width = (schools[0]?.marks ?? schools[0]?.shares ?? []).length;
  const shares = Array.from({ length: width }, (_, i) =>
    participants === 0 ? 0 : round(schools.reduce((s, x) => s + ((x.marks ?? x.shares ?? [])[i] ?? 0) * x.participants, 0) / participants),
  );
  return { name, schools: schools.length, participants, shares };
}
