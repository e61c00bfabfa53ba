/** `shnor compare <file> --a ID --b ID`: what changes between two sets of criteria, school by school. */
import { commandArgs } from './command-args';
import { compareAction, CURRENT_SETTINGS } from '../actions/compare';
import type { Comparison } from '../core/compare';
import { comparisonSummary, rulesText, sideText } from '../core/compare';
import { PRESETS } from '../core/criteria';
import { describeProblem } from '../core/results';
import { failure } from './messages';
import { parseNumberCell } from '../core/text';
import { MemoryWorkbook } from '../workbook/memory';
import { checkMemory, incompleteText, loadInputs, runEstimate } from './inputs';
import { withParses } from './book';

interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}

export const COMPARE_HELP = `shnor compare <файл.xlsx|файл.csv> --a НАБОР --b НАБОР [параметры]
  Применяет к одной таблице результатов два набора критериев и показывает, какие школы каждый включает
  в перечень ШНОР, кто различается и по какому правилу (правило 1, правило 2 или их объединение).
  Вместо файла можно указать несколько файлов и папок выгрузок: shnor compare <файл|папка>... --a … --b …

Параметры compare:
  --a НАБОР, --b НАБОР   наборы критериев:
${PRESETS.map((p) => `                         ${p.id} — ${p.name}`).join('\n')}
                         ${CURRENT_SETTINGS} — лист «Настройки ШНОР» этой книги (без него — по умолчанию)
  --threshold ПРОЦЕНТ    один порог доли «2» для обоих наборов, например 20
  --sheet ИМЯ            лист с результатами (без него — единственный подходящий видимый лист)
  --json                 вывести один документ JSON
  -h, --help             эта справка
`;

const OPTIONS = {
  a: { type: 'string' },
  b: { type: 'string' },
  threshold: { type: 'string' },
  sheet: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

const EXIT = { done: 0, problems: 1, failed: 2 } as const;

export async function runCompare(argv: string[], io: Io): Promise<number> {
  const args = commandArgs('compare', argv, OPTIONS, COMPARE_HELP, io);
  if (typeof args === 'number') return args;
  const { values, positionals, fail } = args;
  if (positionals.length === 0) return fail('Укажите файл с результатами (.xlsx или .csv).');
  if (!values.a || !values.b) return fail('Укажите оба набора критериев: --a и --b.');
  let threshold: number | undefined;
  if (values.threshold !== undefined) {
    const t = parseNumberCell(values.threshold);
    if (t.kind !== 'number' || t.value <= 0 || t.value > 100)
      return fail(`Порог «${values.threshold}» должен быть числом больше 0 и не больше 100.`);
    threshold = t.value;
  }
  try {
    const estimate = runEstimate(positionals, await checkMemory(positionals, 'compare'), 'compare');
    if (estimate) io.err(estimate);
    const { grids, table, incomplete, parses } = await loadInputs(positionals, values.sheet);
    if (incomplete) (values.json ? io.err : io.out)(`${incompleteText(incomplete)}${values.json ? '' : '\n'}`);
    const wb = withParses(new MemoryWorkbook(grids), parses);
    const outcome = compareAction(wb, { a: values.a, b: values.b, sheet: table.sheet, threshold });
    if (outcome.kind !== 'done') {
      io.err(outcome.message.replace(/\s+/g, ' '));
      return EXIT.failed;
    }
    io.out(values.json ? `${JSON.stringify(toJson(outcome.comparison, table.sheet))}\n` : toText(outcome.comparison, table.sheet));
    if (!values.json && table.problems.length > 0) {
      const errors = table.problems.filter((p) => p.severity === 'ошибка');
      if (errors.length > 0)
        io.out(`\nНечитаемые ячейки (не учтены ни в A, ни в B):\n${errors.map((p) => `  ${describeProblem(p)}`).join('\n')}\n`);
    }
    return incomplete || table.problems.some((p) => p.severity === 'ошибка') ? EXIT.problems : EXIT.done;
  } catch (e) {
    return failure(e, io);
  }
}

function toJson(c: Comparison, sheet: string) {
  return {
    sheet,
    a: { id: c.a.id, label: c.a.label, year: c.a.assessment.year },
    b: { id: c.b.id, label: c.b.label, year: c.b.assessment.year },
    counts: c.counts,
    schools: c.rows.map((r) => ({
      login: r.login,
      name: r.name,
      a: { status: r.a.status, rules: r.a.rules },
      b: { status: r.b.status, rules: r.b.rules },
      difference: r.difference,
      cause: r.cause,
      why: r.why,
    })),
  };
}

function toText(c: Comparison, sheet: string): string {
  const year = c.a.assessment.year ?? '—';
  const lines = [
    `Сравнение критериев: лист «${sheet}», год отсчёта ${year}.`,
    sideText('A', c.a),
    sideText('B', c.b),
    comparisonSummary(c),
    '',
  ];
  const differing = c.rows.filter((r) => r.difference !== '');
  if (differing.length === 0) lines.push('Статусы всех ОО совпадают.');
  else {
    lines.push(`Различаются (${differing.length}):`);
    for (const r of differing) {
      const rules = (v: (typeof r)['a']) => (v.rules.length > 0 ? ` (${rulesText(v)})` : '');
      lines.push(`  ${r.login ?? '—'}  ${r.name}`);
      lines.push(`    A: ${r.a.status}${rules(r.a)} → B: ${r.b.status}${rules(r.b)} — ${r.difference}, ${r.cause}`);
      lines.push(`    ${r.why}`);
    }
  }
  return `${lines.join('\n')}\n`;
}
