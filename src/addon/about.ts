/** «О надстройке»: what the sidebar shows of the active spreadsheet (read only: no lock, no role). */
import { type AboutView, aboutView } from '../actions/about';
import { activeWorkbook } from '../workbook/appsscript';

export function apiAbout(): AboutView {
  return aboutView(activeWorkbook());
}
