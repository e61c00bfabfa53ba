/**
 * Makes the bundled sample district: invented schools, three years of ВПР, ОГЭ and ЕГЭ, a registry
 * with context shares, and the mess of real files. Deterministic: the same files every run.
 *   sample/district.xlsx — «Результаты» (wide, two-row header with merged groups), «Школы» (registry) and
 *                          «Сравнение с журналом» (ФИС ОКО's comparison of ВПР marks with journal marks)
 *   sample/district.csv  — the same results in the long layout of ФИС ОКО (`;`, decimal commas)
 *   sample/fisoko/       — the same district as ФИС ОКО's own reports in today's layout (edu logins), one
 *                          .xlsx per procedure and year, and the ГИА as a table from the regional centre
 *                          with sch logins (see fisokoFiles)
 *   sample/pupils/       — the same ВПР as per-pupil «Индивидуальные результаты» (Ф1), and the same ГИА
 *                          table (scripts/sample-pupils.ts)
 * Usage: npm run sample
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import {
  journalReportToday,
  type JournalSchool,
  levelOf,
  marksReportToday,
  type ReportSchool,
  type Sheet,
  type TodayLevel,
  type TodaySpec,
  todaySheetName,
  writeReportXlsx,
  writeSteady,
} from './fisoko-reports';
import { PUPILS_DIR, writePupilFiles } from './sample-pupils';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const YEARS = [2024, 2025, 2026];

/** mulberry32: a small seeded generator, so the sample never changes by accident. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
export const SEED = 20261124;
let rand = rng(SEED);
const between = (lo: number, hi: number) => lo + (hi - lo) * rand();
const round1 = (x: number) => Math.round(x * 10) / 10;

export type Kind = 'СОШ' | 'ООШ' | 'гимназия' | 'лицей' | 'филиал';
export interface SampleSchool {
  login: string;
  name: string;
  territory: string;
  kind: Kind;
  rural: boolean;
  small: boolean;
  pupils: number;
  /** 0 strong … 1 weak: drives the share of «2». */
  weakness: number;
  context: number[];
  /** Risk factors of the «500+» profile, entered for the weakest schools. */
  risks: string;
  emails: string;
}

const TERRITORIES = ['Центральный', 'Заречный', 'Северный', 'Лесной'];
const VILLAGES = [
  'Берёзовская',
  'Ключевская',
  'Сосновская',
  'Озёрненская',
  'Каменская',
  'Покровская',
  'Ивановская',
  'Луговская',
  'Рябиновская',
  'Ольховская',
];

/** The weakest schools carry a risk profile; the choice depends only on the school, not on the random stream. */
function riskProfile(weakness: number, rural: boolean, n: number): string {
  if (weakness < 0.55) return '';
  const out = ['высокая доля обучающихся с рисками учебной неуспешности'];
  if (rural) out.push('дефицит педагогических кадров');
  if (weakness >= 0.75) out.push(n % 2 === 0 ? 'низкая учебная мотивация обучающихся' : 'низкий уровень вовлечённости родителей');
  return out.join('; ');
}

