/**
 * «Аналитическая справка»: the text a methodologist pastes into the office's document after every
 * identification — criteria, counts with shares, the list with reasons, who entered and left the list,
 * dynamics by procedure. Russian number agreement throughout (1 школа, 2 школы, 5 школ, 21 школа).
 */
import { type ContextStatus, NO_CONTEXT } from './context';
import { describeCriteria } from './criteria';
import type { Marker, ObjectivitySettings } from './objectivity';
import type { ProcedureDynamics } from './dynamics';
import { describeIndicatorValue, type Indicator, statusOf, statusYear } from './indicators';
import { formatNumber, plural } from './text';
import { type Assessment, reasonsText, type Verdict } from './verdict';

const SCHOOL: [string, string, string] = ['школа', 'школы', 'школ'];
const ORG: [string, string, string] = [
  'общеобразовательная организация',
  'общеобразовательные организации',
  'общеобразовательных организаций',
];

/** «6 из 17 ОО (35 %)» */
export function shareText(n: number, total: number): string {
  const share = total === 0 ? 0 : (n / total) * 100;
  return `${n} из ${total} ОО (${formatNumber(share, 0)} %)`;
}

/** «отнесена 21 школа», «отнесены 2 школы», «отнесено 5 школ» */
export function countedSchools(n: number): string {
  const verb = plural(n, ['отнесена', 'отнесены', 'отнесено']);
  return `${verb} ${n} ${plural(n, SCHOOL)}`;
}

export interface ReportInput {
  sheet: string;
  assessment: Assessment;
  /** The identification a year earlier on the same data, when the data reach back far enough. */
  previous: Assessment | null;
  procedures: string[];
  years: number[];
  dynamics: ProcedureDynamics[];
  dynamicsThreshold: number;
  /** «дд.мм.гггг» */
  date: string;
  /** The programme's indicators from «Показатели», when the workbook has them. */
  indicators?: Indicator[];
  /** ШНСУ, resilient schools and objectivity markers; absent: the paragraphs are left out. */
  beyond?: ReportBeyond;
}

export interface ReportBeyond {
  /** Null when the workbook has no registry «Школы». */
  context: { method: string; statuses: ReadonlyMap<string, ContextStatus> } | null;
  /** Markers of the years the verdict looked at, by school key. */
  markers: ReadonlyMap<string, Marker[]>;
  objectivity: ObjectivitySettings;
  /** The comparison sheet, when the workbook has one. */
  comparisonSheet: string | null;
}

const who = (v: Verdict) => (v.login ? `${v.name} (${v.login})` : v.name);

