/** Menu items of the shared district workbook: set-up, the registry import, protection. */
import { describeProposal, IMPORT_TITLE, type ImportOutcome, importSchools } from '../actions/import-schools';
import { refreshProtection } from '../actions/protection';
import { SETUP_TITLE, setupWorkbook } from '../actions/setup';
import { districtWorkbook } from './audit';
import { askRecheck } from './handlers';
import { budgetFromNow, withDocumentLock } from './lock';
import { alert } from './ui';

export const PROTECT_TITLE = 'Обновить защиту листов';

export function menuSetup(): void {
  const stop = budgetFromNow();
  const got = districtWorkbook(SETUP_TITLE);
  if ('refusal' in got) return alert(got.refusal);
  alert(withDocumentLock(() => setupWorkbook(got.wb, { stop })).message);
}

export function menuProtect(): void {
  // Protection refresh handles the protections it may not edit itself, naming the owner.
  const stop = budgetFromNow();
  const got = districtWorkbook(PROTECT_TITLE, false);
  if ('refusal' in got) return alert(got.refusal);
  alert(withDocumentLock(() => refreshProtection(got.wb, stop)).message);
}

/** «1, 3» → the ids of proposals 1 and 3; «все» → all; empty → none; null when the text cannot be read. */
export function chosenProposals(text: string, ids: string[]): string[] | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'нет' || t === '0') return [];
  if (t === 'все' || t === 'всё' || t === 'да') return [...ids];
  const out: string[] = [];
  for (const part of t.split(/[\s,;]+/).filter((x) => x !== '')) {
    const n = Number(part);
    if (!Number.isInteger(n) || n < 1 || n > ids.length) return null;
    if (!out.includes(ids[n - 1] as string)) out.push(ids[n - 1] as string);
  }
  return out;
}

/**
 * Asks which result sheet when several hold results, then which name matches are right; the registry
 * is written only in the last step, under the lock, with what the person confirmed.
 */
export function menuImportSchools(): void {
  const got = districtWorkbook(IMPORT_TITLE);
  if ('refusal' in got) return alert(got.refusal);
  const wb = got.wb;
  const ui = SpreadsheetApp.getUi();
  const stop = budgetFromNow();
  let sheet: string | undefined;
  // New e-mails of the schools' people: their roadmaps' protections follow in the same hold of the lock.
  const run = (options?: Parameters<typeof importSchools>[1]): ImportOutcome => {
    const out = importSchools(wb, options);
    if (out.kind !== 'done') return out;
    const protection = refreshProtection(wb, stop);
    if (protection.kind === 'done' && protection.changed) out.message += `\n${protection.message.split('\n')[0]}`;
    return out;
  };
  let outcome: ImportOutcome = withDocumentLock(() => run({ stale: 'ask' }));
  if (outcome.kind === 'stale') {
    if (!askRecheck(wb, outcome)) return;
    outcome = withDocumentLock(() => run({ stale: 'warn' }));
  }
  if (outcome.kind === 'choose') {
    const list = outcome.candidates.map((c, i) => `${i + 1}. ${c}`).join('\n');
    const answer = ui.prompt('ШНОР', `${outcome.message}\n${list}\nВведите номер или название листа.`, ui.ButtonSet.OK_CANCEL);
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const text = answer.getResponseText().trim();
    sheet = /^\d+$/.test(text) ? outcome.candidates[Number(text) - 1] : text;
    if (!sheet) return alert(`Нет листа под номером ${text}.`);
    outcome = withDocumentLock(() => run({ sheet }));
  }
  if (outcome.kind === 'confirm') {
    const proposals = outcome.proposals;
    const answer = ui.prompt(
      'ШНОР: совпадения названий',
      `${outcome.message}\n\nКакие пары — одна и та же школа? Введите номера через запятую, «все» или оставьте пустым (ни одной). ` +
        'Неподтверждённые школы результатов добавятся в реестр отдельными строками.',
      ui.ButtonSet.OK_CANCEL,
    );
    if (answer.getSelectedButton() !== ui.Button.OK) return;
    const confirmed = chosenProposals(
      answer.getResponseText(),
      proposals.map((p) => p.id),
    );
    if (confirmed === null) return alert(`Не понял ответ «${answer.getResponseText().trim()}»: реестр не изменён.`);
    const target = outcome.sheet;
    outcome = withDocumentLock(() => run({ sheet: target, confirmed }));
    if (outcome.kind === 'done' && confirmed.length > 0)
      outcome.message += `\nПодтверждено: ${proposals
        .filter((p) => confirmed.includes(p.id))
        .map(describeProposal)
        .join('; ')}.`;
  }
  if (outcome.kind === 'failed' || outcome.kind === 'done') alert(outcome.message);
  else if (outcome.kind === 'confirm') alert('Пока вы отвечали, реестр изменился: запустите заполнение ещё раз.');
}
