/**
 * «Загрузить выгрузки…»: many .xlsx/.csv files at once, read in the browser with the same readers as the
 * command line (core/sources, core/combine); what each file holds is shown before anything is written, then
 * the rows go to the server in batches of plain data.
 */
import type { UploadBatch, UploadCheck, UploadOutcome, UploadPlan } from '../../actions/upload';
import { COMBINED_SHEET, combinedRows, comparisonRows } from '../../core/combine';
import { LEVELS_SHEET, levelRecords, levelRows } from '../../core/levels';
import { PUPILS_SHEET, pupilSummaryRows } from '../../core/pupils-tab';
import { describeProblem } from '../../core/results';
import {
  combineFiles,
  describeSheet,
  type FileReading,
  fileStatus,
  READING_SHEET,
  readingRows,
  readSource,
  skippedReason,
  unopenedFile,
} from '../../core/sources';
import { type CellValue, plural } from '../../core/text';
import { call, el, say, searchable } from '../common/run';
import { FileError, readPicked } from './files';

const $ = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
/** Rows per call, as the server expects (actions/upload UPLOAD_BATCH). */
const BATCH = 2000;
/** Tabs of a district book that are never results. */
const NOT_RESULTS = [
  'Школы',
  'Настройки ШНОР',
  'Журнал изменений',
  'ШНОР: итоги',
  'ШНОР — итоги',
  PUPILS_SHEET,
  READING_SHEET,
  LEVELS_SHEET,
];

let pending: {
  files: string[];
  results: UploadBatch['results'];
  comparison: UploadBatch['comparison'];
  pupils: CellValue[][];
  readings: NonNullable<UploadBatch['readings']>;
  levels: NonNullable<UploadBatch['levels']>;
  comparisonSheet: string | null;
} | null = null;

async function readAll(list: FileList): Promise<FileReading[]> {
  const readings: FileReading[] = [];
  for (const file of Array.from(list)) {
    try {
      const grids = readPicked(new Uint8Array(await file.arrayBuffer()), file.name);
      readings.push(readSource(file.name, grids, (s) => NOT_RESULTS.includes(s)));
    } catch (e) {
      if (!(e instanceof FileError)) throw e;
      readings.push(unopenedFile(file.name, e.message));
    }
  }
  return readings;
}

/** A file or sheet not read: said in the file's line and in the warning above the list. */
const unread = (p: { row: number | null; message: string }) => p.row === null && p.message.startsWith('Файл с результатами не прочитан');

