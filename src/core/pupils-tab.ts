/**
 * «Результаты участников»: the per-school summaries of the Ф1 files as one tab, one row per school,
 * procedure and year — participants, the marks, the journal comparison counted per pupil, per-task points
 * and completion, the primary-score histogram. Sheets keeps these aggregates, not every pupil × task (a
 * region's year, ≈ 2.4 million pupils with 15–25 task columns, would not fit a spreadsheet's 10 million
 * cells); the command line keeps every pupil in memory. The lists of a row (tasks, points, histogram) are
 * written as text «a; b; c», read back by `parsePupilSummaryRows`.
 */
import { labelColumns } from './combine';
import { readProcedureHeader } from './procedure';
import { completion, type PupilSummary, type TaskLevel, type TaskSummary } from './pupils';
import { type CellValue, formatNumber, normalizeHeader } from './text';

export const PUPILS_SHEET = 'Результаты участников';
export const PUPILS_HEADER = [
  'Год',
  'Процедура',
  'Класс',
  'Предмет',
  'Муниципалитет',
  'Логин',
  'ОО',
  'Участников',
  '«2», чел.',
  '«3», чел.',
  '«4», чел.',
  '«5», чел.',
  'Сравнено с журналом, чел.',
  'Понизили, чел.',
  'Подтвердили, чел.',
  'Повысили, чел.',
  'Расходятся с журналом на 2 и более, чел.',
  'Макс. первичный балл',
  'Задания (макс. балл, уровень)',
  'Баллы за задания / участников',
  'Выполнение заданий, %',
  'Первичные баллы: участников с 0, 1, 2… баллами',
  'Наименьший балл с отметкой «2», «3», «4», «5»',
  'Файл',
  'Лист, строка',
] as const;
/** The columns holding lists (tasks, points, completion, histogram): wrapped, not cut. */
export const PUPILS_LISTS = { col: 18, cols: 4 } as const;
export const PUPILS_WIDTHS = [
  50, 80, 50, 150, 190, 90, 260, 80, 60, 60, 60, 60, 90, 80, 90, 80, 110, 80, 320, 260, 260, 260, 150, 220, 150,
];
/** The column added later: a tab written before it still reads (the count is then unknown). */
const FAR = PUPILS_HEADER.indexOf('Расходятся с журналом на 2 и более, чел.');

const SEP = '; ';
const list = (xs: readonly (string | number | null)[]) =>
  xs.map((x) => (x === null ? '—' : typeof x === 'number' ? formatNumber(x, 1) : x)).join(SEP);

/** The tab's rows, header first. */
export function pupilSummaryRows(summaries: readonly PupilSummary[]): CellValue[][] {
  const out: CellValue[][] = [[...PUPILS_HEADER]];
  for (const s of summaries) {
    const [exam, grade, subject] = labelColumns(s.procedure);
    out.push([
      s.year,
      exam,
      grade,
      subject,
      s.territory,
      s.login ?? '',
      s.name,
      s.participants,
      ...s.marks,
      s.journal.compared,
      s.journal.lowered,
      s.journal.confirmed,
      s.journal.raised,
      s.journal.far,
      s.maxScore,
      s.tasks.map((t) => `${t.number} (${t.max ?? '?'}б${t.level ? `, ${t.level}` : ''})`).join(SEP),
      s.tasks.map((t) => `${t.points}/${t.pupils}`).join(SEP),
      list(s.tasks.map((t) => completion(t))),
      s.histogram.join(SEP),
      list(s.lowest),
      s.file,
      s.sheet === s.file ? `строка ${s.row}` : `${s.sheet}, строка ${s.row}`,
    ]);
  }
  return out;
}

const TASK = /^(.+) \((\d+|\?)б(?:, ([БПВ]))?\)$/;

/**
 * The tab read back: one summary per row, for analyses in Sheets. Rows that do not read are skipped and
 * counted in `skipped` (1-based rows).
 */
