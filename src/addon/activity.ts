/** «Добавить мероприятие…», «Изменить мероприятие…» and the activity form's server calls, in Sheets. */
import { ADD_ACTIVITY, EDIT_ACTIVITY, loadSelection } from '../actions/activity';
import { makeActivityEndpoints } from '../actions/activity-endpoints';
import { roleInput } from '../actions/protection';
import { roadmapRefusal } from '../core/roles';
import { parseRoadmap } from '../core/roadmap-sheet';
import { activeWorkbook } from '../workbook/appsscript';
import { auditedWorkbook } from './audit';
import { withDocumentLock } from './lock';
import { alert, showSidebar } from './ui';

type ActivityEndpoints = ReturnType<typeof makeActivityEndpoints>;
const bound = (): ActivityEndpoints => makeActivityEndpoints(activeWorkbook());

export function menuAddActivity(): void {
  showSidebar('activity', { mode: 'add' });
}

/** Opens the form on the selected roadmap row; anything else selected gets a message instead. */
export function menuEditActivity(): void {
  const loaded = loadSelection(activeWorkbook());
  if (!loaded.ok) {
    alert(loaded.message);
    return;
  }
  showSidebar('activity', { mode: 'edit', target: { sheet: loaded.loaded.original.sheet, row: loaded.loaded.original.row } });
}

export function apiActivityForm(target?: { sheet: string; row: number } | null): ReturnType<ActivityEndpoints['apiActivityForm']> {
  return bound().apiActivityForm(target);
}

export function apiActivityFromSelection(): ReturnType<ActivityEndpoints['apiActivityFromSelection']> {
  return bound().apiActivityFromSelection();
}

export function apiRoadmapBlocks(schools: string[], period: string): ReturnType<ActivityEndpoints['apiRoadmapBlocks']> {
  return bound().apiRoadmapBlocks(schools, period);
}

export function apiTermDates(term: string, period: string): ReturnType<ActivityEndpoints['apiTermDates']> {
  return bound().apiTermDates(term, period);
}

/**
 * Reads, computes and writes under one hold of the document lock: two people saving at once both land.
 * A school's people may save only into their school's roadmap; every save is recorded in the journal.
 */
export function apiSaveActivity(
  form: Parameters<ActivityEndpoints['apiSaveActivity']>[0],
): ReturnType<ActivityEndpoints['apiSaveActivity']> {
  const action = form.original ? EDIT_ACTIVITY : ADD_ACTIVITY;
  const inner = activeWorkbook();
  // Whose roadmaps the save touches, as the server sees them: the chosen schools and, for an edit, the
  // owner written in row 2 of the tab being edited (never only what the sidebar says).
  const owners = Array.isArray(form.schools) ? form.schools.map(String) : [];
  if (form.original && typeof form.original.sheet === 'string' && inner.sheetNames().includes(form.original.sheet))
    owners.push(parseRoadmap(inner.readSheet(form.original.sheet).values).meta?.owner ?? `лист «${form.original.sheet}»`);
  const refusal = roadmapRefusal(roleInput(inner), owners, action);
  if (refusal) return { ok: false, message: refusal, errors: {}, warnings: {}, placed: [] };
  // The save checks the protections of the rows it will write before its first write (saveActivity).
  const wb = auditedWorkbook(action, inner);
  return withDocumentLock(() => makeActivityEndpoints(wb).apiSaveActivity(form));
}