function makeSchools(): SampleSchool[] {
  const out: SampleSchool[] = [];
  let n = 1;
  const add = (kind: Kind, name: string, territory: string, rural: boolean, weakness: number, small = false) => {
    const login = `sch77${String(1000 + n).padStart(4, '0')}`;
    n++;
    const pupils = kind === 'филиал' ? Math.round(between(12, 40)) : rural ? Math.round(between(40, 180)) : Math.round(between(350, 1100));
    const poor = rural ? between(20, 45) : between(5, 25);
    const context = [
      round1(poor + weakness * 10), // малоимущие
      round1(between(10, 30)), // неполные семьи
      round1(rural ? between(5, 20) : between(20, 55)), // родители с высшим образованием
      round1(between(0, 12)), // русский язык не родной
      round1(between(0, 4)), // профилактический учёт
      round1(between(1, 9)), // ОВЗ
    ];
    const slug = login.slice(3);
    out.push({
      login,
      name,
      territory,
      kind,
      rural,
      small,
      pupils,
      weakness,
      context,
      risks: riskProfile(weakness, rural, n),
      emails: `director${slug}@school.example; zamuvr${slug}@school.example`,
    });
  };
  add('гимназия', 'МБОУ «Гимназия № 1»', 'Центральный', false, 0.02);
  add('лицей', 'МАОУ «Лицей № 2»', 'Центральный', false, 0.05);
  for (let i = 3; i <= 14; i++) {
    const weak = [5, 9, 12].includes(i) ? between(0.75, 1) : i === 7 || i === 13 ? between(0.55, 0.7) : between(0.05, 0.45);
    add('СОШ', `МБОУ «СОШ № ${i}»`, TERRITORIES[i % 2] as string, false, weak);
  }
  VILLAGES.forEach((v, i) => {
    const weak = i === 1 || i === 4 ? between(0.8, 1) : i === 7 ? between(0.55, 0.7) : between(0.1, 0.5);
    add('СОШ', `МКОУ «${v} СОШ»`, TERRITORIES[2 + (i % 2)] as string, true, weak);
  });
  ['Малиновка', 'Ясная Поляна', 'Кедровка', 'Зелёный Бор', 'Петровка', 'Лебяжье'].forEach((v, i) => {
    add('ООШ', `МКОУ «ООШ с. ${v}»`, TERRITORIES[2 + (i % 2)] as string, true, i === 2 ? between(0.8, 0.95) : between(0.15, 0.6), true);
  });
  ['Ключевская', 'Каменская', 'Покровская'].forEach((v, i) => {
    add(
      'филиал',
      `Филиал МКОУ «${v} СОШ» в д. ${['Старое', 'Дальнее', 'Нижнее'][i]}`,
      TERRITORIES[2 + (i % 2)] as string,
      true,
      between(0.3, 0.9),
      true,
    );
  });
  return out;
}

export interface SampleProcedure {
  label: string;
  exam: 'ВПР' | 'ОГЭ' | 'ЕГЭ';
  subject: string;
  grade: number | null;
  /** How the xlsx header spells it (the mess of real files). */
  header: (year: number) => string;
}

export const SUBJECT_CSV: Record<string, string> = { МА: 'Математика', РУ: 'Русский язык' };
function procedures(): SampleProcedure[] {
  const list: SampleProcedure[] = [];
  for (const subject of ['МА', 'РУ']) {
    for (const grade of [4, 5, 6, 7, 8]) {
      const spelled = subject === 'МА' ? (grade === 6 ? 'Мат' : 'МА') : grade === 7 ? 'Рус' : 'РУ';
      list.push({
        label: `ВПР ${subject} ${grade}`,
        exam: 'ВПР',
        subject,
        grade,
        header: (y) => `${grade % 2 ? 'ВПр' : 'ВПР'} ${spelled} ${grade} ${y}`,
      });
    }
  }
  list.push({ label: 'ОГЭ МА', exam: 'ОГЭ', subject: 'МА', grade: null, header: (y) => `ОГЭ МА ${y}` });
  list.push({ label: 'ОГЭ РУ', exam: 'ОГЭ', subject: 'РУ', grade: null, header: (y) => `ОГЭ РУ ${y}` });
  list.push({ label: 'ЕГЭ МА база', exam: 'ЕГЭ', subject: 'МА', grade: null, header: (y) => `ЕГЭ МА база ${y}` });
  list.push({ label: 'ЕГЭ МА проф', exam: 'ЕГЭ', subject: 'МА', grade: null, header: (y) => `ЕГЭ математика (проф.) ${y}` });
  list.push({ label: 'ЕГЭ РУ', exam: 'ЕГЭ', subject: 'РУ', grade: null, header: (y) => `ЕГЭ РУ ${y}` });
  return list;
}

export interface Mark {
  participants: number;
  /** Percent of «2», «3», «4», «5»; «2» is below the minimum for ЕГЭ. */
  marks: [number, number, number, number];
}

function held(s: SampleSchool, p: SampleProcedure): boolean {
  if (p.exam === 'ЕГЭ') return s.kind !== 'ООШ' && s.kind !== 'филиал';
  if (p.exam === 'ОГЭ') return s.kind !== 'филиал';
  return s.kind !== 'филиал' || (p.grade ?? 0) <= 6;
}

