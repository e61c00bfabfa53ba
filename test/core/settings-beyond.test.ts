import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../src/core/text';
import {
  defaultSettings,
  objectivitySettings,
  SETTINGS_FIELDS,
  settingsFromRows,
  settingsToRows,
  shnsuSettings,
} from '../../src/core/settings';

const rowsWith = (label: string, value: CellValue): CellValue[][] =>
  settingsToRows(defaultSettings()).map((r) => (r[0] === label ? [r[0], value, r[2]] : r));

describe('ШНСУ and objectivity rows of «Настройки ШНОР»', () => {
  it('come after every earlier field, with Russian labels, and read back as written', () => {
    const labels = SETTINGS_FIELDS.map((f) => f.label);
    expect(labels.indexOf('ШНСУ: вес — доля из малоимущих семей')).toBeGreaterThan(labels.indexOf('Лист с результатами'));
    expect(labels).toContain('ШНСУ: отсечение');
    expect(labels).toContain('Учитывать результаты с признаками необъективности');
    const { settings, problems } = settingsFromRows(settingsToRows(defaultSettings()));
    expect(problems).toEqual([]);
    expect(shnsuSettings(settings)).toEqual(shnsuSettings(defaultSettings()));
    expect(objectivitySettings(settings)).toEqual({ raisedMax: 15, confirmedMin: 50, highExcess: 20, countMarked: true });
  });

  it('read hand edits and name the row of a bad one', () => {
    let r = settingsFromRows(rowsWith('ШНСУ: отсечение', 'индекс'));
    expect(shnsuSettings(r.settings).cutoff.mode).toBe('value');
    r = settingsFromRows(rowsWith('ШНСУ: вес — сельская местность', '2,5'));
    expect(shnsuSettings(r.settings).weights.rural).toBe(2.5);
    r = settingsFromRows(rowsWith('Учитывать результаты с признаками необъективности', 'нет'));
    expect(objectivitySettings(r.settings).countMarked).toBe(false);

    const rows = rowsWith('ШНСУ: вес — доля с ОВЗ', 'много');
    const row = rows.findIndex((x) => x[0] === 'ШНСУ: вес — доля с ОВЗ') + 1;
    expect(settingsFromRows(rows).problems).toEqual([
      {
        field: 'shnsu.weight.disabilities',
        row,
        message: `Лист «Настройки ШНОР», строка ${row} («ШНСУ: вес — доля с ОВЗ»): «много» — не число.`,
      },
    ]);
    const cut = settingsFromRows(rowsWith('ШНСУ: порог отсечения', 150)).problems;
    expect(cut.map((p) => p.field)).toEqual(['shnsu.cutoff']);
    expect(cut[0]?.message).toMatch(/«ШНСУ: порог отсечения»\): Для отсечения по доле нужен процент школ больше 0 и меньше 100\.$/);
    expect(settingsFromRows(rowsWith('ШНСУ: отсечение', 'половина')).problems[0]?.message).toMatch(/нужно «доля» или «индекс»\.$/);
    expect(settingsFromRows(rowsWith('Необъективность: «Повысили» более, %', -3)).problems[0]?.field).toBe('objectivity.raisedMax');
  });

  it('a tab written before these rows existed still reads, with the documented defaults', () => {
    const old = settingsToRows(defaultSettings()).filter((r) => !/^(ШНСУ|Необъективность|Учитывать)/.test(String(r[0])));
    const { settings, problems } = settingsFromRows(old);
    expect(problems).toEqual([]);
    expect(shnsuSettings(settings).weights.lowIncome).toBe(3);
    expect(shnsuSettings(settings).cutoff).toEqual({ mode: 'share', value: 25 });
  });
});
