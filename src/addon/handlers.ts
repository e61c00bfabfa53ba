/** What the menu items do in Sheets. */
import { analyze, clearColouring } from '../actions/analyze';
import { activeWorkbook } from '../workbook/appsscript';
import { withDocumentLock } from './lock';
import { alert, showProblems, showSidebar } from './ui';

export function menuAbout(): void {
  showSidebar('about');
}

export function menuSettings(): void {
  showSidebar('settings');
}

export function menuCheckSchools(): void {
  const wb = activeWorkbook();
  let outcome = withDocumentLock(() => analyze(wb));
  if (outcome.kind === 'choose') {
    const ui = SpreadsheetApp.getUi();
    const list = outcome.candidates.map((c, i) => `${i + 1}. ${c}`).join('\n');
    const answer = ui.prompt('ШНОР', `${outcome.message}\n${list}\nВведите номер или название листа.`, ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const text = answer.getResponseText().trim();
    const sheet = /^\d+$/.test(text) ? outcome.candidates[Number(text) - 1] : text;
    if (!sheet) {
      alert(`Нет листа под номером ${text}.`);
      return;
    }
    outcome = withDocumentLock(() => analyze(wb, { sheet }));
  }
  if (outcome.kind === 'failed') {
    alert(outcome.message);
    return;
  }
  if (outcome.kind !== 'done') return;
  const shown = outcome.problems.filter((p) => p.severity !== 'сведения');
  if (shown.length > 0) showProblems(outcome.summary, outcome.problems);
  else alert(`${outcome.summary}.\nИтоги — на листе «ШНОР: итоги», статусы — в столбце «Статус ШНОР» листа «${outcome.sheet}».`);
}

export function menuClearColouring(): void {
  const wb = activeWorkbook();
  alert(withDocumentLock(() => clearColouring(wb)).message);
}
