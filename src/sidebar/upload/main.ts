/**
 * «Загрузить выгрузки…»: many .xlsx/.csv files at once, read in the browser with the same readers as the
 * command line (core/sources, core/combine); what each file holds is shown before anything is written, then
 * the rows go to the server in batches of plain data.
 */
import type { UploadBatch, UploadOutcome } from '../../actions/upload';
import { combinedRows, comparisonRows } from '../../core/combine';
import { LEVELS_SHEET, levelRecords, levelRows } from '../../core/levels';
import { pupilSummaryRows } from '../../core/pupils-tab';
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
import type { CellValue } from '../../core/text';
import { call, el } from '../common/run';
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
  'Результаты участников',
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
  $('error').textContent = '';
  $('result').hidden = true;
  pending = null;
  if (!input.files || input.files.length === 0) return;
  $('status').textContent = `Читаю файлы: ${input.files.length}…`;
  const readings = await readAll(input.files);
  const combined = combineFiles(readings);
  $('list').replaceChildren(
    ...readings.map((r) => {
      const li = el('li');
      li.dataset.file = r.file;
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
      if (errors > 0) li.append(el('p', `ошибок: ${errors} (см. ниже)`, 'skipped small'));
      return li;
    }),
  );
  // A skipped file is said in its own line above.
  const shown = combined.problems.filter((p) => p.severity !== 'сведения' && !unread(p));
  $('problems-box').hidden = shown.length === 0;
  $('problems-title').textContent = `Замечания (${shown.length})`;
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
  };
  const pupils = readings.reduce((n, r) => n + (r.pupils ?? []).reduce((m, p) => m + p.pupils, 0), 0);
  // Files with results that were not read: said first, and again in «ШНОР: итоги» and the справка.
  $('incomplete').hidden = combined.incomplete === null;
  $('incomplete').textContent = combined.incomplete
    ? `${combined.incomplete.headline}. Не прочитаны:\n${combined.incomplete.lines.join('\n')}`
    : '';
  $('summary').textContent =
    combined.records.length === 0
      ? 'Ни в одном файле нет результатов: записывать нечего.'
      : `Будет записано: ${pending.results.length} строк результатов (${schools} ОО)` +
        (pending.comparison.length > 0 ? ` и ${pending.comparison.length} строк сравнения с журналом` : '') +
        ` из файлов: ${files.length}.` +
        (pending.pupils.length > 0
          ? ` Индивидуальные результаты (${pupils} участников) записываются итогами по школам: ${pending.pupils.length} строк на лист «Результаты участников»; строки участников остаются в файлах.`
          : '') +
        ' Строки этих файлов, загруженные раньше, будут заменены.';
  $<HTMLButtonElement>('write').disabled = combined.records.length === 0;
  $('status').textContent = '';
  $('result').hidden = false;
}

async function write(): Promise<void> {
  if (!pending) return;
  const button = $<HTMLButtonElement>('write');
  button.disabled = true;
  $('error').textContent = '';
  const { files, results, comparison, pupils, readings, levels } = pending;
  const calls = Math.max(1, Math.ceil(results.length / BATCH), Math.ceil(comparison.length / BATCH), Math.ceil(pupils.length / BATCH));
  let removed = 0;
  let capped = 0;
  try {
    for (let i = 0; i < calls; i++) {
      $('status').textContent = `Записываю: ${i + 1} из ${calls}…`;
      const batch: UploadBatch = {
        files,
        first: i === 0,
        results: results.slice(i * BATCH, (i + 1) * BATCH),
        comparison: comparison.slice(i * BATCH, (i + 1) * BATCH),
        pupils: pupils.slice(i * BATCH, (i + 1) * BATCH),
        ...(i === 0 ? { readings, levels } : {}),
      };
      const got = await call<UploadOutcome>('apiUploadResults', batch);
      if (!got.ok) {
        $('error').textContent = got.message;
        $('status').textContent = i > 0 ? `Записана часть строк (${i} из ${calls}); загрузите файлы снова — они заменят записанное.` : '';
        button.disabled = false;
        return;
      }
      removed += got.removed;
      capped += got.capped;
    }
  } catch (e) {
    $('error').textContent = `Не удалось записать: ${(e as Error).message}`;
    button.disabled = false;
    return;
  }
  $('status').textContent =
    `Записано на лист «Результаты ФИС ОКО»: ${results.length} строк` +
    (comparison.length > 0 ? `, на лист «Сравнение с журналом»: ${comparison.length}` : '') +
    (pupils.length > 0 ? `, на лист «Результаты участников»: ${pupils.length}` : '') +
    (removed > 0 ? `; прежних строк этих файлов заменено: ${removed}` : '') +
    (capped > 0 ? `; ячеек с текстом длиннее 50 000 знаков сокращено: ${capped} (в конце каждой сказано, сколько показано)` : '') +
    '. Теперь — «Проверить школы по критериям».';
  pending = null;
}

$('files').addEventListener('change', () => {
  picked().catch((e: unknown) => {
    $('status').textContent = '';
    $('error').textContent = `Не удалось прочитать файлы: ${(e as Error).message}`;
  });
});
$('write').addEventListener('click', () => void write());
