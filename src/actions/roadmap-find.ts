/**
 * Finding an owner's roadmap tab when its name no longer says whose it is: a school renamed in the
 * registry (or in next year's results) keeps its tab under the old name. Such a tab is found by the owner
 * written in its row 2, among the tabs of the period that belong to no school under its present name —
 * usually none or a few, so only those are read.
 */
import { loginKey } from '../core/login';
import { DISTRICT_OWNER, parseRoadmap, periodTabLabel, ROADMAP_PREFIX, roadmapSheetName, shortSchoolName } from '../core/roadmap-sheet';
import type { Period } from '../core/terms';
import type { CellValue } from '../core/text';
import type { Workbook } from '../workbook/port';

/** At most this many unclaimed tabs are read in one search. */
const MAX_READ = 20;

/** The names an owner's tab may have: by its name, by name and login, by login alone. */
export function tabNamesOf(owner: string, ownerName: string, period: Period): string[] {
  if (owner === DISTRICT_OWNER) return [roadmapSheetName({ owner, ownerName: '', period })];
  return [
    roadmapSheetName({ owner, ownerName, period }),
    roadmapSheetName({ owner, ownerName: `${shortSchoolName(ownerName)} ${owner}`, period }),
    roadmapSheetName({ owner, ownerName: owner, period }),
  ];
}

/** The names every known owner's tabs of a period may have: computed once per list of owners and period. */
const claimedCache = new WeakMap<object, Map<string, Set<string>>>();
function claimedNames(known: readonly { login: string; name: string }[], period: Period): Set<string> {
  const byPeriod = claimedCache.get(known) ?? new Map<string, Set<string>>();
  claimedCache.set(known, byPeriod);
  const key = `${period.from}:${period.to}`;
  let claimed = byPeriod.get(key);
  if (!claimed) {
    claimed = new Set(tabNamesOf(DISTRICT_OWNER, '', period));
    for (const k of known) for (const n of tabNamesOf(k.login, k.name, period)) claimed.add(n);
    byPeriod.set(key, claimed);
  }
  return claimed;
}

/**
 * The tab of the period whose row 2 names `owner`, among tabs no school of `known` would have by its
 * present name; null when there is none.
 */
export function tabUnderOldName(
  wb: Workbook,
  names: readonly string[],
  owner: string,
  period: Period,
  known: readonly { login: string; name: string }[],
): { sheet: string; values: CellValue[][] } | null {
  const label = ` ${periodTabLabel(period)}`;
  const ofPeriod = names.filter((n) => n.startsWith(ROADMAP_PREFIX) && n.endsWith(label));
  if (ofPeriod.length === 0) return null;
  const claimed = claimedNames(known, period);
  const unclaimed = ofPeriod.filter((n) => !claimed.has(n)).slice(0, MAX_READ);
  for (const sheet of unclaimed) {
    const values = wb.readSheet(sheet).values;
    const meta = parseRoadmap(values).meta;
    if (meta && loginKey(meta.owner) === loginKey(owner) && meta.period.from === period.from && meta.period.to === period.to)
      return { sheet, values };
  }
  return null;
}