function makeMarks(s: SampleSchool, p: SampleProcedure, yearIndex: number): Mark {
  const size = s.kind === 'филиал' ? between(2, 6) : s.rural ? between(5, 22) : between(40, 110);
  const participants = Math.max(1, Math.round(p.exam === 'ЕГЭ' ? size * 0.5 : size));
  // Weak schools sit around the 30 % line; some improve in the last year, some get worse.
  const trend = s.weakness > 0.5 ? (yearIndex - 1) * between(-4, 3) : 0;
  const base = p.exam === 'ВПР' ? 4 + s.weakness * 34 : p.exam === 'ОГЭ' ? 2 + s.weakness * 30 : 1 + s.weakness * 26;
  const two = Math.min(80, Math.max(0, round1(base + trend + between(-7, 7))));
  const five = round1(Math.max(0, (1 - s.weakness) * between(8, 30)));
  const four = round1(Math.max(0, Math.min(100 - two - five, between(20, 40))));
  const three = round1(Math.max(0, 100 - two - four - five));
  return { participants, marks: [two, three, four, five] };
}

export interface SampleDistrict {
  schools: SampleSchool[];
  procedures: SampleProcedure[];
  /** results[school][procedure][year] — null where the procedure was not held. */
  results: Array<Array<Array<Mark | null>>>;
  /** ФИС ОКО «Сравнение отметок с отметками по журналу» for ВПР of the last two years. */
  journal: JournalRow[];
}

export interface JournalRow {
  school: number;
  procedure: number;
  year: number;
  participants: number;
  /** Percent: «Понизили», «Подтвердили», «Повысили». */
  shares: [number, number, number];
}

/**
 * Objectivity markers the sample is meant to raise (with the default thresholds «Повысили» > 15 %,
 * «Подтвердили» < 50 %): login, procedure, year, and the shares to put there instead of clean ones.
 */
export const JOURNAL_MARKED: ReadonlyArray<{ login: string; procedure: string; year: number; shares: [number, number, number] }> = [
  { login: 'sch771006', procedure: 'ВПР МА 5', year: 2026, shares: [4.2, 61.8, 34] },
  { login: 'sch771020', procedure: 'ВПР РУ 6', year: 2026, shares: [6.5, 71.3, 22.2] },
  { login: 'sch771010', procedure: 'ВПР МА 6', year: 2026, shares: [44.1, 43.9, 12] },
  { login: 'sch771024', procedure: 'ВПР РУ 5', year: 2025, shares: [8.4, 46.6, 45] },
];

/** Clean comparisons everywhere else, from a stream of their own so that the results never move. */
function makeJournal(schools: SampleSchool[], procs: SampleProcedure[], results: Array<Array<Array<Mark | null>>>): JournalRow[] {
  const r = rng(SEED + 1);
  const rows: JournalRow[] = [];
  YEARS.slice(-2).forEach((year) => {
    const yi = YEARS.indexOf(year);
    procs.forEach((p, pi) => {
      if (p.exam !== 'ВПР') return;
      schools.forEach((s, si) => {
        const m = results[si]?.[pi]?.[yi];
        if (!m) return;
        const raised = round1(2 + r() * 10);
        const confirmed = round1(60 + r() * 28);
        let shares: [number, number, number] = [round1(100 - raised - confirmed), confirmed, raised];
        const marked = JOURNAL_MARKED.find((x) => x.login === s.login && x.procedure === p.label && x.year === year);
        if (marked) shares = [...marked.shares];
        rows.push({ school: si, procedure: pi, year, participants: m.participants, shares });
      });
    });
  });
  return rows;
}

export function makeSampleDistrict(): SampleDistrict {
  rand = rng(SEED);
  const schools = makeSchools();
  const procs = procedures();
  const results = schools.map((s) => procs.map((p) => YEARS.map((_, yi) => (held(s, p) ? makeMarks(s, p, yi) : null))));
  return { schools, procedures: procs, results, journal: makeJournal(schools, procs, results) };
}