async function picked(): Promise<void> {
  const input = $<HTMLInputElement>('files');
  for (const id of ['error', 'refusal', 'notes', 'summary']) $(id).textContent = '';
  $('result').hidden = true;
  setButton(false, 'Сначала выберите файлы.');
  pending = null;
  const count = input.files?.length ?? 0;
  $('picked').textContent = count === 0 ? 'Файлы не выбраны' : `Выбрано файлов: ${count}`;
  if (!input.files || count === 0) return;
  say($('status'), `Читаю файлы: ${input.files.length}…`);
  const readings = await readAll(input.files);
  const combined = combineFiles(readings);
  $('list').replaceChildren(
    ...readings.map((r) => {
      const li = el('li');
      li.dataset.file = r.file;
      li.dataset.search = r.file;
      li.append(el('strong', r.file));
      const status = fileStatus(r);
      if (!r.recognised)
        li.append(
          status === 'не прочитан'
            ? el('p', `НЕ ПРОЧИТАН: ${skippedReason(r)}`, 'skipped small')
            : el('p', `не результаты: ${skippedReason(r)}`, 'muted small'),
        );
      else
        for (const s of r.sheets.filter((x) => x.kind !== 'не результаты'))
          li.append(el('p', r.sheets.length > 1 ? `лист «${s.sheet}» — ${describeSheet(s)}` : describeSheet(s), 'small'));
      // A file not read is said in its own line, not counted again among the errors listed below.
      const errors = combined.problems.filter(
        (p) => p.severity === 'ошибка' && !unread(p) && (p.sheet === r.file || p.sheet.startsWith(`${r.file} / `)),
      ).length;
      if (errors > 0) li.append(el('p', `ошибок: ${errors} (см. «Замечания»)`, 'skipped small'));
      return li;
    }),
  );
  const skipped = readings.filter((r) => !r.recognised).length;
  $('list-title').textContent = `Что распознано: файлов ${readings.length}` + (skipped > 0 ? `, пропущено ${skipped}` : '');
  // Long lists are searched, short ones read.
  $('list-filter').hidden = readings.length <= 8;
  $<HTMLInputElement>('list-filter').value = '';
  filterList();
  // A skipped file is said in its own line above.
  const shown = combined.problems.filter((p) => p.severity !== 'сведения' && !unread(p));
  $('problems-box').hidden = shown.length === 0;
  $('problems-title').textContent = `Замечания: ${shown.length}`;
  $('problems').replaceChildren(...shown.map((p) => el('li', describeProblem(p))));
  const schools = new Set(combined.records.map((r) => r.key)).size;
  const files = readings.filter((r) => r.recognised).map((r) => r.file);
  pending = {
    files,
    results: combinedRows(combined.records).slice(1),
    comparison: comparisonRows(combined.comparison).slice(1),
    pupils: pupilSummaryRows(combined.summaries).slice(1),
    readings: readingRows(readings),
    levels: levelRows(levelRecords(readings.filter((r) => r.recognised))),
    comparisonSheet: null,
  };
  const pupils = readings.reduce((n, r) => n + (r.pupils ?? []).reduce((m, p) => m + p.pupils, 0), 0);
  // Files with results that were not read: said first, and again in «ШНОР: итоги» and the справка.
  $('incomplete').hidden = combined.incomplete === null;
  $('incomplete').textContent = combined.incomplete
    ? `${combined.incomplete.headline}. Не прочитаны:\n${combined.incomplete.lines.join('\n')}`
    : '';
  $('result').hidden = false;
  if (combined.records.length === 0 && pending.comparison.length === 0) {
    say($('summary'), 'Ни в одном файле нет результатов: записывать нечего.');
    $('status').textContent = '';
    setButton(false, '');
    return;
  }
  $('summary').textContent =
    `Будет записано: ${pending.results.length} ${rows(pending.results.length)} результатов (${schools} ОО)` +
    (pending.comparison.length > 0 ? ` и ${pending.comparison.length} ${rows(pending.comparison.length)} сравнения с журналом` : '') +
    ` из файлов: ${files.length}.` +
    (pending.pupils.length > 0
      ? ` Индивидуальные результаты (${pupils} участников) записываются итогами по школам: ${pending.pupils.length} ${rows(pending.pupils.length)} на лист «${PUPILS_SHEET}»; строки участников остаются в файлах.`
      : '');
  say($('status'), 'Проверяю, куда записать…');
  // What would stop the write is said here, before the button, not after the click.
  try {
    const check = await call<UploadCheck>('apiUploadCheck', {
      files,
      results: pending.results.length,
      comparison: pending.comparison.length,
    } satisfies UploadPlan);
    pending.comparisonSheet = check.comparisonSheet;
    $('notes').textContent = check.notes.join('\n');
    $('refusal').textContent = check.refusal ?? '';
    const blocked = check.refusal !== null && (pending.results.length === 0 || !check.refusal.startsWith('Результаты можно записать'));
    setButton(!blocked, blocked ? 'Запись невозможна — см. выше.' : '');
  } catch (e) {
    // The server checks again on the write: the button stays.
    $('notes').textContent = `Не удалось заранее проверить книгу: ${(e as Error).message}`;
    setButton(true, '');
  }
  $('status').textContent = '';
  $('footer').scrollIntoView({ block: 'nearest' });
}

