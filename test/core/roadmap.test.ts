import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../src/core/catalogue';
import { DISTRICT_PART, proposeForDistrict, proposeForSchool, type SchoolProfile, SHNOR_CORE } from '../../src/core/roadmap';

const profile = (over: Partial<SchoolProfile>): SchoolProfile => ({ status: 'ШНОР', lowProcedures: [], shnsu: false, risks: [], ...over });
const chosen = (p: SchoolProfile) => proposeForSchool(p, CATALOGUE).filter((x) => x.selected);

describe('roadmap proposals', () => {
  it('offers every activity a school takes part in and ticks those the verdict calls for, saying why', () => {
    const all = proposeForSchool(profile({ lowProcedures: ['ОГЭ МА'] }), CATALOGUE);
    const school = all.filter((p) => p.activity.level !== 'district');
    expect(school).toHaveLength(CATALOGUE.filter((a) => a.level !== 'district').length);
    for (const p of all) expect(p.selected).toBe(p.reasons.length > 0);
    // District measures only where a subject calls for them, as measures the school takes part in.
    const district = all.filter((p) => p.activity.level === 'district');
    expect(district.map((p) => p.activity.id)).toEqual(['П7']);
    for (const p of district) expect(p.reasons).toEqual(['низкие результаты по математике', DISTRICT_PART]);
  });

  it('every ШНОР gets the core of its programme; every reason that applies is named', () => {
    const got = chosen(profile({ lowProcedures: ['ВПР МА 5', 'ОГЭ РУ'] }));
    expect(got.filter((p) => p.reasons.includes(SHNOR_CORE)).map((p) => p.activity.id)).toEqual([
      'У4',
      'У10',
      'У12',
      'П1',
      'П3',
      'П9',
      'О1',
      'Р1',
    ]);
    expect(got.find((p) => p.activity.id === 'П7')?.reasons).toEqual([
      'низкие результаты по математике',
      'низкие результаты по русскому языку',
      DISTRICT_PART,
    ]);
    expect(got.find((p) => p.activity.id === 'О2')?.reasons).toEqual(['низкие результаты ГИА', 'низкие результаты ВПР']);
    expect(got.length).toBeGreaterThanOrEqual(10);
    expect(got.length).toBeLessThanOrEqual(25);
    expect(got.some((p) => p.activity.activity.includes('500+'))).toBe(false);
  });

  it('low ГИА results bring the exam preparation', () => {
    const gia = chosen(profile({ lowProcedures: ['ОГЭ МА'] })).filter((p) => p.reasons.includes('низкие результаты ГИА'));
    for (const p of gia) expect(`${p.activity.block} ${p.activity.activity} ${p.activity.result}`).toMatch(/ГИА|ОГЭ|ЕГЭ|итогов/i);
    const none = chosen(profile({ lowProcedures: ['ВПР РУ 6'] })).filter((p) => p.reasons.includes('низкие результаты ГИА'));
    expect(none).toEqual([]);
  });

  it('ШНСУ brings the parents’ and psychologists’ work; a school in норма with nothing low gets nothing ticked', () => {
    const shnsu = chosen(profile({ status: 'норма', shnsu: true }));
    expect(shnsu.length).toBeGreaterThan(0);
    for (const p of shnsu)
      expect(
        p.activity.targets.includes('родители') ||
          /психолог/i.test(`${p.activity.activity} ${p.activity.result} ${p.activity.block} ${p.activity.responsible}`),
      ).toBe(true);
    expect(chosen(profile({ status: 'норма' }))).toEqual([]);
  });

  it('risk factors entered for the school bring their measures', () => {
    const risk = CATALOGUE.find((a) => a.level === 'school' && a.risks.length > 0)!;
    const got = chosen(profile({ status: 'зона риска', risks: [risk.risks[0]!] }));
    expect(got.map((p) => p.activity.id)).toContain(risk.id);
    expect(got.find((p) => p.activity.id === risk.id)?.reasons).toContain(`фактор риска: ${risk.risks[0]}`);
  });

  it('the district gets its own measures, by the blocks chosen', () => {
    const all = proposeForDistrict(CATALOGUE);
    expect(all.every((p) => p.activity.level !== 'school' && p.selected)).toBe(true);
    expect(all.length).toBeLessThanOrEqual(40);
    const block = all[0]!.activity.block;
    const some = proposeForDistrict(CATALOGUE, [block]).filter((p) => p.selected);
    expect(some.every((p) => p.activity.block === block)).toBe(true);
    expect(some.length).toBeGreaterThan(0);
  });
});