const comma = (x: number) => String(x).replace('.', ',');

async function writeXlsx(d: SampleDistrict, path: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'shnor sample';
  wb.created = new Date('2026-11-01T00:00:00Z');
  wb.modified = wb.created;
  const ws = wb.addWorksheet('Результаты');
  ws.addRow(['Результаты оценочных процедур по общеобразовательным организациям (пример, вымышленные данные)']);
  const top: string[] = ['Территория', 'Название ОО', 'Логин ОО'];
  const sub: string[] = ['', '', ''];
  const groups: Array<{ p: number; y: number }> = [];
  d.procedures.forEach((p, pi) => {
    for (let yi = YEARS.length - 1; yi >= 0; yi--) {
      top.push(p.header(YEARS[yi] as number), '');
      sub.push('" % 2"', '% Выс. рез-тов');
      groups.push({ p: pi, y: yi });
    }
  });
  ws.addRow(top);
  ws.addRow(sub);
  for (let gi = 0; gi < groups.length; gi++) ws.mergeCells(2, 4 + gi * 2, 2, 5 + gi * 2);
  // One group is exported as fractions (0,4 for 40 %), as some regional systems do.
  const fractionGroup = groups.findIndex((g) => d.procedures[g.p]?.label === 'ВПР РУ 4' && g.y === 0);
  d.schools.forEach((s, si) => {
    const row: Array<string | number | null> = [s.territory, s.name, s.login];
    groups.forEach((g, gi) => {
      const m = d.results[si]?.[g.p]?.[g.y];
      if (!m) {
        row.push('-', '-');
        return;
      }
      let two: string | number = m.marks[0];
      const high: string | number = m.marks[3];
      if (gi === fractionGroup) two = Math.round(m.marks[0] * 10) / 1000;
      else if ((si + gi) % 17 === 0) two = comma(m.marks[0]);
      else if ((si + gi) % 23 === 0) two = `${comma(m.marks[0])}%`;
      row.push(two, high);
    });
    if (si === 1) row[40] = '4о'; // a typo in a strong school's cell
    if (si === 20) row.splice(row.length - 8); // a row shorter than the header
    if (si === 26) row[12] = null; // a blank where a value was expected
    ws.addRow(row);
  });
  ws.addRow(['', 'Итого по округу']);
  ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 3 }];
  ws.getColumn(2).width = 42;

  const reg = wb.addWorksheet('Школы');
  reg.addRow([
    'Логин',
    'Название ОО',
    'Территория',
    'Тип ОО',
    'Местность',
    'Малокомплектная',
    'Число обучающихся',
    'Доля из малоимущих семей, %',
    'Доля из неполных семей, %',
    'Доля с родителями с высшим образованием, %',
    'Доля с неродным русским языком, %',
    'Доля на профилактическом учёте, %',
    'Доля с ОВЗ, %',
    'Факторы риска',
    'Эл. почта ответственных',
  ]);
  for (const s of d.schools) {
    reg.addRow([
      s.login,
      s.name,
      s.territory,
      s.kind,
      s.rural ? 'село' : 'город',
      s.small ? 'да' : 'нет',
      s.pupils,
      ...s.context,
      s.risks,
      s.emails,
    ]);
  }
  reg.getColumn(2).width = 42;

  // The comparison of ВПР marks with journal marks, in the long layout of the ФИС ОКО export.
  const cmp = wb.addWorksheet('Сравнение с журналом');
  cmp.addRow([
    'Год',
    'Класс',
    'Предмет',
    'Логин',
    'ОО',
    'Кол-во участников',
    'Понизили (Отметка < Отметка по журналу) %',
    'Подтвердили (Отметка = Отметке по журналу) %',
    'Повысили (Отметка > Отметка по журналу) %',
  ]);
  for (const j of d.journal) {
    const s = d.schools[j.school] as SampleSchool;
    const p = d.procedures[j.procedure] as SampleProcedure;
    cmp.addRow([j.year, p.grade, SUBJECT_CSV[p.subject], s.login, s.name, j.participants, ...j.shares]);
  }
  cmp.getColumn(5).width = 42;
  await writeSteady(path, wb);
}

