/** What the menu items do in Sheets. */
import { analyze, clearColouring, type Stale, staleArg, type StaleOutcome } from '../actions/analyze';
import { writeCatalogue } from '../actions/catalogue';
import { buildIndicatorsFromTemplate, type BuildIndicatorsResult, templateChoices } from '../actions/indicator-templates';
import { buildIndicators, INDICATORS_SHEET } from '../actions/indicators';
import { REPORT_SHEET, writeReport } from '../actions/report';
import { drawCard } from '../actions/card';
import { CARD_SHEET } from '../core/card';
import type { Workbook } from '../workbook/port';
import { districtWorkbook } from './audit';
import { withDocumentLock } from './lock';
import { alert, showDialog, showProblems, showSidebar } from './ui';

const INDICATORS_ACTION = 'Построить вкладку показателей';

/** The audited workbook for a district action, or null after telling a person without the role why not. */
function district(action: string): Workbook | null {
  const got = districtWorkbook(action);
  if ('refusal' in got) {
    alert(got.refusal);
    return null;
  }
  return got.wb;
}

export function menuAbout(): void {
  showSidebar('about');
}

export function menuSettings(): void {
  showSidebar('settings');
}

type Outcome =
  { kind: 'done' } | { kind: 'choose'; candidates: string[]; message: string } | { kind: 'failed'; message: string } | StaleOutcome;

/**
 * The results or the criteria changed since the last check (the action stopped before writing: `stale`
 * 'ask'): a Да/Нет dialog (ButtonSet.YES_NO: Sheets labels the buttons in the user's language,
 * REF/base/button-set) offers to check the schools again first. «Да» runs the check on the sheet of the last
 * check; «Нет» goes on by the current data (the output carries the warning); the dialog's «×» (Button.CLOSE,
 * REF/base/button#CLOSE) stops. True when the action is to go on (with 'warn').
 */
export function askRecheck(wb: Workbook, outcome: StaleOutcome): boolean {
  const ui = SpreadsheetApp.getUi();
  const answer = ui.alert(
    'ШНОР: данные изменились после проверки',
    `Внимание: ${outcome.message}\n\nПроверить школы заново и продолжить?\n«Да» — проверить школы по листу «${outcome.sheet}», затем продолжить; «Нет» — продолжить по текущим данным (с предупреждением в начале).`,
    ui.ButtonSet.YES_NO,
  );
  if (answer !== ui.Button.YES && answer !== ui.Button.NO) return false;
  if (answer === ui.Button.NO) return true;
  const checked = withDocumentLock(() => analyze(wb, { sheet: outcome.sheet }));
  if (checked.kind !== 'done') {
    alert(checked.kind === 'failed' ? checked.message : `Проверка не выполнена: ${checked.message}`);
    return false;
  }
  return true;
}

/**
 * Runs an action under the lock; when several sheets hold results, asks which and runs it again. When the
 * results or the criteria changed since the last check, askRecheck offers to check the schools again first.
 */
