/**
 * «Заполнить реестр школ из результатов…»: the schools of a result sheet go into «Школы», so that the
 * district does not type them twice. By login first: a login the registry lacks becomes a new row.
 * Where a registry row has no login, a forgiving name match with a result school is proposed
 * («МБОУ «СОШ № 12»» and «СОШ №12»), and written only when a person confirms it. A filled registry
 * cell is never overwritten; empty name and territory cells of known schools are filled in.
 * Everything is decided before anything is written.
 */
import { loginKey } from '../core/login';
import { normalizeLogin, parseRegistry, REGISTRY_COLUMNS, REGISTRY_SHEET, type RegistryColumn } from '../core/registry';
import type { School } from '../core/results';
import { sameSchoolName } from '../core/school-match';
import { type CellValue, plural } from '../core/text';
import type { Workbook } from '../workbook/port';
import { nonNullRects } from '../workbook/rects';
import { prepare, type StaleOutcome, staleStop } from './analyze';
import { ensureRegistry } from './setup';

export const IMPORT_TITLE = 'Заполнить реестр школ из результатов…';

export interface MatchProposal {
  /** What a confirmation names: `<registry row>:<login>`. */
  id: string;
  /** 1-based row of «Школы» that has no login. */
  registryRow: number;
  registryName: string;
  login: string;
  resultName: string;
}

export type ImportOutcome =
  | { kind: 'choose'; candidates: string[]; message: string }
  | { kind: 'failed'; message: string }
  | StaleOutcome
  | { kind: 'confirm'; sheet: string; proposals: MatchProposal[]; message: string }
  | { kind: 'done'; sheet: string; added: number; loginsFilled: number; cellsFilled: number; unmatched: string[]; message: string };

const isBlank = (v: CellValue) => v === null || v === undefined || String(v).trim() === '';

export function describeProposal(p: MatchProposal): string {
  return `строка ${p.registryRow} «${p.registryName}» = ${p.login} «${p.resultName}»`;
}

/**
 * Without `confirmed`, returns the name matches to confirm (and writes nothing) when there are any;
 * with it, writes the confirmed matches and adds every other school of the result sheet by its login.
 */