export function parsePupilSummaryRows(values: readonly CellValue[][]): { summaries: PupilSummary[]; skipped: number[] } {
  const header = (values[0] ?? []).map((v) => normalizeHeader(v));
  const col = (h: string) => header.indexOf(normalizeHeader(h));
  const at = PUPILS_HEADER.map((h) => col(h));
  const summaries: PupilSummary[] = [];
  const skipped: number[] = [];
  if (at.some((c, i) => c < 0 && i !== FAR)) return { summaries, skipped };
  const get = (row: readonly CellValue[], i: number) => ((at[i] as number) < 0 ? null : row[at[i] as number]);
  const num = (v: CellValue) => (typeof v === 'number' ? v : Number(String(v ?? '').replace(',', '.')));
  const split = (v: CellValue) => (String(v ?? '') === '' ? [] : String(v).split(SEP));
  for (let r = 1; r < values.length; r++) {
    const row = values[r] ?? [];
    if (row.every((v) => v === null || v === '')) continue;
    const names = split(get(row, 18));
    const points = split(get(row, 19));
    const tasks: TaskSummary[] = [];
    let ok = names.length === points.length;
    names.forEach((n, i) => {
      const m = TASK.exec(n);
      const [p, q] = String(points[i] ?? '').split('/');
      if (!m || p === undefined || q === undefined) {
        ok = false;
        return;
      }
      const max = m[2] === '?' ? null : Number(m[2]);
      tasks.push({
        number: m[1] as string,
        label: max === null ? (m[1] as string) : `${m[1]} (${max}б)`,
        max,
        level: (m[3] as TaskLevel | undefined) ?? null,
        points: Number(p),
        pupils: Number(q),
      });
    });
    const exam = String(get(row, 1) ?? '');
    const grade = String(get(row, 2) ?? '');
    const subject = String(get(row, 3) ?? '');
    const year = num(get(row, 0));
    const login = String(get(row, 5) ?? '').toLowerCase();
    const name = String(get(row, 6) ?? '');
    const place = /^(?:(.*), )?строка (\d+)$/.exec(String(get(row, 24) ?? ''));
    const procedure = procedureOf(exam, grade, subject);
    const counts = [7, 8, 9, 10, 11, 12, 13, 14, 15].map((i) => num(get(row, i)));
    const farCell = get(row, FAR);
    const far = farCell === null || farCell === undefined || farCell === '' ? null : num(farCell);
    if (!ok || !procedure || !Number.isInteger(year) || counts.some((c) => !Number.isInteger(c) || c < 0)) {
      skipped.push(r + 1);
      continue;
    }
    const file = String(get(row, 23) ?? '');
    const maxScore = get(row, 17);
    summaries.push({
      key: login || `name:${normalizeHeader(name)}`,
      login: login || null,
      name,
      territory: String(get(row, 4) ?? ''),
      procedure,
      year,
      file,
      sheet: place?.[1] ?? file,
      row: Number(place?.[2] ?? 0),
      participants: counts[0] as number,
      marks: counts.slice(1, 5) as [number, number, number, number],
      journal: {
        compared: counts[5] as number,
        lowered: counts[6] as number,
        confirmed: counts[7] as number,
        raised: counts[8] as number,
        far: far !== null && Number.isInteger(far) && far >= 0 ? far : null,
      },
      tasks,
      histogram: split(get(row, 21)).map(Number),
      lowest: split(get(row, 22)).map((x) => (x === '—' ? null : num(x))) as PupilSummary['lowest'],
      maxScore: maxScore === null || maxScore === '' || maxScore === undefined ? null : num(maxScore),
    });
  }
  return { summaries, skipped };
}

/** «ВПР», 5, «математика» back to «ВПР МА 5», as the other long tabs are read. */
function procedureOf(exam: string, grade: string, subject: string): string | null {
  return readProcedureHeader(`${exam} ${subject} ${grade}`).procedure?.label ?? null;
}