/** The paragraphs on ШНСУ, resilient schools and objectivity. */
export function beyondParagraphs(a: Assessment, b: ReportBeyond): string[] {
  const out: string[] = [];
  if (!b.context) {
    out.push(
      'Социальный контекст: реестр школ «Школы» в книге не найден — школы, функционирующие в неблагоприятных социальных условиях (ШНСУ), и резильентные школы не определялись.',
    );
  } else {
    const status = (v: Verdict) => b.context?.statuses.get(v.key) ?? NO_CONTEXT;
    const withIndex = a.verdicts.filter((v) => status(v) !== NO_CONTEXT);
    const both = a.verdicts.filter((v) => status(v) === 'ШНОР и ШНСУ');
    const resilient = a.verdicts.filter((v) => status(v) === 'резильентная');
    const plain = a.verdicts.filter((v) => status(v) === 'ШНСУ');
    const shnsu = both.length + resilient.length + plain.length;
    const none = a.verdicts.filter((v) => status(v) === NO_CONTEXT);
    out.push(`Социальный контекст. ${b.context.method}`);
    out.push(
      `К ШНСУ ${countedSchools(shnsu)}: ${shareText(shnsu, withIndex.length)} с рассчитанным индексом. ` +
        `Одновременно ШНОР и ШНСУ — ${both.length} ${plural(both.length, SCHOOL)}${both.length ? ` (${both.map((v) => v.name).join(', ')})` : ''}; ` +
        `ШНСУ в зоне риска или без данных о результатах — ${plain.length}.`,
    );
    if (resilient.length > 0) {
      out.push(
        `Резильентные школы (низкий индекс социального благополучия, нет низких результатов) — ${resilient.length} ${plural(resilient.length, SCHOOL)}. ` +
          'Их опыт — положительная практика: его стоит изучить и распространить среди ШНОР района.',
      );
      resilient.forEach((v, i) => {
        const marked = b.markers.has(v.key) ? ' — есть признаки необъективности результатов, опыт стоит сначала подтвердить' : '';
        out.push(`${i + 1}. ${who(v)}${marked}.`);
      });
    } else out.push('Резильентных школ (низкий индекс социального благополучия, нет низких результатов) не выявлено.');
    if (none.length > 0)
      out.push(
        `Нет данных о контексте: ${none.length} ${plural(none.length, SCHOOL)} (${none.map((v) => v.name).join(', ')}) — индекс не вычислен, ` +
          'сведения нужно внести в реестр «Школы».',
      );
  }
  const o = b.objectivity;
  const marked = a.verdicts.filter((v) => b.markers.has(v.key));
  const basis =
    `доля «Повысили» более ${formatNumber(o.raisedMax)} %, «Подтвердили» менее ${formatNumber(o.confirmedMin)} %` +
    `${b.comparisonSheet ? ` (сравнение с журнальными отметками, лист «${b.comparisonSheet}»)` : ' (сравнения с журнальными отметками в книге нет)'}; ` +
    `доля высоких результатов ВПР выше средней по району на ${formatNumber(o.highExcess)} п. п. и более, не подтверждённая ОГЭ/ЕГЭ, — кроме гимназий и лицеев`;
  if (marked.length === 0) out.push(`Признаков необъективности результатов не выявлено (проверялось: ${basis}).`);
  else {
    out.push(`Признаки необъективности результатов (${basis}) — у ${marked.length} ${plural(marked.length, ['школы', 'школ', 'школ'])}:`);
    marked.forEach((v, i) => out.push(`${i + 1}. ${who(v)}: ${(b.markers.get(v.key) ?? []).map((m) => m.text).join('; ')}.`));
    out.push(
      o.countMarked
        ? 'Результаты с признаками учитываются при отнесении к ШНОР: признаки — повод проверить объективность, а не основание менять статус.'
        : 'Результаты с признаками не учитываются при отнесении к ШНОР (так задано в настройках); в основаниях каждой школы это указано.',
    );
  }
  return out;
}

function listItem(v: Verdict, i: number): string {
  const who = v.login ? `${v.name} (${v.login})` : v.name;
  return `${i + 1}. ${who}: ${reasonsText(v)
    .map((t) => t.replace(/\.$/, ''))
    .join('; ')}.`;
}

