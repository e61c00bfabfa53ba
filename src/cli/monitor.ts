/**
 * `shnor monitor <книга.xlsx>`: the «Мониторинг дорожных карт» item from the command line — the table
 * printed (or the tab written with -o), reminders for overdue activities printed or written to a file,
 * and with --effect the «Эффективность программы» comparison too.
 */
import { writeFile } from 'node:fs/promises';
import { commandArgs } from './command-args';
import { changeLine, NOT_A_CAUSE, progressRule, signed } from '../core/effect';
import { computeEffect, EFFECT_SHEET, writeEffect } from '../actions/effect';
import { MONITOR_SHEET, monitorData, overdueReminders, periodsText, writeMonitor } from '../actions/monitor';
import { activityLabel, ownerLabel, shareText, shareDone } from '../core/monitor';
import { cellDate, formatIsoDate } from '../core/roadmap-sheet';
import { checkOutput, saveBook, withBook } from './book';
import { errnoText, InputError, readGrids } from './input';
import { failure } from './messages';
import type { Io } from './main';
import { Progress, STEP_NAMES } from './progress';

export const MONITOR_HELP = `shnor monitor — мониторинг дорожных карт и эффективность программы
(пункты меню «Мониторинг дорожных карт», «Напоминания о просроченных мероприятиях…», «Эффективность программы»)

Использование:
  shnor monitor <книга.xlsx> [параметры]                 таблица по дорожным картам («ДК …») периода
  shnor monitor <книга.xlsx> -o книга-2.xlsx [параметры]  записать вкладку «${MONITOR_SHEET}»
  shnor monitor <книга.xlsx> --reminders письма.txt      тексты напоминаний о просроченных мероприятиях

Книга — рабочая книга района с вкладками дорожных карт (созданная надстройкой, shnor analyze -o
или shnor roadmap -o). Период — тот, что идёт на дату (если таких карт нет — последний).

Параметры:
  --date ДАТА          на какую дату считать (дд.мм.гггг; по умолчанию сегодня по Москве)
  --reminders ФАЙЛ     записать напоминания в текстовый файл («-» — напечатать)
  --school ЛОГИН       напоминание только этой школе («район» — по муниципальной карте)
  --effect             сравнить ШНОР двух лет с районом (вкладка «${EFFECT_SHEET}» с -o)
  --before ГОД --after ГОД  какие годы сравнивать (по умолчанию последний год данных и предыдущий)
  --sheet ИМЯ          лист результатов (для ШНОР без карты и для --effect)
  -o, --output ФАЙЛ    куда записать книгу (.xlsx); входной файл не меняется
  --progress           показывать ход работы на stderr и тогда, когда это не терминал
  -h, --help           эта справка

Коды выхода: 0 — готово; 2 — не удалось выполнить.`;

const OPTIONS = {
  date: { type: 'string' },
  reminders: { type: 'string' },
  school: { type: 'string' },
  effect: { type: 'boolean' },
  before: { type: 'string' },
  after: { type: 'string' },
  sheet: { type: 'string' },
  output: { type: 'string', short: 'o' },
  progress: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function year(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d{4}$/.test(text.trim())) throw new InputError(`${option}: ожидается год, например 2025, а не «${text}».`);
  return Number(text);
}

/** Noon in Moscow of the day given: the day the counts are for. */
function dayOf(text: string | undefined): Date {
  if (text === undefined) return new Date();
  const iso = cellDate(text.trim());
  if (!iso) throw new InputError(`--date: ожидается дата дд.мм.гггг, а не «${text}».`);
  return new Date(`${iso}T09:00:00Z`);
}

