/**
 * `shnor card` end to end on the sample district: the card's .xlsx and .docx read back and their numbers
 * checked against «ШНОР: итоги» of `shnor analyze -o` on the same file; one card per ШНОР with --all on the
 * district's Ф1 files, the weak tasks those of `analyze --json`.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/core/text';
import { summarySchools } from '../support/summary';

const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'dist-cli', 'shnor.cjs');
function shnor(...args: string[]) {
  const r = spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}
async function rows(path: string, sheet: string): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const ws = wb.getWorksheet(sheet);
  if (!ws) throw new Error(`нет листа ${sheet}`);
  const out: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, r) => {
    out[r - 1] = Array.from({ length: ws.columnCount }, (_, c) => {
      const v = row.getCell(c + 1).value;
      return v === undefined ? null : v;
    });
  });
  return Array.from(out, (r) => r ?? []);
}

describe('shnor card', () => {
  it('writes one school’s card as a book and a document, with the numbers of «ШНОР: итоги»', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-card-'));
    const book = join(dir, 'книга.xlsx');
    expect(shnor('analyze', 'sample/district.xlsx', '-o', book).code).toBe(1);
    // A file's tab names cannot hold «:»: «ШНОР: итоги» is «ШНОР — итоги» in an .xlsx.
    const summary = await rows(book, 'ШНОР — итоги');
    const school = summarySchools(summary as CellValue[][]).find((r) => r.login === 'sch771012')!;
    expect(school.status).toBe('ШНОР');

    const xlsx = join(dir, 'карточка.xlsx');
    const docx = join(dir, 'карточка.docx');
    const r = shnor('card', 'sample/district.xlsx', '--school', 'sch771012', '-o', xlsx, '--docx', docx);
    // 1: the sample holds a typo on purpose, reported on stderr.
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^Карточка ОО: МБОУ «СОШ № 12» \(sch771012\) — ШНОР, рисунков \d+\.\nКнига записана: .*\nДокумент записан: /);
    expect(r.err).toContain('«4о» — Не число');
    const card = await rows(xlsx, 'Карточка ОО');
    expect(card[0]?.[0]).toBe(`Карточка ОО: ${school.school}`);
    expect(card[1]?.slice(0, 2)).toEqual(['ОО', `${school.school}`]);
    const fact = (label: string) => String(card.find((x) => x[0] === label)?.[1]);
    expect(fact('Статус')).toBe(`${school.status} (год отсчёта 2026)`);
    // Every low result the summary's reasons quote is on the card: in the reasons and in its figure's numbers.
    const reasons = school.details;
    const doc = await JSZip.loadAsync(readFileSync(docx));
    const text = (await doc.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    let quoted = 0;
    for (const m of reasons.matchAll(/(\d{4}): ((?:[^.,]+ — [\d,]+ %(?:, )?)+)/g))
      for (const low of (m[2] as string).split(', ')) {
        const [procedure, value] = low.split(' — ') as [string, string];
        expect(fact('Основания')).toContain(`${procedure} — ${value}`);
        const caption = card.findIndex((x) => x[0] === `Рисунок ${captionNumber(card, procedure)}. ${procedure}: доля «2», %`);
        expect(caption).toBeGreaterThan(0);
        const year = card.slice(caption + 2, caption + 8).find((x) => x[0] === m[1]);
        expect(String(year?.[1]).replace('.', ',')).toBe(value.replace(' %', ''));
        // The document: the same caption, then the same number in its table.
        const at = text.indexOf(`${procedure}: доля «2», %`);
        expect(at).toBeGreaterThan(0);
        expect(text.slice(at, at + 400)).toContain(` ${m[1]} ${value.replace(' %', '')} `);
        quoted++;
      }
    expect(quoted).toBeGreaterThan(5);
    // Russian only: no Latin word but the school's login.
    const words = card.flat().filter((v): v is string => typeof v === 'string');
    expect(words.join(' ').replace(/sch\d{6}/g, '')).not.toMatch(/[A-Za-z]{2,}/);
    expect(text.replace(/sch\d{6}/g, '')).not.toMatch(/[A-Za-z]{2,}/);
  }, 120_000);

  it('writes one card per ШНОР with --all, the weak tasks those of analyze --json', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-cards-'));
    const json = JSON.parse(shnor('analyze', 'sample/pupils', '--json').out) as {
      schools: Array<{ login: string; status: string; weakTasks: Array<{ procedure: string; year: number; task: string }> }>;
    };
    const shnorSchools = json.schools.filter((s) => s.status === 'ШНОР');
    const r = shnor('card', 'sample/pupils', '--all', '--out-dir', dir, '--word');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Карточек ШНОР записано: ${shnorSchools.length}`);
    const files = readdirSync(dir);
    expect(files.filter((f) => f.endsWith('.xlsx'))).toHaveLength(shnorSchools.length);
    expect(files.filter((f) => f.endsWith('.docx'))).toHaveLength(shnorSchools.length);
    let tasksChecked = 0;
    for (const s of shnorSchools) {
      const file = files.find((f) => f.startsWith(`${s.login} `) && f.endsWith('.xlsx'));
      if (!file) throw new Error(s.login);
      const card = await rows(join(dir, file), 'Карточка ОО');
      expect(String(card[0]?.[0])).toContain(`(${s.login})`);
      for (const [i, line] of card.entries()) {
        const m = /^Рисунок \d+\. (.+), (\d{4}): выполнение заданий, %$/.exec(String(line[0] ?? ''));
        if (!m) continue;
        const weakOnCard: string[] = [];
        for (const row of card.slice(i + 2)) {
          if (row[0] === null || row[0] === '' || typeof row[1] !== 'number') break;
          if (String(row[0]).endsWith('*')) weakOnCard.push(String(row[0]).slice(0, -1));
        }
        const weak = s.weakTasks.filter((w) => w.procedure === m[1] && w.year === Number(m[2])).map((w) => w.task);
        expect(weakOnCard).toEqual(weak);
        tasksChecked++;
      }
      expect(card.some((x) => /первичные баллы, % участников$/.test(String(x[0] ?? '')))).toBe(true);
    }
    expect(tasksChecked).toBeGreaterThanOrEqual(shnorSchools.length);
  }, 180_000);

  it('says where logins are when the school is unknown, and what is missing when an option is', () => {
    const dir = mkdtempSync(join(tmpdir(), 'shnor-card-'));
    const r = shnor('card', 'sample/district.xlsx', '--school', 'sch000000', '-o', join(dir, 'к.xlsx'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ОО «sch000000» нет на листе «Результаты»\. Логины школ — в столбце «Логин» листа «ШНОР: итоги»/);
    const none = shnor('card', 'sample/district.xlsx', '-o', join(dir, 'к.xlsx'));
    expect(none.code).toBe(2);
    expect(none.err).toMatch(/^Укажите школу: --school ЛОГИН/);
    expect(shnor('card', 'sample/district.xlsx', '--all').err).toMatch(/^С --all укажите папку: --out-dir ПАПКА\./);
    const help = shnor('card', '--help');
    expect(help.code).toBe(0);
    expect(help.out).toMatch(/^shnor card — карточка ОО \(пункт меню «Карточка ОО»\)/);
    expect(shnor('--help').out).toContain('shnor card <файл> --school ЛОГИН -o карточка.xlsx');
  }, 120_000);
});

/** The number of the figure of a procedure's trend on the card (its caption's «Рисунок N.»). */
function captionNumber(card: unknown[][], procedure: string): number {
  const line = card.find((x) => new RegExp(`^Рисунок \\d+\\. ${procedure}: доля «2», %$`).test(String(x[0] ?? '')));
  return Number(/^Рисунок (\d+)\./.exec(String(line?.[0]))?.[1]);
}
