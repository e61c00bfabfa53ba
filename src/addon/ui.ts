/** Sidebars and dialogs of the add-on. The HTML files are built from src/sidebar/<name>/ by build.mjs. */
import { describeProblem, type Problem } from '../core/results';

export type SidebarName = 'about' | 'settings' | 'roadmap' | 'activity' | 'compare' | 'upload';

const TITLES: Record<SidebarName, string> = {
  about: 'ШНОР — о надстройке',
  settings: 'ШНОР — настройки критериев',
  roadmap: 'ШНОР — дорожная карта',
  activity: 'ШНОР — мероприятие дорожной карты',
  compare: 'ШНОР — сравнить критерии',
  upload: 'ШНОР — загрузить выгрузки',
};

/** Opens a sidebar; `data` (plain data) is handed to its script as `window.shnorData`. */
export function showSidebar(name: SidebarName, data?: unknown): void {
  const html = HtmlService.createHtmlOutputFromFile(name);
  if (data !== undefined) html.setContent(withSidebarData(html.getContent(), data));
  SpreadsheetApp.getUi().showSidebar(html.setTitle(TITLES[name]));
}

/**
 * The sidebar's HTML with `window.shnorData` set before its own script runs. The JSON is escaped so that
 * no text in it can close the script or open markup: < > & / and the line separators become \u escapes.
 */
export function withSidebarData(html: string, data: unknown): string {
  const json = JSON.stringify(data ?? null).replace(/[<>&/\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return html.replace('</head>', () => `<script>window.shnorData=${json};</script></head>`);
}

export type DialogName = 'indicators';

const DIALOGS: Record<DialogName, { title: string; width: number; height: number }> = {
  indicators: { title: 'ШНОР — вкладка показателей', width: 560, height: 520 },
};

/** Opens a modal dialog built from src/sidebar/<name>/; `data` reaches its script as `window.shnorData`. */
export function showDialog(name: DialogName, data?: unknown): void {
  const html = HtmlService.createHtmlOutputFromFile(name);
  if (data !== undefined) html.setContent(withSidebarData(html.getContent(), data));
  const { title, width, height } = DIALOGS[name];
  SpreadsheetApp.getUi().showModalDialog(html.setWidth(width).setHeight(height), title);
}

export function alert(message: string): void {
  const ui = SpreadsheetApp.getUi();
  ui.alert('ШНОР', message, ui.ButtonSet.OK);
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A dialog listing every cell that could not be read, with sheet, row, column and value. */
export function showProblems(summary: string, problems: Problem[], source = ''): void {
  const items = problems.map((p) => `<li class="${p.severity === 'ошибка' ? 'e' : 'w'}">${escapeHtml(describeProblem(p))}</li>`).join('');
  // A button that says what it does, always in view under the list (not only the «×» of the title bar).
  const html = HtmlService.createHtmlOutput(
    `<style>body{font:13px Arial,sans-serif;margin:0;padding:0 12px}li{margin:4px 0}.e{color:#c5221f}.w{color:#5f6368}` +
      `.bar{position:sticky;bottom:0;background:#fff;border-top:1px solid #dadce0;padding:8px 0}` +
      `button{font:inherit;padding:6px 14px;border-radius:4px;border:1px solid #1a73e8;background:#1a73e8;color:#fff;cursor:pointer}</style>` +
      (source ? `<p>${escapeHtml(source)}</p>` : '') +
      `<p><b>${escapeHtml(summary)}</b></p><p>Проверка выполнена по всем результатам, кроме названных в замечаниях ниже; значения в таблице не изменены.</p>` +
      `<p>Замечания при чтении (${problems.length}):</p><ul>${items}</ul>` +
      `<div class="bar"><button type="button" onclick="google.script.host.close()">Понятно, закрыть</button></div>`,
  )
    .setWidth(640)
    .setHeight(420);
  SpreadsheetApp.getUi().showModalDialog(html, 'ШНОР: итоги проверки');
}
