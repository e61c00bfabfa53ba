/** «Добавить мероприятие…», «Изменить мероприятие…» and the activity form's server calls, in Sheets. */
import { ADD_ACTIVITY, EDIT_ACTIVITY, loadSelection } from '../actions/activity';
import { makeActivityEndpoints } from '../actions/activity-endpoints';
import { PROTECT_ACTION, protectNewTabs, roleInput } from '../actions/protection';
import { roadmapRefusal, roleOf } from '../core/roles';
import { parseRoadmap } from '../core/roadmap-sheet';
import { activeWorkbook } from '../workbook/appsscript';
import { auditedWorkbook } from './audit';
import { budgetFromNow, withDocumentLock } from './lock';
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
  const roles = roleInput(inner);
  const refusal = roadmapRefusal(roles, owners, action);
  if (refusal) return { ok: false, message: refusal, errors: {}, warnings: {}, placed: [] };
  // The save checks the protections of the rows it will write before its first write (saveActivity).
  const wb = auditedWorkbook(action, inner);
  const stop = budgetFromNow();
  return withDocumentLock(() => {
    const before = new Set(inner.sheetNames());
    const saved = makeActivityEndpoints(wb).apiSaveActivity(form);
    // A roadmap tab the save made gets its protection at once when a methodologist saves; a school's person
    // cannot set protections for the district, and is told whom to ask.
    const made = saved.ok ? [...new Set(saved.placed.map((p) => p.sheet))].filter((s) => !before.has(s)) : [];
    const line =
      made.length === 0
        ? null
        : roleOf(roles).kind === 'methodologist'
          ? protectNewTabs(wb, stop)
          : `Новый лист ${made.map((s) => `«${s}»`).join(', ')} пока не защищён: попросите методиста района выбрать «${PROTECT_ACTION}».`;
    if (line) saved.message = `${saved.message}\n${line}`;
    return saved;
  });
}
