/**
 * A school's roadmap proposal from its own weak tasks (src/core/tasks.ts) and what they check
 * (src/core/task-texts.ts): «Методическая помощь учителям математики 5 классов по темам: …» — per procedure
 * the latest year the school wrote it, only when tasks were weak that year; the topics are the sections of
 * the descriptions with their task numbers (the task's text where it has no section, its number where no
 * description is known), the expected result the district's own figures. Nothing from another district:
 * the proposal is made of this district's results and the descriptions it ships or keeps.
 */
import type { CatalogueActivity, RiskFactor } from './catalogue';
import { DIRECTIONS } from './catalogue';
import { loginKey } from './login';
import { parseProcedureLabel } from './procedure';
import { type BlockTexts, parentTask, systematicGaps, taskKey } from './task-texts';
import { type TaskBlock, type TaskResult, weakTasks } from './tasks';
import { formatNumber } from './text';

export interface TaskHelp {
  activity: CatalogueActivity;
  /** Why it is proposed: the weak tasks and gaps, in words. */
  reasons: string[];
}

/** The code of the proposal in a roadmap: one per school, procedure and year. */
export const taskHelpCode = (procedure: string, year: number) => `З/${procedure}/${year}`;

const SUBJECT: Record<string, { teachers: string; primary: string; name: string }> = {
  МА: { teachers: 'математики', primary: 'по математике', name: 'математика' },
  РУ: { teachers: 'русского языка', primary: 'по русскому языку', name: 'русский язык' },
};

const METHODS_BLOCK = DIRECTIONS.find((d) => /^Педагоги/.test(d)) ?? (DIRECTIONS[1] as string);
const RISK: RiskFactor = 'недостаточная предметная и методическая компетентность педагогов';

const pct = (v: number | null) => (v === null ? '—' : `${formatNumber(v, 0)} %`);
const listed = (xs: readonly string[]) => (xs.length === 1 ? `задание ${xs[0]}` : `задания ${xs.join(', ')}`);

/** Who the help is for: «учителям математики 5 классов», «учителям начальных классов по русскому языку (4 классы)». */
function teachers(procedure: string): { who: string; subjects: string[]; primary: boolean } | null {
  const p = parseProcedureLabel(procedure);
  if (!p || p.exam !== 'ВПР' || p.grade === null) return null;
  const s = SUBJECT[p.subject];
  if (!s) return null;
  const deep = p.level === 'углубл' ? ' (углублённое изучение)' : '';
  const who =
    p.grade <= 4 ? `учителям начальных классов ${s.primary} (${p.grade} классы)` : `учителям ${s.teachers} ${p.grade} классов${deep}`;
  return { who, subjects: [s.name], primary: p.grade <= 4 };
}

/** «Лексика» (задания 6, 7); «Умение …» (задание 3); задание 5 (описания нет). */
function topics(weak: readonly TaskResult[], texts: BlockTexts | undefined): string {
  const groups: Array<{ title: string; tasks: string[] }> = [];
  const add = (title: string, task: string) => {
    const g = groups.find((x) => x.title === title);
    if (!g) groups.push({ title, tasks: [task] });
    else if (!g.tasks.includes(task)) g.tasks.push(task);
  };
  for (const t of weak) {
    const d = texts?.byTask.get(taskKey(t.number));
    const task = parentTask(t.number);
    if (d?.section) add(`«${d.section}»`, task);
    else if (d?.text) add(`«${d.text}»`, task);
    else add('', task);
  }
  return groups.map((g) => (g.title ? `${g.title} (${listed(g.tasks)})` : `${listed(g.tasks)} (описания нет)`)).join('; ');
}

/** «по темам: «Дроби» (задания 1, 2); …», or without any description «по темам слабых заданий ВПР МА 5, 2026: 1, 3 (описаний заданий нет)». */
function aboutTopics(weak: readonly TaskResult[], texts: BlockTexts | undefined, procedure: string, year: number): string {
  const described = weak.some((t) => texts?.byTask.get(taskKey(t.number))?.text || texts?.byTask.get(taskKey(t.number))?.section);
  if (described) return `по темам: ${topics(weak, texts)}`;
  return `по темам слабых заданий ${procedure}, ${year}: ${[...new Set(weak.map((t) => parentTask(t.number)))].join(', ')} (описаний заданий нет)`;
}

/**
 * The proposals for one school: for each ВПР МА / РУ procedure, its latest year with the school's pupils;
 * a proposal when some tasks were weak that year.
 */
export function taskHelpFor(login: string, blocks: readonly TaskBlock[], texts: ReadonlyMap<string, BlockTexts>): TaskHelp[] {
  const key = loginKey(login);
  const latest = new Map<string, { block: TaskBlock; school: TaskBlock['schools'][number] }>();
  for (const b of blocks)
    for (const s of b.schools) {
      if (loginKey(s.key) !== key) continue;
      const had = latest.get(b.procedure);
      if (!had || had.block.year < b.year) latest.set(b.procedure, { block: b, school: s });
    }
  const out: TaskHelp[] = [];
  for (const { block, school } of [...latest.values()].sort((a, b) => (a.block.procedure < b.block.procedure ? -1 : 1))) {
    const weak = weakTasks(school);
    const who = teachers(block.procedure);
    if (weak.length === 0 || !who) continue;
    const described = texts.get(`${block.procedure}|${block.year}`);
    const numbers = [...new Set(weak.map((t) => parentTask(t.number)))];
    const skills = [...new Set(weak.map((t) => described?.byTask.get(taskKey(t.number))?.text ?? '').filter(Boolean))];
    const figures = `${block.year} г.: школа — ${weak.map((t) => pct(t.completion)).join(', ')}; район — ${weak.map((t) => pct(t.district)).join(', ')}`;
    const gaps = systematicGaps(school, described);
    out.push({
      activity: {
        id: taskHelpCode(block.procedure, block.year),
        block: METHODS_BLOCK,
        level: 'school',
        activity: `Методическая помощь ${who.who} ${aboutTopics(weak, described, block.procedure, block.year)}`,
        term: 'в течение учебного года',
        responsible: `заместитель директора по УВР, ${who.primary ? 'учителя начальных классов' : 'учителя-предметники'}`,
        result:
          `Выполнение ${numbers.length === 1 ? 'задания' : 'заданий'} ${numbers.join(', ')} ${block.procedure} — не ниже района (${figures})` +
          (skills.length > 0 ? `. Проверяемые умения: ${skills.join('; ')}` : ''),
        document: 'План методической работы ОО; протоколы заседаний школьного методического объединения',
        subjects: who.subjects,
        targets: ['педагоги'],
        risks: [RISK],
        transition: false,
        sources: [],
        planning: false,
        core: false,
      },
      reasons: [
        `слабые задания ${block.procedure}, ${block.year}: ${weak.map((t) => t.number).join(', ')}`,
        ...gaps.map((g) => `системный пробел: раздел «${g.section}»`),
      ],
    });
  }
  return out;
}