export function importSchools(wb: Workbook, options: { sheet?: string; confirmed?: string[]; stale?: 'ask' | 'warn' } = {}): ImportOutcome {
  const ready = prepare(wb, options.sheet, { refused: 'реестр не заполнен', question: 'Из какого взять школы?' });
  if (ready.kind !== 'ready') return ready;
  // The registry takes the schools of the checked sheet: changed since the check, the add-on asks first.
  const stop = staleStop(ready.source, options.stale);
  if (stop) return stop;
  const { names, table, source } = ready;
  const exists = names.includes(REGISTRY_SHEET);
  const values = exists ? wb.readSheet(REGISTRY_SHEET).values : [];
  const parsed = parseRegistry({ sheet: REGISTRY_SHEET, values });
  const filledOnce = values.some((r) => r.some((v) => !isBlank(v)));
  if (filledOnce && parsed.headerRow < 0)
    return {
      kind: 'failed',
      message: `На листе «${REGISTRY_SHEET}» не найден столбец «Логин»: реестр не заполнен. Запустите «Подготовить рабочую книгу района».`,
    };
  // A new or empty registry gets the standard header first; its columns are then the standard ones.
  const fresh = parsed.headerRow < 0;
  const h = fresh ? 0 : parsed.headerRow;
  const col: Partial<Record<RegistryColumn['key'], number>> = fresh
    ? Object.fromEntries(REGISTRY_COLUMNS.map((c, i) => [c.key, i]))
    : { ...parsed.columns };
  const at = (r: number, key: RegistryColumn['key']): CellValue =>
    col[key] === undefined ? null : (values[r]?.[col[key] as number] ?? null);

  const byLogin = new Map<string, number>();
  const withoutLogin: number[] = [];
  for (let r = h + 1; r < values.length; r++) {
    const login = normalizeLogin(at(r, 'login'));
    if (login) {
      if (!byLogin.has(loginKey(login))) byLogin.set(loginKey(login), r);
    } else if (!isBlank(at(r, 'name'))) withoutLogin.push(r);
  }

  const schools = new Map<string, School>();
  for (const s of table.schools) if (!schools.has(s.key)) schools.set(s.key, s);
  const newcomers = [...schools.values()].filter((s) => s.login && !byLogin.has(loginKey(s.login)));
  const proposals: MatchProposal[] = [];
  for (const r of withoutLogin) {
    const name = String(at(r, 'name')).trim();
    const matches = newcomers.filter((s) => sameSchoolName(name, s.name));
    if (matches.length !== 1) continue;
    const s = matches[0] as School;
    const login = (s.login as string).toLowerCase();
    // One result school to one registry row: a school two rows could be is not proposed.
    if (withoutLogin.filter((o) => sameSchoolName(String(at(o, 'name')), s.name)).length !== 1) continue;
    proposals.push({ id: `${r + 1}:${login}`, registryRow: r + 1, registryName: name, login, resultName: s.name });
  }
  if (proposals.length > 0 && options.confirmed === undefined) {
    const list = proposals.map((p, i) => `${i + 1}. ${describeProposal(p)}`).join('\n');
    return {
      kind: 'confirm',
      sheet: table.sheet,
      proposals,
      message: `${source.line}\nВ реестре есть школы без логина, похожие по названию на школы листа «${table.sheet}»:\n${list}`,
    };
  }
  const confirmed = proposals.filter((p) => (options.confirmed ?? []).includes(p.id));

  // Cells to fill: 0-based row → column → value; only empty cells.
  const fills = new Map<number, Map<number, CellValue>>();
  const fill = (r: number, key: RegistryColumn['key'], v: string) => {
    const c = col[key];
    if (c === undefined || !v || !isBlank(at(r, key))) return;
    if (!fills.has(r)) fills.set(r, new Map());
    (fills.get(r) as Map<number, CellValue>).set(c, v);
  };
  for (const p of confirmed) {
    const s = newcomers.find((x) => x.login?.toLowerCase() === p.login) as School;
    fill(p.registryRow - 1, 'login', p.login);
    fill(p.registryRow - 1, 'territory', s.territory);
  }
  const taken = new Set(confirmed.map((p) => p.login));
  for (const s of schools.values()) {
    const r = s.login ? byLogin.get(loginKey(s.login)) : undefined;
    if (r === undefined) continue;
    fill(r, 'name', s.name);
    fill(r, 'territory', s.territory);
  }
  const added = newcomers.filter((s) => !taken.has((s.login as string).toLowerCase()));
  const unmatched = [...schools.values()]
    .filter((s) => !s.login)
    .filter((s) => ![...byLogin.values(), ...withoutLogin].some((r) => sameSchoolName(String(at(r, 'name') ?? ''), s.name)))
    .map((s) => s.name);

  // Writes: the header when the registry is new, the filled cells by rectangles, the new rows in one block.
  if (fresh) ensureRegistry(wb, names);
  const width = Math.max(...Object.values(col).map((c) => (c as number) + 1));
  if (fills.size > 0) {
    // Only the filled cells are written (a rectangle each): a formula or a value between them stays as it is.
    const rows = [...fills.keys()];
    const cols = [...fills.values()].flatMap((m) => [...m.keys()]);
    const top = Math.min(...rows);
    const left = Math.min(...cols);
    const sparse = Array.from({ length: Math.max(...rows) - top + 1 }, (_, i) =>
      Array.from({ length: Math.max(...cols) - left + 1 }, (_, j) => fills.get(top + i)?.get(left + j) ?? null),
    );
    for (const r of nonNullRects(sparse)) {
      const block = sparse.slice(r.row, r.row + r.rows).map((line) => line.slice(r.col, r.col + r.cols));
      wb.writeBlock(REGISTRY_SHEET, top + r.row, left + r.col, block);
    }
  }
  if (added.length > 0) {
    let last = values.length - 1;
    while (last > h && (values[last] ?? []).every(isBlank)) last--;
    const rows = added.map((s) => {
      const line: CellValue[] = Array.from({ length: width }, () => null);
      line[col.login as number] = (s.login as string).toLowerCase();
      if (col.name !== undefined) line[col.name] = s.name;
      if (col.territory !== undefined) line[col.territory] = s.territory || null;
      return line;
    });
    wb.writeBlock(REGISTRY_SHEET, Math.max(last, h) + 1, 0, rows);
  }
  const cellsFilled = [...fills.values()].reduce((n, m) => n + m.size, 0) - confirmed.length;
  const parts = [
    `Реестр «${REGISTRY_SHEET}» по листу «${table.sheet}»: добавлено ${added.length} ${plural(added.length, ['школа', 'школы', 'школ'])}`,
    confirmed.length > 0
      ? `, логин вписан ${confirmed.length} ${plural(confirmed.length, ['школе', 'школам', 'школам'])} по подтверждённому совпадению названий`
      : '',
    cellsFilled > 0 ? `, заполнено пустых ячеек (название, территория): ${cellsFilled}` : '',
    '. Заполненные ячейки реестра не изменялись.',
    unmatched.length > 0
      ? `\nБез логина и не найдены в реестре (добавьте их вручную с логином): ${unmatched.map((n) => `«${n}»`).join(', ')}.`
      : '',
  ];
  return {
    kind: 'done',
    sheet: table.sheet,
    added: added.length,
    loginsFilled: confirmed.length,
    cellsFilled,
    unmatched,
    message: `${source.line}\n${parts.join('')}`,
  };
}