function setButton(enabled: boolean, hint: string): void {
  $<HTMLButtonElement>('write').disabled = !enabled;
  $('write-hint').textContent = hint;
}

const filterList = searchable(
  $<HTMLInputElement>('list-filter'),
  () => Array.from(document.querySelectorAll<HTMLElement>('#list li')),
  $('list-shown'),
);

const rows = (n: number) => plural(n, ['строка', 'строки', 'строк']);

async function write(): Promise<void> {
  if (!pending) return;
  const button = $<HTMLButtonElement>('write');
  button.disabled = true;
  $('error').textContent = '';
  const { files, results, comparison, pupils, readings, levels } = pending;
  const calls = Math.max(1, Math.ceil(results.length / BATCH), Math.ceil(comparison.length / BATCH), Math.ceil(pupils.length / BATCH));
  let removed = 0;
  let capped = 0;
  let comparisonSheet = pending.comparisonSheet;
  let note: string | null = null;
  let written = 0;
  try {
    for (let i = 0; i < calls; i++) {
      say($('status'), `Записываю: ${i + 1} из ${calls}…`);
      const batch: UploadBatch = {
        files,
        first: i === 0,
        results: results.slice(i * BATCH, (i + 1) * BATCH),
        comparison: comparison.slice(i * BATCH, (i + 1) * BATCH),
        pupils: pupils.slice(i * BATCH, (i + 1) * BATCH),
        comparisonSheet,
        ...(i === 0 ? { readings, levels } : {}),
      };
      const got = await call<UploadOutcome>('apiUploadResults', batch);
      if (!got.ok) {
        $('status').textContent = i > 0 ? `Записана часть строк (${i} из ${calls}); загрузите файлы снова — они заменят записанное.` : '';
        say($('error'), got.message);
        button.disabled = false;
        return;
      }
      if (i === 0) {
        comparisonSheet = got.comparisonSheet;
        note = got.note;
      }
      removed += got.removed;
      written += got.written;
      capped += got.capped;
    }
  } catch (e) {
    $('status').textContent = '';
    say($('error'), `Не удалось записать: ${(e as Error).message}`);
    button.disabled = false;
    return;
  }
  const cmp = comparisonSheet ? comparison.length : 0;
  // The uploaded rows are brought to the front: the check takes the open result sheet, and when its last
  // run was on another sheet it asks which of the two (never the old one in silence).
  const shown = results.length > 0 && (await call<boolean>('apiShowSheet', COMBINED_SHEET).catch(() => false));
  $('notes').textContent = note ?? '';
  $('refusal').textContent = '';
  $('summary').textContent = '';
  $('write-hint').textContent = '';
  say(
    $('status'),
    (results.length > 0 ? `Записано на лист «${COMBINED_SHEET}»: ${results.length} ${rows(results.length)}` : 'Записано') +
      (cmp > 0 ? `, на лист «${comparisonSheet}»: ${cmp}` : '') +
      (pupils.length > 0 && written > results.length + cmp ? `, на лист «${PUPILS_SHEET}»: ${pupils.length}` : '') +
      (removed > 0 ? `; прежних строк этих файлов заменено: ${removed}` : '') +
      (capped > 0 ? `; ячеек с текстом длиннее 50 000 знаков сокращено: ${capped} (в конце каждой сказано, сколько показано)` : '') +
      (shown
        ? `. Лист «${COMBINED_SHEET}» открыт: «Проверить школы по критериям» проверит его, а если прошлая проверка была по другому листу, спросит, какой взять.`
        : '. Теперь — «Проверить школы по критериям».'),
  );
  pending = null;
}

$('files').addEventListener('change', () => {
  picked().catch((e: unknown) => {
    $('status').textContent = '';
    say($('error'), `Не удалось прочитать файлы: ${(e as Error).message}`);
  });
});
$('write').addEventListener('click', () => void write());
