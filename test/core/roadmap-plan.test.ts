import { describe, expect, it } from 'vitest';
import { roadmapBody } from '../../src/actions/roadmap-tab';
import { CATALOGUE, type CatalogueActivity, DIRECTIONS, SOURCE_ACTIVITIES } from '../../src/core/catalogue';
import { numberSections, OTHER_BLOCK, placeActivityTerm, planDates, planRoadmap, regenerate } from '../../src/core/roadmap-plan';
import { fingerprint, isEditedByPeople, parseRoadmap, ROADMAP_COLUMN, type RoadmapMeta } from '../../src/core/roadmap-sheet';
import { type CellValue } from '../../src/core/text';
import { schoolYear } from '../../src/core/terms';

const period = schoolYear(2026);
const meta: RoadmapMeta = { owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period };
const find = (id: string): CatalogueActivity => CATALOGUE.find((a) => a.id === id)!;

/** The tab's values as the sheet would hold them: three head rows, then the body. */
function sheetValues(sections: ReturnType<typeof planRoadmap>): CellValue[][] {
  return [
    ['Дорожная карта'],
    ['Для:', meta.owner, meta.ownerName, 'Период:', period.from, period.to],
    ['№ п/п'],
    ...roadmapBody(sections).values,
  ];
}

describe('terms → dates in the chosen period', () => {
  it.each([
    ['январь 2022', '2027-01-01', '2027-01-31', /срок программы перенесён/],
    ['Сентябрь, 2020', '2026-09-01', '2026-09-30', /перенесён/],
    ['Август-сентябрь 2020г.', '2026-09-01', '2026-09-30', /перенесён/],
    ['Август 2020г.', '2027-08-01', '2027-08-31', /перенесён/],
    ['январь 2022 - май 2024', '2027-01-01', '2027-08-31', /перенесён/],
    ['Май, ноябрь 2020-2022г.', '2026-11-01', '2027-05-31', /ежегодно в указанные месяцы/],
    ['Июнь-август 2021,2022', '2027-06-01', '2027-08-31', /ежегодно/],
    ['Январь 2020г.; Январь 2020г. Январь 2021г. Январь 2022г.', '2027-01-01', '2027-01-31', /ежегодно/],
    ['2020-2022г.', '2026-09-01', '2027-08-31', /годы программы; здесь — весь выбранный период: 01\.09\.2026–31\.08\.2027/],
    ['Июнь, январь', '2027-01-01', '2027-06-30', /месяцы отнесены к выбранному периоду/],
    ['Декабрь-июнь', '2026-12-01', '2027-06-30', /месяцы отнесены/],
    ['В течение года', '2026-09-01', '2027-08-31', /весь период: 01\.09\.2026–31\.08\.2027/],
    ['Ежеквартально', '2026-09-01', '2027-08-31', /^«Ежеквартально» — ежеквартально в течение периода/],
  ])('%s → %s … %s', (term, start, end, note) => {
    const d = planDates(term, period);
    expect([d.start, d.end]).toEqual([start, end]);
    expect(d.note).toMatch(note);
  });

  it('a term that gives no dates leaves them empty and says why', () => {
    expect(planDates('по отдельному графику', period)).toEqual({
      start: null,
      end: null,
      note: '«по отдельному графику» — даты не указаны: срок задан отдельным графиком или планом. Укажите их вручную.',
    });
    expect(planDates('', period).note).toBe('Срок в программе не указан — даты не указаны. Укажите их вручную.');
  });

  it('every term of the programmes: dates inside the period in order, or none with a note', () => {
    for (const p of [period, schoolYear(2027), { from: '2026-01-01', to: '2028-12-31' }]) {
      for (const a of SOURCE_ACTIVITIES) {
        const d = planDates(a.term, p);
        if (d.start === null) {
          expect(d.end, a.term).toBeNull();
          expect(d.note, a.term).toMatch(/даты не указаны/);
        } else {
          expect(d.start >= p.from && d.end! <= p.to && d.start <= d.end!, `${a.term}: ${d.start} … ${d.end}`).toBe(true);
        }
      }
    }
  });
});

