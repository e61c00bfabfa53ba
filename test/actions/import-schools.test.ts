import { beforeAll, describe, expect, it } from 'vitest';
import { importSchools } from '../../src/actions/import-schools';
import { refreshProtection } from '../../src/actions/protection';
import { saveSettings, settingsToForm } from '../../src/actions/settings';
import { REGISTRY_COLUMNS, REGISTRY_SHEET } from '../../src/core/registry';
import type { Grid } from '../../src/core/results';
import { defaultSettings } from '../../src/core/settings';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';
import { memoryState, writeCalls } from '../support/state';

let results: Grid;
let registry: Grid;
beforeAll(async () => {
  const grids = await sampleGrids();
  results = grids.find((g) => g.sheet === 'Результаты') as Grid;
  registry = grids.find((g) => g.sheet === REGISTRY_SHEET) as Grid;
});

describe('«Заполнить реестр школ из результатов…»', () => {
  it('fills a new registry with every school of the result sheet, by login', () => {
    const wb = new MemoryWorkbook([results]);
    const out = importSchools(wb);
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    expect(out.added).toBe(33);
    const reg = wb.sheet(REGISTRY_SHEET);
    expect(reg.values[0]).toEqual(REGISTRY_COLUMNS.map((c) => c.header));
    expect(reg.values[1]?.slice(0, 3)).toEqual(['sch771001', 'МБОУ «Гимназия № 1»', 'Центральный']);
    expect(reg.values).toHaveLength(34);
    expect(out.message).toBe(
      'Источник данных: лист «Результаты». Школы по нему ещё не проверялись: «ШНОР: итоги» не составлены.\n' +
        'Реестр «Школы» по листу «Результаты»: добавлено 33 школы. Заполненные ячейки реестра не изменялись.',
    );
    // Again: nothing to add, nothing written.
    const before = memoryState(wb);
    wb.resetCalls();
    const again = importSchools(wb);
    expect(again.kind === 'done' && again.added).toBe(0);
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
  });

  it('proposes name matches for registry rows without a login, writes only the confirmed ones, never overwrites a cell', () => {
    const rows = structuredClone(registry.values);
    // Row 3 (sch771002) and row 5 (sch771004) lost their logins; row 5's name is written differently.
    (rows[2] as unknown[])[0] = null;
    const name4 = String(rows[4]?.[1]);
    (rows[4] as unknown[])[0] = '';
    (rows[4] as unknown[])[1] = name4
      .replace(/^МБОУ\s*/, '')
      .replace(/[«»]/g, '')
      .replace('№ ', '№');
    // Row 2 lost its territory; the result sheet has it.
    (rows[1] as unknown[])[2] = null;
    // Rows 30 on are gone: the import adds them.
    const kept = rows.slice(0, 30);
    const wb = new MemoryWorkbook([results, { sheet: REGISTRY_SHEET, values: kept }]);
    const before = memoryState(wb);
    const ask = importSchools(wb);
    expect(ask.kind).toBe('confirm');
    if (ask.kind !== 'confirm') return;
    expect(memoryState(wb)).toEqual(before);
    expect(ask.proposals.map((p) => [p.registryRow, p.login])).toEqual([
      [3, 'sch771002'],
      [5, 'sch771004'],
    ]);
    expect(ask.proposals[1]?.registryName).toBe(String(rows[4]?.[1]));
    expect(ask.message).toContain('2. строка 5 «');
    // Only the second is confirmed: the first school is then added as a row of its own.
    const out = importSchools(wb, { confirmed: [ask.proposals[1]?.id as string] });
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    const reg = wb.sheet(REGISTRY_SHEET).values;
    expect(reg[4]?.[0]).toBe('sch771004');
    expect(reg[4]?.[1]).toBe(String(rows[4]?.[1]));
    expect(reg[2]?.[0]).toBeNull();
    expect(reg[1]?.[2]).toBe('Центральный');
    // Every filled cell stays as it was.
    kept.forEach((line, r) =>
      line.forEach((v, c) => {
        if (v !== null && v !== '') expect(reg[r]?.[c]).toEqual(v);
      }),
    );
    expect(out.added).toBe(33 - 29 + 1);
    expect(reg.slice(30).map((r) => r[0])).toEqual(['sch771002', 'sch771030', 'sch771031', 'sch771032', 'sch771033']);
    expect(out.message).toContain('логин вписан 1 школе по подтверждённому совпадению названий');
    expect(out.message).toContain('заполнено пустых ячеек (название, территория): 1');
  });

  it('writes only the cells it fills: a formula between them stays a formula', () => {
    const rows = structuredClone(registry.values).slice(0, 6);
    // Rows 2 and 4 lost their names; row 3's name is a formula of the methodologist's.
    (rows[1] as unknown[])[1] = null;
    (rows[3] as unknown[])[1] = null;
    const wb = new MemoryWorkbook([results, { sheet: REGISTRY_SHEET, values: rows }]);
    const formula = '=VLOOKUP(A3;Названия!A:B;2;FALSE)';
    wb.sheet(REGISTRY_SHEET).formulas[2] = [null, formula];
    const out = importSchools(wb);
    expect(out.kind === 'done' && out.cellsFilled).toBe(2);
    const reg = wb.sheet(REGISTRY_SHEET);
    expect(reg.values[1]?.[1]).toBe(registry.values[1]?.[1]);
    expect(reg.values[3]?.[1]).toBe(registry.values[3]?.[1]);
    expect(reg.formulas[2]?.[1]).toBe(formula);
    expect(wb.calls.get('writeBlock')).toBe(3);
  });

  it('a registry change shows in the protection: a new school e-mail becomes an editor of its roadmap', () => {
    const wb = new MemoryWorkbook([
      results,
      registry,
      { sheet: 'ДК Гимназия № 1 2026–27', values: [['Дорожная карта'], ['Для:', 'sch771001']] },
    ]);
    wb.owner = 'boss@rono.example';
    saveSettings(wb, { ...settingsToForm(defaultSettings()), methodologists: 'metod@rono.example' });
    const first = refreshProtection(wb);
    expect(first.kind === 'done' && first.changed).toBe(true);
    const editors = () => wb.protections.find((p) => p.sheet === 'ДК Гимназия № 1 2026–27' && p.range === null)?.editors;
    expect(editors()).toEqual(['boss@rono.example', 'metod@rono.example', 'director771001@school.example', 'zamuvr771001@school.example']);
    wb.sheet(REGISTRY_SHEET).values[1]![14] = 'new.head@school.example';
    wb.resetCalls();
    const second = refreshProtection(wb);
    expect(second.kind === 'done' && second.changed).toBe(true);
    expect(editors()).toEqual(['boss@rono.example', 'metod@rono.example', 'new.head@school.example']);
    wb.resetCalls();
    const third = refreshProtection(wb);
    expect(third.kind === 'done' && third.changed).toBe(false);
    expect(writeCalls(wb)).toEqual({});
  });

  it('keeps people’s own protections and refuses to protect when nobody is named', () => {
    const wb = new MemoryWorkbook([results, registry]);
    const out = refreshProtection(wb);
    expect(out).toMatchObject({ kind: 'failed' });
    expect(out.message).toMatch(/^Защита не применена: не указаны методисты района/);
    expect(wb.protections).toEqual([]);
    wb.owner = 'boss@rono.example';
    const own = {
      sheet: 'Результаты',
      range: { row: 0, col: 0, rows: 2, cols: 3 },
      description: 'шапка — не трогать',
      editors: ['boss@rono.example'],
    };
    wb.protections.push(own);
    expect(refreshProtection(wb).kind).toBe('done');
    expect(wb.protections[0]).toEqual(own);
    expect(wb.protections).toHaveLength(3);
    // A whole sheet a person protected keeps that protection; the add-on says so and adds none of its own there.
    const whole = { sheet: REGISTRY_SHEET, range: null, description: 'реестр — только Мария', editors: ['maria@rono.example'] };
    wb.protections.push(whole);
    const again = refreshProtection(wb);
    expect(again.message).toContain('«Школы»: лист уже защищён вручную; надстройка эту защиту не меняет.');
    expect(wb.protections.filter((p) => p.sheet === REGISTRY_SHEET)).toEqual([whole]);
  });
});