/** The long layout as ФИС ОКО exports it: `;`, decimal commas, a BOM. */
export function sampleCsv(d: SampleDistrict): string {
  const rows: string[][] = [
    ['Процедура', 'Год', 'Класс', 'Предмет', 'Муниципалитет', 'Логин', 'ОО', 'Кол-во участников', '2', '3', '4', '5'],
  ];
  YEARS.forEach((year, yi) => {
    d.procedures.forEach((p, pi) => {
      d.schools.forEach((s, si) => {
        const m = d.results[si]?.[pi]?.[yi];
        if (!m) return;
        const grade = p.grade ?? (p.exam === 'ОГЭ' ? 9 : 11);
        const subject =
          p.label === 'ЕГЭ МА проф'
            ? 'Математика (профильный уровень)'
            : p.label === 'ЕГЭ МА база'
              ? 'Математика (базовый уровень)'
              : SUBJECT_CSV[p.subject];
        rows.push([
          p.exam,
          String(year),
          String(grade),
          subject as string,
          'Энский муниципальный округ',
          s.login,
          s.name,
          String(m.participants),
          ...m.marks.map(comma),
        ]);
      });
    });
  });
  return `\ufeff${stringify(rows, { delimiter: ';', record_delimiter: '\r\n' })}`;
}

export const FISOKO_DIR = 'fisoko';
const REGION = 'Энская область';
export const MUNICIPALITY = 'Энский муниципальный округ';
const SUBJECT_TITLE: Record<string, string> = {
  'ЕГЭ МА проф': 'Математика (профильный уровень)',
  'ЕГЭ МА база': 'Математика (базовый уровень)',
};

export interface FisOkoFile {
  /** File name inside sample/fisoko/. */
  name: string;
  /** The report's sheet (written as .xlsx) and its name as ФИС ОКО gives it, or null for the ГИА table. */
  sheet: Sheet | null;
  sheetName: string | null;
  /** The CSV text of the ГИА table. */
  csv: string | null;
}

/** ФИС ОКО's code of the sample municipality, after its name as in real reports: «…(reg20_m012)». */
const MUNICIPALITY_CODE = 'reg77_m001';
/** Logins as ФИС ОКО writes them since 2022: edu and the same digits (the registry and the ГИА table keep sch). */
const todayLogin = (login: string) => login.replace(/^sch/, 'edu');

/**
 * The same district as ФИС ОКО's reports in the layout of 2022–2026, one .xlsx per procedure and year as a
 * coordinator downloads them (layout of real files: pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt):
 * «Статистика по отметкам» for every ВПР and year (title rows R1, R3–R6, the header in R8, «Вся выборка»,
 * the region, the municipality with its code, the schools with their edu login after the name), «Сравнение
 * отметок с отметками по журналу» for the ВПР of the latest year (one flattened header row, no «Вся
 * выборка»), and the ГИА as one long table from the regional centre, which still writes sch logins. Only
 * the schools that took part are listed, as in ФИС ОКО. The municipality's row is the district's own
 * average; the region's and the whole sample's only have to look real.
 */