export function buildReport(r: ReportInput): string[] {
  const a = r.assessment;
  const total = a.verdicts.length;
  const shnor = a.verdicts.filter((v) => v.status === 'ШНОР');
  const risk = a.verdicts.filter((v) => v.status === 'зона риска');
  const noData = a.verdicts.filter((v) => v.status === 'нет данных');
  const out: string[] = [];
  out.push('Аналитическая справка по итогам выявления школ с низкими образовательными результатами');
  out.push(`Дата составления: ${r.date}. Источник данных: лист «${r.sheet}».`);
  out.push(`Критерии. ${describeCriteria(a.criteria)}`);
  out.push(
    `Проанализированы результаты ${total} ${plural(total, ['общеобразовательной организации', 'общеобразовательных организаций', 'общеобразовательных организаций'])} ` +
      `по ${r.procedures.length} ${plural(r.procedures.length, ['оценочной процедуре', 'оценочным процедурам', 'оценочным процедурам'])} ` +
      `за ${r.years.join(', ')} ${r.years.length === 1 ? 'год' : 'годы'}; год отсчёта — ${a.year ?? 'нет данных'}.`,
  );
  out.push(
    `По указанным критериям к школам с низкими образовательными результатами ${countedSchools(shnor.length)}: ${shareText(shnor.length, total)}. ` +
      `В зоне риска (есть низкие результаты, но критерии ШНОР не выполнены) — ${shareText(risk.length, total)}.` +
      (noData.length > 0 ? ` Нет данных за год отсчёта: ${noData.length} ${plural(noData.length, ORG)}.` : ''),
  );
  if (shnor.length > 0) {
    out.push('Перечень ШНОР с основаниями:');
    shnor.forEach((v, i) => out.push(listItem(v, i)));
  } else {
    out.push('Школ, отвечающих критериям ШНОР, не выявлено.');
  }
  if (risk.length > 0) {
    out.push('Школы в зоне риска:');
    risk.forEach((v, i) => out.push(listItem(v, i)));
  }
  if (r.previous && r.previous.year !== null) {
    const before = new Set(r.previous.verdicts.filter((v) => v.status === 'ШНОР').map((v) => v.key));
    const now = new Set(shnor.map((v) => v.key));
    const entered = shnor.filter((v) => !before.has(v.key));
    const left = r.previous.verdicts.filter((v) => v.status === 'ШНОР' && !now.has(v.key));
    out.push(
      `Сравнение с выявлением по данным ${r.previous.year} года (тогда ${countedSchools(before.size)} из ${r.previous.verdicts.length}): ` +
        `вошли в перечень — ${entered.length} ${plural(entered.length, SCHOOL)}${entered.length ? ` (${entered.map((v) => v.name).join(', ')})` : ''}; ` +
        `вышли из перечня — ${left.length} ${plural(left.length, SCHOOL)}${left.length ? ` (${left.map((v) => v.name).join(', ')})` : ''}; ` +
        `остались — ${shnor.length - entered.length} ${plural(shnor.length - entered.length, SCHOOL)}.`,
    );
  } else {
    out.push('Предыдущего выявления в данных нет: сравнение перечней не проводится.');
  }
  if (r.dynamics.length > 0 && a.year !== null) {
    out.push(
      `Динамика доли «2» (${a.year - 1} → ${a.year}; средняя по ОО, у которых есть результаты за оба года; существенное изменение — ${formatNumber(r.dynamicsThreshold)} п. п. и более):`,
    );
    for (const d of r.dynamics) {
      const sign = d.delta > 0 ? '+' : '';
      out.push(
        `${d.procedure}: ${formatNumber(d.before)} % → ${formatNumber(d.after)} % (${sign}${formatNumber(d.delta)} п. п.); ` +
          `ухудшение в ${d.worse} ${plural(d.worse, ['ОО', 'ОО', 'ОО'])}, улучшение в ${d.better} ОО из ${d.schools}.`,
      );
    }
  }
  if (r.beyond) out.push(...beyondParagraphs(a, r.beyond));
  if (r.indicators && r.indicators.length > 0) {
    out.push('Показатели программы (план и факт):');
    r.indicators.forEach((ind, i) => {
      const year = statusYear(ind, a.year) ?? a.year;
      const { status } = statusOf(ind, year);
      const plan = year === null ? undefined : ind.plans[year];
      const actual = year === null ? undefined : ind.actuals[year];
      const planText = plan === undefined ? 'план не задан' : `план ${describeIndicatorValue(plan, ind.unit)}`;
      const factText = actual === undefined ? 'факт не внесён' : `факт ${describeIndicatorValue(actual, ind.unit)}`;
      out.push(`${i + 1}. ${ind.name}${year === null ? '' : ` (${year})`}: ${planText}, ${factText} — ${status}.`);
    });
  }
  return out;
}
