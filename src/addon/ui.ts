/** Sidebars and dialogs of the add-on. The HTML files are built from src/sidebar/<name>/ by build.mjs. */

export type SidebarName = 'about';

const TITLES: Record<SidebarName, string> = { about: 'ШНОР — о надстройке' };

export function showSidebar(name: SidebarName): void {
  const html = HtmlService.createHtmlOutputFromFile(name).setTitle(TITLES[name]);
  SpreadsheetApp.getUi().showSidebar(html);
}
