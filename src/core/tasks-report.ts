/**
 * The справка's section on tasks and score distributions (src/core/tasks.ts): how completion was judged,
 * each school's weak tasks beside the district, said in words where the task's description is known
 * (src/core/task-texts.ts), its systematic gaps, and the peaks at the mark boundaries with their numbers.
 * The same blocks go to the tab «Аналитическая справка» and to the .docx.
 */
import type { PupilSummary } from './pupils';
import type { ReportBlock } from './report';
import { type BlockTexts, gapText, parentTask, systematicGaps, taskKey, TEXTS_SHEET } from './task-texts';
import type { ScorePeak, TaskBlock, TaskResult } from './tasks';
import { weakTasks } from './tasks';
import { boundariesText } from './scales';
import { formatNumber, plural } from './text';

export interface ReportTasks {
  blocks: readonly TaskBlock[];
  peaks: readonly ScorePeak[];
  weakMargin: number;
  /** Years the verdict looked at: only their blocks are described. */
  years: readonly number[];
  /** The per-school summaries: the pupils whose ВПР mark differs from the journal's by 2 or more. */
  summaries?: readonly PupilSummary[];
  /** The descriptions of the blocks' tasks, by «procedure|year». */
  texts?: ReadonlyMap<string, BlockTexts>;
}

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, 0)} %`);

export function tasksSection(r: ReportTasks): ReportBlock[] {
  const out: ReportBlock[] = [];
  const p = (text: string) => out.push({ kind: 'paragraph', text });
  // The verdict's years; when it looked at none (no counted procedure in the data: ВПР 4 only), the latest year.
  const years = r.years.length > 0 ? r.years : [Math.max(...r.blocks.map((b) => b.year))];
  const blocks = r.blocks.filter((b) => years.includes(b.year));
  const judged = blocks.reduce((n, b) => n + b.schools.length, 0);
  p(
    `По индивидуальным результатам участников (лист «Результаты участников»; ${blocks.map((b) => `${b.procedure}, ${b.year}`).join('; ')}) ` +
      `вычислена доля выполнения каждого задания в каждой школе и по району в целом. По рекомендациям ФИОКО базовое задание выполнено ` +
      `достаточно при 60 % и выше и недостаточно при менее 57 %, задание повышенного и высокого уровня — при 30 % и менее 28,5 %. ` +
      `Слабым для школы считается задание, выполненное недостаточно и на ${formatNumber(r.weakMargin)} п. п. и более ниже района. ` +
      `Таблица по всем школам и заданиям — на листе «Задания».`,
  );
  const rows: string[][] = [];
  const gaps: string[] = [];
  let described = 0;
  const undescribed: string[] = [];
  for (const b of blocks) {
    const texts = r.texts?.get(`${b.procedure}|${b.year}`);
    const known = texts !== undefined && texts.byTask.size > 0;
    if (known) described++;
    else undescribed.push(`${b.procedure}, ${b.year}${texts?.mismatch ? ' (описание ФИОКО не совпадает со структурой файла)' : ''}`);
    // Without any description of the block its tasks are numbers (said once below); with some, a missing one is said.
    const about = (t: TaskResult) => {
      const d = texts?.byTask.get(taskKey(t.number));
      return [t.level, d?.text ? `«${d.text}»` : known ? 'описания нет' : null].filter(Boolean).join(', ');
    };
    for (const s of b.schools) {
      const weak = weakTasks(s);
      if (weak.length === 0) continue;
      rows.push([
        s.name,
        `${b.procedure}, ${b.year}`,
        weak
          .map((t, i) => {
            // An item of a task said just before («12.1», then «12.2»): its text is not repeated.
            const prev = weak[i - 1];
            const same =
              prev !== undefined &&
              parentTask(prev.number) === parentTask(t.number) &&
              !!texts?.byTask.get(taskKey(t.number))?.text &&
              about(prev) === about(t);
            const what = same ? 'то же' : about(t);
            return `задание ${t.number}${what ? ` (${what})` : ''}: ${pct(t.completion)} при ${pct(t.district)} по району`;
          })
          .join('; '),
      ]);
      const found = systematicGaps(s, texts);
      if (found.length > 0) gaps.push(`${s.name}, ${b.procedure}, ${b.year}: ${found.map(gapText).join('; ')}.`);
    }
  }
  if (rows.length === 0) p(`Слабых заданий не выявлено ни в одной из ${judged} ${plural(judged, ['школы', 'школ', 'школ'])}.`);
  else {
    const schools = new Set(rows.map((x) => x[0])).size;
    p(`Слабые задания выявлены у ${schools} ${plural(schools, ['школы', 'школ', 'школ'])}:`);
    out.push({ kind: 'table', header: ['ОО', 'Процедура', 'Слабые задания: выполнение школы и района'], rows, spans: [2, 1, 3] });
    if (undescribed.length > 0)
      p(
        `Описаний заданий нет для ${undescribed.join('; ')}: их задания названы номерами, системные пробелы по ним не оценивались; ` +
          `описания можно внести на лист «${TEXTS_SHEET}».`,
      );
    if (described > 0 && gaps.length === 0)
      p('Системных пробелов (раздел, в котором слабы больше половины заданий школы, но не меньше двух) не выявлено.');
    else if (gaps.length > 0) {
      p(
        'Системные пробелы — разделы, в которых слабы больше половины заданий школы (не меньше двух): это профессиональные дефициты, над которыми стоит работать методическим объединениям.',
      );
      for (const g of gaps) p(g);
    }
  }
  const peaks = r.peaks.filter((x) => years.includes(x.year));
  p(
    'Распределение первичных баллов сопоставлено с границами отметок (по шкале ФИОКО или района — лист «Шкалы отметок ВПР», если участники ей не противоречат, иначе наименьший балл, получивший отметку, по участникам района). ' +
      'Пик на границе — участников ровно с минимальным баллом отметки значительно больше, чем предсказывает распределение района при ' +
      'таком уровне школы (биномиальный критерий, p < 0,001), и провал на баллах чуть ниже границы. По рекомендациям ФИОКО это возможный ' +
      'признак необъективности, требующий дополнительного анализа, а не вывод; школы с числом участников менее 20 не оцениваются, ' +
      'от 20 до 49 — с ограниченной достоверностью.',
  );
  // Границы каждой процедуры — на листе «Задания»; здесь — только где файл противоречит шкале.
  for (const b of blocks) if (b.boundaries.disagreements.length > 0) p(`${b.procedure}, ${b.year}. ${boundariesText(b.boundaries)}`);
  if (peaks.length === 0) p('Пиков на границах отметок не выявлено.');
  else for (const x of peaks) p(`${x.name}: ${x.text}.`);
  const far = journalFar(r);
  if (far) p(far);
  return out;
}

/**
 * «Отметка ВПР расходится с журнальной на 2 и более …»: the district's share over the years described, and the
 * schools where it is largest (20 pupils compared and more, up to five). Null without the count.
 */
function journalFar(r: ReportTasks): string | null {
  const rows = (r.summaries ?? []).filter((s) => r.years.includes(s.year) && s.journal.compared > 0 && s.journal.far !== null);
  if (rows.length === 0) return null;
  const compared = rows.reduce((n, s) => n + s.journal.compared, 0);
  const far = rows.reduce((n, s) => n + (s.journal.far ?? 0), 0);
  const share = (a: number, b: number) => `${formatNumber((100 * a) / b)} %`;
  const top = rows
    .filter((s) => s.journal.compared >= 20 && (s.journal.far ?? 0) > 0)
    .sort((a, b) => (b.journal.far ?? 0) / b.journal.compared - (a.journal.far ?? 0) / a.journal.compared)
    .slice(0, 5)
    .map(
      (s) =>
        `${s.name} (${s.procedure}, ${s.year}: ${s.journal.far} из ${s.journal.compared}, ${share(s.journal.far ?? 0, s.journal.compared)})`,
    );
  return (
    `Отметка ВПР расходится с отметкой по журналу на 2 и более (по ученикам, лист «Результаты участников»): ${far} из ${compared} ` +
    `сравненных участников (${share(far, compared)})` +
    (top.length > 0 ? `; больше всего — ${top.join('; ')}.` : '.')
  );
}