export async function runMonitor(argv: string[], io: Io): Promise<number> {
  const args = commandArgs('monitor', argv, OPTIONS, `${MONITOR_HELP}\n`, io);
  if (typeof args === 'number') return args;
  const { values, positionals, fail } = args;
  if (positionals.length !== 1 || !/\.xlsx$/i.test(positionals[0] as string))
    return fail('Укажите одну книгу района .xlsx с вкладками дорожных карт.');
  const input = positionals[0] as string;
  const output = values.output;
  const S = STEP_NAMES;
  const bar = Progress.on(io.progress, output ? [S.read, S.roadmaps, S.write] : [S.read, S.roadmaps], values.progress === true);
  try {
    if (output) checkOutput(input, output);
    const now = dayOf(values.date);
    const before = year(values.before, '--before');
    const after = year(values.after, '--after');
    bar.step(S.read);
    return await withBook(input, await readGrids(input), undefined, async (wb) => {
      bar.step(S.roadmaps);
      const text: string[] = [];
      if (output) {
        text.push(writeMonitor(wb, { now, sheet: values.sheet }).message);
        if (values.effect) {
          const e = writeEffect(wb, { now, sheet: values.sheet, before, after });
          if (e.kind !== 'done') throw new InputError(e.message);
          text.push(e.message);
        }
      } else {
        text.push(...monitorLines(monitorData(wb, { now, sheet: values.sheet })));
        if (values.effect) {
          const e = computeEffect(wb, { now, sheet: values.sheet, before, after });
          if (e.kind !== 'done') throw new InputError(e.message);
          text.push('', ...effectLines(e));
        }
      }
      if (values.reminders !== undefined) {
        const { reminders, today } = overdueReminders(wb, { now, owner: values.school });
        const letters =
          reminders.length === 0
            ? `На ${formatIsoDate(today)} просроченных мероприятий${values.school ? ` у «${values.school}»` : ''} нет.\n`
            : reminders
                .map((r) => `Кому: ${r.emails.join(', ') || 'адреса нет в реестре «Школы»'}\nТема: ${r.subject}\n\n${r.text}\n`)
                .join(`\n${'—'.repeat(40)}\n\n`);
        if (values.reminders === '-') text.push('', letters.trimEnd());
        else {
          try {
            await writeFile(values.reminders, letters, 'utf8');
          } catch (e) {
            throw new InputError(`Не удалось записать ${values.reminders}: ${errnoText(e)}.`);
          }
          text.push(`Напоминаний: ${reminders.length} — в файле ${values.reminders}`);
        }
      }
      if (output) {
        bar.step(S.write);
        await saveBook(wb, output);
        text.push(`Книга записана: ${output}`);
      }
      bar.clear();
      io.out(`${text.join('\n')}\n`);
      return 0;
    });
  } catch (e) {
    bar.clear();
    return failure(e, io);
  }
}

/** The monitor as text: one line per roadmap, then the blocks. */
export function monitorLines(d: ReturnType<typeof monitorData>): string[] {
  const out = [`Мониторинг дорожных карт на ${formatIsoDate(d.today)}, период ${periodsText(d.periods)}`, ...d.notes];
  for (const m of d.roadmaps) {
    const c = m.counts;
    out.push(
      `${m.sheet} — ${ownerLabel(m.meta)}: ${m.state}; всего ${c.total}, выполнено ${c.done}, в работе ${c.inProgress}, ` +
        `запланировано ${c.planned}, просрочено ${c.overdue}, отменено ${c.cancelled}; выполнено из наступивших ${shareText(shareDone(c))}` +
        (m.nearest ? `; ближайший срок: ${activityLabel(m.nearest)}` : '') +
        (m.oldestOverdue ? `; самое давнее просроченное: ${activityLabel(m.oldestOverdue)}` : '') +
        (m.lastChange ? `; изменена ${m.lastChange.when} (${m.lastChange.who})` : ''),
    );
  }
  for (const s of d.missing ?? []) out.push(`${s.name} (${s.login}): нет дорожной карты`);
  if (d.blocks.length > 0) out.push('', 'По направлениям (блокам):');
  for (const b of d.blocks) {
    const c = b.counts;
    out.push(
      `${b.block} (${b.roadmaps}): всего ${c.total}, выполнено ${c.done}, в работе ${c.inProgress}, запланировано ${c.planned}, ` +
        `просрочено ${c.overdue}, отменено ${c.cancelled}; выполнено из наступивших ${shareText(shareDone(c))}`,
    );
  }
  return out;
}

function effectLines(out: Extract<ReturnType<typeof computeEffect>, { kind: 'done' }>): string[] {
  const e = out.effect;
  const lines = [`Эффективность программы: ШНОР ${e.before} и ${e.after} годов`, out.message, progressRule(e.threshold)];
  for (const s of e.schools)
    lines.push(
      `${s.name}${s.login ? ` (${s.login})` : ''}: ${s.movement}; ${s.progress}` +
        (s.change === null ? '' : ` (школа ${signed(s.change)}, район ${signed(s.district)}, разница ${signed(s.relative)} п. п.)`) +
        (s.changes.length ? `; ${s.changes.map(changeLine).join('; ')}` : ''),
    );
  for (const i of e.indicators)
    lines.push(
      `${i.name}: ${i.value === null ? 'нет данных' : `${String(i.value).replace('.', ',')} % (${i.numerator} из ${i.denominator})`}`,
    );
  lines.push(NOT_A_CAUSE);
  return lines;
}
