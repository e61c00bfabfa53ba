/**
 * Every label says one thing (issue 21, «What to build» 4): each preset is worded the same in the settings
 * panel, on «ШНОР: итоги», in the comparison panel and in the справка — the low-result condition and each
 * rule in the very same words, only the справка adding the years it applies them to. On the sample
 * district (sample/district.xlsx), one preset after another saved through the settings panel's endpoint.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, SUMMARY_SHEET } from '../../src/actions/analyze';
import { makeEndpoints } from '../../src/actions/endpoints';
import { writeReport } from '../../src/actions/report';
import { lowResultText, PRESETS, ruleText } from '../../src/core/criteria';
import type { Grid } from '../../src/core/results';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { sampleGrids } from '../support/sample';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

describe('one wording of each preset everywhere', () => {
  it.each(PRESETS.map((p) => [p.id, p] as const))(
    '%s: the settings panel, «ШНОР: итоги», the comparison and the справка say it alike',
    (_id, preset) => {
      const wb = new MemoryWorkbook(grids);
      const api = makeEndpoints(wb);
      // As the panel does: the preset chosen in the list fills the criteria fields with its values.
      const view = api.apiGetSettings();
      const chosen = view.presets.find((p) => p.id === preset.id);
      const saved = api.apiSaveSettings({ ...view.form, ...chosen?.form, resultSheet: view.form.resultSheet });
      expect(saved.ok).toBe(true);
      const c = preset.criteria;
      const low = lowResultText(c);
      const rules = [c.rule1.enabled ? ruleText(c, 'rule1') : '', c.rule2.enabled ? ruleText(c, 'rule2') : ''].filter(Boolean);
      expect(rules.length).toBeGreaterThan(0);

      const panel = api.apiGetSettings();
      // The preset's line in the panel's list reads as the saved one.
      expect(chosen?.description).toBe(panel.description);
      const checked = analyze(wb);
      expect(checked.kind).toBe('done');
      const summary = wb.readSheet(SUMMARY_SHEET).values.find((r) => r[0] === 'Критерии')?.[3];
      const compare = api.apiCompareChoices().choices.find((ch) => ch.id === 'settings')?.description;
      const report = writeReport(wb);
      if (report.kind !== 'done') throw new Error(report.kind);
      const criteriaSection = report.lines.join('\n');

      for (const [where, text] of [
        ['панель настроек', panel.description],
        ['«ШНОР: итоги»', String(summary)],
        ['панель сравнения', String(compare)],
        ['справка', criteriaSection],
      ] as const) {
        expect(text, where).toContain(low);
        // The справка names the years in brackets after the same words.
        for (const rule of rules) expect(text, `${where}: ${rule}`).toContain(rule);
      }
      // The preset's name is the same wherever it is named.
      expect(String(summary)).toContain(`Набор «${preset.name}»`);
      expect(criteriaSection).toContain(`Применён набор критериев «${preset.name}»`);
    },
  );
});