export function fisokoFiles(d: SampleDistrict): FisOkoFile[] {
  const files: FisOkoFile[] = [];
  const municipality = `${MUNICIPALITY}(${MUNICIPALITY_CODE})`;
  const scaled = (l: TodayLevel, name: string, schools: number, times: number, factor: number): TodayLevel => ({
    name,
    schools,
    participants: l.participants * times,
    shares: l.shares.map((x) => Math.round(x * factor * 100) / 100),
  });
  const spec = (p: SampleProcedure, year: number): TodaySpec => ({
    exam: 'ВПР',
    subject: SUBJECT_CSV[p.subject] as string,
    grade: p.grade as number,
    year,
    date: `${15 + (p.grade ?? 0)}.04.${year}`,
    maxScore: p.subject === 'МА' ? 20 : 38,
  });
  d.procedures.forEach((p, pi) => {
    if (p.exam !== 'ВПР') return;
    YEARS.forEach((year, yi) => {
      const schools: ReportSchool[] = [];
      d.schools.forEach((s, si) => {
        const m = d.results[si]?.[pi]?.[yi];
        if (m) schools.push({ login: todayLogin(s.login), name: s.name, participants: m.participants, marks: m.marks });
      });
      const own = levelOf(municipality, schools);
      const levels = [scaled(own, 'Вся выборка', 35589, 400, 0.6), scaled(own, REGION, 560, 20, 0.9), own];
      const t = spec(p, year);
      files.push({
        name: `${year} ${p.label} статистика по отметкам.xlsx`,
        sheet: marksReportToday(t, levels, schools),
        sheetName: todaySheetName(t, 'Статистика по отметкам'),
        csv: null,
      });
    });
  });
  YEARS.slice(-1).forEach((year) => {
    d.procedures.forEach((p, pi) => {
      const rows = d.journal.filter((j) => j.year === year && j.procedure === pi);
      if (rows.length === 0) return;
      const schools: JournalSchool[] = rows.map((j) => {
        const s = d.schools[j.school] as SampleSchool;
        return { login: todayLogin(s.login), name: s.name, participants: j.participants, shares: j.shares };
      });
      const own = levelOf(municipality, schools);
      const t = spec(p, year);
      files.push({
        name: `${year} ${p.label} сравнение с журналом.xlsx`,
        sheet: journalReportToday(t, [scaled(own, REGION, 560, 20, 1.1), own], schools),
        sheetName: todaySheetName(t, 'Сравнение отметок с отметками по журналу'),
        csv: null,
      });
    });
  });
  const gia: string[][] = [['Процедура', 'Год', 'Класс', 'Предмет', 'Логин', 'ОО', 'Кол-во участников', '2', '3', '4', '5']];
  YEARS.forEach((year, yi) =>
    d.procedures.forEach((p, pi) => {
      if (p.exam === 'ВПР') return;
      d.schools.forEach((s, si) => {
        const m = d.results[si]?.[pi]?.[yi];
        if (!m) return;
        const subject = SUBJECT_TITLE[p.label] ?? (SUBJECT_CSV[p.subject] as string);
        gia.push([
          p.exam,
          String(year),
          String(p.exam === 'ОГЭ' ? 9 : 11),
          subject,
          s.login,
          s.name,
          String(m.participants),
          ...m.marks.map(comma),
        ]);
      });
    }),
  );
  files.push({
    name: `ГИА ${YEARS[0]}–${YEARS[YEARS.length - 1]} (РЦОИ).csv`,
    sheet: null,
    sheetName: null,
    csv: `\ufeff${stringify(gia, { delimiter: ';', record_delimiter: '\r\n' })}`,
  });
  return files;
}

async function writeFisoko(d: SampleDistrict, dir: string): Promise<number> {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  const files = fisokoFiles(d);
  for (const f of files) {
    if (f.sheet) await writeReportXlsx(join(dir, f.name), f.sheetName as string, f.sheet);
    else writeFileSync(join(dir, f.name), f.csv as string);
  }
  return files.length;
}

async function main(): Promise<void> {
  const d = makeSampleDistrict();
  await writeXlsx(d, join(root, 'sample', 'district.xlsx'));
  writeFileSync(join(root, 'sample', 'district.csv'), sampleCsv(d));
  const n = await writeFisoko(d, join(root, 'sample', FISOKO_DIR));
  const gia = fisokoFiles(d).filter((f) => f.name.startsWith('ГИА') && f.csv !== null);
  const f1 = await writePupilFiles(
    d,
    join(root, 'sample', PUPILS_DIR),
    gia.map((f) => ({ name: f.name, csv: f.csv as string })),
  );
  process.stdout.write(
    `Образец района: ${d.schools.length} ОО, ${d.procedures.length} процедур, ${YEARS.join(', ')} — sample/district.xlsx, sample/district.csv, ` +
      `sample/${FISOKO_DIR}/ (${n} выгрузок ФИС ОКО и ГИА), sample/${PUPILS_DIR}/ (${f1} файлов «Индивидуальные результаты» и ГИА)\n`,
  );
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
