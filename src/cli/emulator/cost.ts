/**
 * A cost model of Apps Script execution time: what a run of the add-on would take in Sheets, counted from
 * the service calls it makes, so that the emulator can stop a run the way Google does at 6 minutes and
 * `npm run bench` can say how long each menu item takes on a region.
 *
 * The limit. «Script runtime: 6 min / execution» — Quotas for Google Services,
 * https://developers.google.com/apps-script/guides/services/quotas ; past it the run is killed with
 * «Exceeded maximum execution time» (the same page, «Troubleshooting»).
 *
 * The figures, from published measurements (Sheets' latency varies by the hour; these are typical, not best):
 * - A round trip to a service costs tens of milliseconds: «Apps Script APIs performance» (L. Peralta,
 *   https://ziritione.org/post/apps_script_performance) measured 20–84 ms per PropertiesService read and
 *   43–231 ms per write over 100 runs (averages 30 and 62 ms: PROPERTY_READ, PROPERTY_WRITE). We charge a
 *   Spreadsheet service call CALL = 40 ms, in that band.
 * - Writes are buffered until a read or flush, and the volume itself is cheap: a single setValues of 4,000
 *   cells «took less than 50 ms», flush() about 600 ms (measurements quoted in «What is faster: ScriptDb or
 *   SpreadsheetApp?», https://ruby-bash.developreference.com/article/29263774/What+is+faster+ScriptDb+or+SpreadsheetApp).
 *   We charge 12 µs per cell written (50 ms / 4,000), 3 µs per cell read and FLUSH = 0.6 s.
 * - Structural changes (a new tab, rows inserted or deleted, a protection, conditional rules, data
 *   validation, merges) rebuild part of the document server-side. We found no published figure for them
 *   alone; we charge 0.5 s for a new tab, 0.15 s for the other structural calls and 0.1 s for a change of
 *   a protection's editors or settings, which together with CALL reproduce the one end-to-end figure below.
 * Calibration: the issue that asked for this model saw roadmaps for a 2,000-school region killed after about
 * 100 tabs at ~75 calls each (one insertSheet, three validations, a rules call among them): 7,500 calls in
 * 360 s, 3.6 s a tab, 48 ms a call on average. The figures above give that old tab 3.6–4 s.
 * Calls on objects already in hand (a Range's coordinates, a builder, a User's e-mail) make no round trip
 * and cost nothing.
 */

/** Apps Script's limit for one execution, seconds. */
export const LIMIT_SECONDS = 360;

export const COST = {
  call: 0.04,
  cellWritten: 12e-6,
  cellRead: 3e-6,
  flush: 0.6,
  insertSheet: 0.5,
  structural: 0.15,
  protectionEdit: 0.1,
  propertyRead: 0.03,
  propertyWrite: 0.06,
  lock: 0.05,
} as const;

/** Calls that change the document's structure (and cost what a structural change costs). */
const STRUCTURAL = new Set([
  'Spreadsheet.deleteSheet',
  'Sheet.insertRowsBefore',
  'Sheet.insertRowsAfter',
  'Sheet.insertColumnsAfter',
  'Sheet.deleteRows',
  'Sheet.deleteColumns',
  'Sheet.protect',
  'Range.protect',
  'Protection.remove',
  'Sheet.setConditionalFormatRules',
  'Range.setDataValidation',
  'Range.setDataValidations',
  'Range.clearDataValidations',
  'Range.merge',
  'Range.breakApart',
  'Sheet.insertChart',
  'Sheet.removeChart',
  'Range.createFilter',
  'Filter.remove',
]);

const PROTECTION_EDITS = new Set([
  'Protection.addEditors',
  'Protection.addEditor',
  'Protection.removeEditors',
  'Protection.removeEditor',
  'Protection.setDescription',
  'Protection.setWarningOnly',
  'Protection.setDomainEdit',
]);

/**
 * Calls counted (they are service calls: issue 21 counted 322 `Sheet.getName` in one check of a district
 * with 40 report tabs) but not timed: we found no published figure for them alone, and the calibration
 * above was made without them.
 */
const UNTIMED = new Set(['Sheet.getName']);

/** Seconds one call costs, with the cells it writes and reads. */
export function callSeconds(name: string, cellsWritten = 0, cellsRead = 0): number {
  if (UNTIMED.has(name)) return 0;
  let base: number = COST.call;
  if (name === 'Spreadsheet.insertSheet') base = COST.insertSheet;
  else if (name === 'SpreadsheetApp.flush') base = COST.flush;
  else if (STRUCTURAL.has(name)) base = COST.structural;
  else if (PROTECTION_EDITS.has(name)) base = COST.protectionEdit;
  else if (name.startsWith('Properties.get')) base = COST.propertyRead;
  else if (name.startsWith('Properties.')) base = COST.propertyWrite;
  else if (name.startsWith('Lock.')) base = COST.lock;
  return base + cellsWritten * COST.cellWritten + cellsRead * COST.cellRead;
}

/** Seconds spent and cells moved in one execution; throws as Apps Script does past the limit. */
export class ExecutionClock {
  seconds = 0;
  calls = 0;
  cellsWritten = 0;
  cellsRead = 0;
  /** Set once the limit is passed: Google kills the run, every later call fails too. */
  killed = false;
  constructor(public limit: number = LIMIT_SECONDS) {}

  reset(): void {
    this.seconds = 0;
    this.calls = 0;
    this.cellsWritten = 0;
    this.cellsRead = 0;
    this.killed = false;
  }

  charge(name: string, cellsWritten = 0, cellsRead = 0): void {
    if (this.killed) throw new ExceededTime();
    this.calls++;
    this.cellsWritten += cellsWritten;
    this.cellsRead += cellsRead;
    this.seconds += callSeconds(name, cellsWritten, cellsRead);
    if (this.seconds > this.limit) {
      this.killed = true;
      throw new ExceededTime();
    }
  }
}

/** What Google says when it stops a run; it cannot be caught in a real execution, the emulator marks it. */
export class ExceededTime extends Error {
  readonly exceeded = true;
  constructor() {
    super('Exceeded maximum execution time');
  }
}
