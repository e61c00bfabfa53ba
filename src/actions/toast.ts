/**
 * A toast while an action works, replaced by one when it ends: Sheets shows one toast at a time, so the
 * closing toast takes the place of «Готовлю…» instead of leaving it up after the work is done.
 */
import type { Workbook } from '../workbook/port';

type Ended = { kind: string; message?: string };

/** What the closing toast says: `done` for a finished action, else that the message tells what happened. */
export function toasting<T extends Ended>(
  wb: Workbook,
  working: string,
  done: (outcome: Extract<T, { kind: 'done' }>) => string,
  run: () => T,
): T {
  wb.toast(working, 'ШНОР');
  const outcome = run();
  wb.toast(
    outcome.kind === 'done'
      ? done(outcome as Extract<T, { kind: 'done' }>)
      : outcome.kind === 'choose'
        ? 'Выберите лист результатов.'
        : 'Не выполнено — причина в сообщении.',
    'ШНОР',
  );
  return outcome;
}