describe('a generated roadmap', () => {
  it('puts the directions in their fixed order whatever the order given, and numbers rows 1.1, 2.1, 2.2 …', () => {
    const sections = planRoadmap(['Р1', 'О6', 'У13', 'О3', 'П9'].map(find), meta);
    expect(sections.map((s) => s.block)).toEqual([DIRECTIONS[0], DIRECTIONS[1], DIRECTIONS[2], DIRECTIONS[3]]);
    expect(sections.flatMap((s) => s.rows.map((r) => `${r.number} ${r.code}`))).toEqual([
      '1.1 У13',
      '2.1 П9',
      '3.1 О6',
      '3.2 О3',
      '4.1 Р1',
    ]);
    // A district's own block comes after the directions.
    const own = { ...find('О6'), id: 'свой-1', block: 'Наш блок' };
    expect(planRoadmap([own, find('Р1')], meta).map((s) => s.block)).toEqual([DIRECTIONS[3], 'Наш блок']);
  });

  it('places the term in the period, keeps status «запланировано», the school, the code, and a control mark', () => {
    const row = planRoadmap([find('О1')], meta)[0]!.rows[0]!;
    expect(row).toMatchObject({
      number: '1.1',
      block: DIRECTIONS[2],
      term: 'октябрь 2026',
      start: '2026-10-01',
      end: '2026-10-31',
      status: 'запланировано',
      school: 'sch771005',
      code: 'О1',
      responsible: 'заместитель директора по УВР, учителя-предметники, педагог-психолог',
    });
    expect(row.control).toBe(fingerprint(row));
    expect(isEditedByPeople(row)).toBe(false);
  });

  it('a term already past on the day of creation moves, and the note says so and quotes the programmes', () => {
    const row = planRoadmap([find('У1')], meta, '2026-11-30')[0]!.rows[0]!;
    expect(row).toMatchObject({ term: 'ноябрь–декабрь 2026', start: '2026-11-30', end: '2026-12-31' });
    const placed = placeActivityTerm(find('У1'), period, '2026-11-30');
    expect(placed.note).toMatch(/^Срок «сентябрь 2026» прошёл к дате создания \(30\.11\.2026\)/);
    expect(placed.note).toMatch(/Сроки в программах-источниках: «январь 2022»; «Август-сентябрь 2020г\.»; «2020-2022г\.»\.$/);
  });

  it('a district’s own term with a year is read as printed and moved into the period', () => {
    const own = { ...find('О6'), id: 'свой-1', term: 'январь 2022', sources: [] };
    expect(planRoadmap([own], meta)[0]!.rows[0]).toMatchObject({ term: 'январь 2022', start: '2027-01-01', end: '2027-01-31' });
  });
});

describe('regenerating over a tab people work in', () => {
  const activities = ['П3', 'О1', 'О6', 'О7'].map(find);

  function edited() {
    const values = sheetValues(planRoadmap(activities, meta));
    const at = (code: string) => values.findIndex((r) => r[ROADMAP_COLUMN.code] === code);
    // A status change and a mark, a changed text, and a row added under the second section without a block.
    values[at('О1')]![ROADMAP_COLUMN.status] = 'в работе';
    values[at('О1')]![ROADMAP_COLUMN.mark] = 'Справка от 10.10.2026';
    values[at('О7')]![ROADMAP_COLUMN.activity] = 'Профилактическая работа с «группой риска» (наш текст)';
    const added = new Array<CellValue>(14).fill('');
    added[ROADMAP_COLUMN.activity] = 'Родительский всеобуч по математике';
    added[ROADMAP_COLUMN.term] = 'ноябрь';
    values.push(added);
    return parseRoadmap(values);
  }

  it('keeps edited and added rows, replaces untouched ones, and never duplicates a kept code', () => {
    const tab = edited();
    const again = regenerate(tab, planRoadmap(activities, meta));
    expect({
      replaced: again.replaced,
      keptEdited: again.keptEdited,
      keptAdded: again.keptAdded,
      written: again.written,
      skipped: again.skipped,
    }).toEqual({
      replaced: 2,
      keptEdited: 2,
      keptAdded: 1,
      written: 2,
      skipped: 2,
    });
    const rows = again.sections.flatMap((s) => s.rows);
    expect(rows.map((r) => r.code)).toEqual(['П3', 'О1', 'О6', 'О7', '']);
    expect(rows[1]).toMatchObject({ status: 'в работе', mark: 'Справка от 10.10.2026' });
    expect(rows[3]!.activity).toBe('Профилактическая работа с «группой риска» (наш текст)');
    expect(rows[4]).toMatchObject({
      activity: 'Родительский всеобуч по математике',
      block: DIRECTIONS[2],
    });
    expect(rows.map((r) => r.number)).toEqual(['1.1', '2.1', '2.2', '2.3', '2.4']);
    // Kept rows are still seen as people's after being written back.
    expect(rows.filter(isEditedByPeople)).toHaveLength(3);
  });

  it('an unticked activity goes when untouched and stays when edited; its block stays for the kept row', () => {
    const tab = edited();
    const fewer = regenerate(tab, planRoadmap([find('П3')], meta));
    const rows = fewer.sections.flatMap((s) => s.rows);
    expect(rows.map((r) => r.code)).toEqual(['П3', 'О1', 'О7', '']);
    expect(fewer.sections.map((s) => s.block)).toEqual([DIRECTIONS[1], DIRECTIONS[2]]);
    expect(fewer.replaced).toBe(2);
  });

  it('a row added above every section goes into «Прочие мероприятия»', () => {
    const values = sheetValues(planRoadmap([find('О1')], meta));
    const added = new Array<CellValue>(14).fill('');
    added[ROADMAP_COLUMN.activity] = 'Своё';
    added[ROADMAP_COLUMN.start] = '2026-10-01';
    values.splice(3, 0, added);
    const again = regenerate(parseRoadmap(values), []);
    expect(again.sections.map((s) => [s.block, s.rows.map((r) => r.activity)])).toEqual([[OTHER_BLOCK, ['Своё']]]);
  });

  it('renumbering does not make a row look edited', () => {
    const s = planRoadmap(activities, meta);
    const renumbered = numberSections([{ block: 'x', rows: s.flatMap((x) => x.rows).reverse() }]);
    expect(renumbered[0]!.rows.some(isEditedByPeople)).toBe(false);
  });
});
