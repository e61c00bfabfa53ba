/**
 * Every hostile input ends well: exit 0, 1 or 2, a one-line Russian message when it fails, the input's
 * bytes unchanged, and the verdict the clean table gets wherever the data are the same.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { run } from '../../src/cli/main';
import { describeProblem, type Problem } from '../../src/core/results';
import { type HostileCase, makeHostileCorpus } from '../support/hostile';

const dir = mkdtempSync(join(tmpdir(), 'shnor-hostile-'));
let cases: HostileCase[] = [];
let clean: Record<string, string> = {};

async function shnor(args: string[]) {
  let out = '';
  let err = '';
  const code = await run(args, { out: (t) => (out += t), err: (t) => (err += `${t.replace(/\n$/, '')}\n`) });
  return { code, out, err };
}

interface Json {
  schools: Array<{ login: string; status: string }>;
  problems: Problem[];
  notes: string[];
}

function statuses(json: Json): Record<string, string> {
  return Object.fromEntries(json.schools.map((s) => [s.login, s.status]));
}

function hash(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

beforeAll(async () => {
  cases = await makeHostileCorpus(dir);
  const base = await shnor(['analyze', join(dir, 'base.csv'), '--json']);
  clean = statuses(JSON.parse(base.out) as Json);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('a corpus of hostile inputs', () => {
  it('has at least sixty inputs and a clean verdict with every status that matters', () => {
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(new Set(Object.values(clean))).toEqual(new Set(['ШНОР', 'норма', 'зона риска']));
  });

  it('ends every one well', { timeout: 600_000 }, async () => {
    const failures: string[] = [];
    for (const c of cases) {
      const before = c.inputs.map(hash);
      const json = c.code !== 2 && !c.args.includes('--json') && c.args[0] === 'analyze';
      Object.assign(process.env, c.env);
      const r = await shnor(json ? [...c.args, '--json'] : c.args).finally(() => {
        for (const k of Object.keys(c.env ?? {})) delete process.env[k];
      });
      const check = (ok: boolean, what: string) => {
        if (!ok) failures.push(`${c.name}: ${what} (код ${r.code}; ${r.err.trim() || r.out.slice(0, 300)})`);
      };
      check(r.code === c.code, `код выхода ${r.code}, ожидался ${c.code}`);
      check(
        c.inputs.every((p, i) => existsSync(p) && hash(p) === before[i]),
        'входной файл изменился',
      );
      check(!/\n\s+at |Error:|\[object Object\]/.test(r.err + r.out), 'стек, английская ошибка или [object Object]');
      check(!/(?<!\.)\.\.(?!\.)/.test(r.err), 'сообщение кончается на «..»');
      if (r.code === 2) {
        check(r.err.trim().split('\n').length === 1, 'сообщение не в одну строку');
        check(/[а-яё]/i.test(r.err), 'сообщение не по-русски');
      }
      let said = r.err;
      if (r.code !== 2 && c.args[0] === 'analyze') {
        const doc = JSON.parse(r.out) as Json;
        said += doc.problems.map(describeProblem).join('\n') + doc.notes.join('\n');
        if (c.sameVerdict) check(JSON.stringify(statuses(doc)) === JSON.stringify(clean), `вердикт ${JSON.stringify(statuses(doc))}`);
        for (const [login, status] of Object.entries(c.statuses ?? {})) check(statuses(doc)[login] === status, `статус ${login}`);
      }
      if (c.message) check(c.message.test(said), `нет сообщения ${String(c.message)}`);
    }
    expect(failures).toEqual([]);
  });
});