export function runOnResultSheet<T extends Outcome>(wb: Workbook, action: (sheet?: string, stale?: 'ask' | 'warn') => T): T | null {
  let outcome = withDocumentLock(() => action(undefined, 'ask'));
  if (outcome.kind === 'stale') {
    if (!askRecheck(wb, outcome as StaleOutcome)) return null;
    outcome = withDocumentLock(() => action(undefined, 'warn'));
  }
  if (outcome.kind === 'choose') {
    const ui = SpreadsheetApp.getUi();
    const list = outcome.candidates.map((c, i) => `${i + 1}. ${c}`).join('\n');
    const answer = ui.prompt('ШНОР', `${outcome.message}\n${list}\nВведите номер или название листа.`, ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return null;
    const text = answer.getResponseText().trim();
    const sheet = /^\d+$/.test(text) ? outcome.candidates[Number(text) - 1] : text;
    if (!sheet) {
      alert(`Нет листа под номером ${text}.`);
      return null;
    }
    outcome = withDocumentLock(() => action(sheet, 'warn'));
  }
  if (outcome.kind === 'failed' || outcome.kind === 'stale') {
    alert(outcome.message);
    return null;
  }
  return outcome.kind === 'done' ? outcome : null;
}

export function menuCheckSchools(): void {
  const wb = district('Проверить школы по критериям');
  if (!wb) return;
  const outcome = runOnResultSheet(wb, (sheet) => analyze(wb, { sheet }));
  if (!outcome || outcome.kind !== 'done') return;
  const shown = outcome.problems.filter((p) => p.severity !== 'сведения');
  const source = `Источник данных: лист «${outcome.sheet}».${outcome.switched ? ` ${outcome.switched}` : ''}`;
  // What the settings left to the defaults is said on screen every time, not only in the report.
  const summary = outcome.settingsDefaults ? `${outcome.summary}.\n${outcome.settingsDefaults}` : outcome.summary;
  if (shown.length > 0) showProblems(summary, outcome.problems, source);
  else
    alert(
      `${source}\n${outcome.summary}.\nИтоги — на листе «ШНОР: итоги», статусы — в столбце «Статус ШНОР» листа «${outcome.sheet}». Справка, показатели, сравнение критериев, дорожные карты и реестр берут этот же лист.` +
        (outcome.settingsDefaults ? `\n${outcome.settingsDefaults}` : ''),
    );
}

export function menuClearColouring(): void {
  const wb = district('Снять раскраску');
  if (!wb) return;
  alert(withDocumentLock(() => clearColouring(wb)).message);
}

export function menuReport(): void {
  const wb = district('Аналитическая справка');
  if (!wb) return;
  const outcome = runOnResultSheet(wb, (sheet, stale) => writeReport(wb, { sheet, stale }));
  if (outcome?.kind === 'done')
    alert(
      `${outcome.source}\nСправка составлена на листе «${REPORT_SHEET}»: выделите столбцы A–F и скопируйте в документ: абзацы и таблицы сохранятся.`,
    );
}

/**
 * The first time, a dialog offers the templates (the computed set chosen) and builds the tab through
 * apiBuildIndicators; an existing tab is refreshed without a question.
 */
export function menuIndicators(): void {
  const wb = district(INDICATORS_ACTION);
  if (!wb) return;
  if (!wb.sheetNames().includes(INDICATORS_SHEET)) {
    showDialog('indicators', templateChoices());
    return;
  }
  const outcome = runOnResultSheet(wb, (sheet, stale) => buildIndicators(wb, { sheet, stale }));
  if (outcome?.kind === 'done') alert(outcome.message);
}

/** The dialog's «Построить»: the tab from the chosen template, under the lock, recorded in the journal. */
export function apiBuildIndicators(template: string, stale?: Stale): BuildIndicatorsResult {
  const got = districtWorkbook(INDICATORS_ACTION);
  if ('refusal' in got) return { ok: false, message: got.refusal };
  return withDocumentLock(() => buildIndicatorsFromTemplate(got.wb, template, staleArg(stale)));
}

export function menuCatalogue(): void {
  const wb = district('Справочник мероприятий');
  if (!wb) return;
  alert(withDocumentLock(() => writeCatalogue(wb)).message);
}

export function menuCompare(): void {
  showSidebar('compare');
}

/**
 * «Карточка ОО»: the first time, the tab with the dropdown of the district's schools and the first ШНОР's
 * card (and a word on how to choose another); then the card of the school chosen in B2. Under the lock;
 * the tab is brought to the front (Sheet.activate changes no cell).
 */
export function menuCard(): void {
  const wb = district('Карточка ОО');
  if (!wb) return;
  const first = !wb.sheetNames().includes(CARD_SHEET);
  const outcome = runOnResultSheet(wb, (sheet, stale) => drawCard(wb, { sheet, stale }));
  if (outcome?.kind !== 'done') return;
  SpreadsheetApp.getActiveSpreadsheet().getSheetByName(CARD_SHEET)?.activate();
  if (first) alert(outcome.message);
}
