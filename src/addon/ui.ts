/** Sidebars and dialogs of the add-on. The HTML files are built from src/sidebar/<name>/ by build.mjs. */
import { describeProblem, type Problem } from '../core/results';

export type SidebarName = 'about' | 'settings' | 'compare';

const TITLES: Record<SidebarName, string> = {
  about: 'ШНОР — о надстройке',
  settings: 'ШНОР — настройки критериев',
  compare: 'ШНОР — сравнить критерии',
};

export function showSidebar(name: SidebarName): void {
  const html = HtmlService.createHtmlOutputFromFile(name).setTitle(TITLES[name]);
  SpreadsheetApp.getUi().showSidebar(html);
}

export function alert(message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert('ШНОР', message, ui.ButtonSet.OK);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A dialog listing every cell that could not be read, with sheet, row, column and value. */
export function showProblems(summary: string, problems: Problem[]): void {
  const items = problems.map((p) => `<li class="${p.severity === 'ошибка' ? 'e' : 'w'}">${escapeHtml(describeProblem(p))}</li>`).join('');
  const html = HtmlService.createHtmlOutput(
    `<style>body{font:13px Arial,sans-serif}li{margin:4px 0}.e{color:#c5221f}.w{color:#5f6368}</style>` +
      `<p><b>${escapeHtml(summary)}</b></p><p>Вердикты вычислены для всех остальных ячеек; ячейки таблицы не изменены.</p>` +
      `<p>Замечания при чтении (${problems.length}):</p><ul>${items}</ul>`,
  )
    .setWidth(640)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, 'ШНОР: итоги проверки');
}
