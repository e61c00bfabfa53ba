/** What the CLI says when a run fails: one line, in Russian, never a stack. */
import { CriteriaError } from '../core/criteria';
import { AmbiguousSheetError, NotAResultTableError } from '../core/results';
import { InputError } from './input';
import { SheetLimitError } from '../workbook/port';

/** Collapses a message to one line and mends doubled full stops. */
export function oneLine(message: string): string {
  return message
    .replace(/\s+/g, ' ')
    .replace(/(?<!\.)\.\.(?!\.)/g, '.')
    .trim();
}

/** A failure the user can act on gets its message; anything else one line «Внутренняя ошибка». Exit 2. */
export function failure(e: unknown, io: { err: (text: string) => void }): number {
  if (e instanceof AmbiguousSheetError) {
    io.err(
      oneLine(
        `Результаты нашлись на нескольких листах: ${e.sheets.map((s) => `«${s}»`).join(', ')}. Укажите нужный: --sheet "${e.sheets[0]}".`,
      ),
    );
  } else if (e instanceof InputError || e instanceof NotAResultTableError || e instanceof CriteriaError || e instanceof SheetLimitError) {
    // A list of files keeps one file per line.
    io.err(e.message.split('\n').map(oneLine).join('\n'));
  } else {
    io.err(internalErrorText(e));
  }
  return 2;
}

export function internalErrorText(e: unknown): string {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof RangeError && /allocation|heap|string length|array length/i.test(message))
    return 'Не хватило памяти: таблица слишком велика для этого компьютера. Входной файл не изменён.';
  return oneLine(`Внутренняя ошибка: ${message}. Входной файл не изменён; сообщите разработчикам и приложите файл.`);
}
