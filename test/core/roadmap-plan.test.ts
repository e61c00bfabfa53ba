import { describe, expect, it } from 'vitest';
import { roadmapBody } from '../../src/actions/roadmap-tab';
import { CATALOGUE, type CatalogueActivity } from '../../src/core/catalogue';
import { numberSections, OTHER_BLOCK, planDates, planRoadmap, regenerate, startNote } from '../../src/core/roadmap-plan';
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

  it('every term of the catalogue: dates inside the period in order, or none with a note', () => {
    for (const p of [period, schoolYear(2027), { from: '2026-01-01', to: '2028-12-31' }]) {
      for (const a of CATALOGUE) {
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
  const chosen = [
    'bezhetsk-2021/#22',
    'novokuznetsk-2020/2.6',
    'novokuznetsk-2020/3.1',
    'seryshevsky-2023/4.1',
    'novokuznetsk-2020/4.1',
  ].map(find);
  const catalogueOrder = CATALOGUE.filter((a) => chosen.includes(a));

  it('groups rows in block sections in catalogue order and numbers them 1.1, 2.1, 2.2 …', () => {
    const sections = planRoadmap(catalogueOrder, meta);
    expect(sections.map((s) => s.block)).toEqual([
      'Психолого-педагогический блок (консультативная, диагностическая и коррекционная работа, психопрофилактика, мотивация и социализация)',
      'Совершенствование инфраструктуры школ низкими образовательными результатами',
      'Методическая поддержка педагогических и руководящих работников общеобразовательных организаций, имеющих низкие образовательные результаты',
      'Обеспечение психолого-педагогического сопровождения обучающихся и их семей',
      'Сокращение разрыва в результатах обученности между общеобразовательными организациями с наиболее высокими и наиболее низкими образовательными результатами',
    ]);
    expect(sections.flatMap((s) => s.rows.map((r) => r.number))).toEqual(['1.1', '2.1', '3.1', '4.1', '5.1']);
    const twice = planRoadmap([find('novokuznetsk-2020/3.1'), find('novokuznetsk-2020/3.3')], meta);
    expect(twice[0]!.rows.map((r) => r.number)).toEqual(['1.1', '1.2']);
  });

  it('keeps the term as printed, status «запланировано», the school, the code, and a control mark', () => {
    const row = planRoadmap([find('novokuznetsk-2020/3.1')], meta)[0]!.rows[0]!;
    expect(row).toMatchObject({
      term: 'По отдельном у графику',
      start: null,
      end: null,
      status: 'запланировано',
      school: 'sch771005',
      code: 'novokuznetsk-2020/3.1',
      responsible: 'ОО, отделение Новокузнецкого городского округа Центр «ДАР» ГОО «Кузбасский «РЦППМС»',
    });
    expect(row.control).toBe(fingerprint(row));
    expect(isEditedByPeople(row)).toBe(false);
    expect(startNote(row, period)).toBe(
      '«По отдельном у графику» — даты не указаны: срок задан отдельным графиком или планом. Укажите их вручную.',
    );
  });
});

describe('regenerating over a tab people work in', () => {
  const activities = ['novokuznetsk-2020/2.6', 'novokuznetsk-2020/2.11', 'novokuznetsk-2020/3.1', 'novokuznetsk-2020/3.3'].map(find);

  function edited() {
    const values = sheetValues(planRoadmap(activities, meta));
    const at = (code: string) => values.findIndex((r) => r[ROADMAP_COLUMN.code] === code);
    // A status change and a mark, a changed text, and a row added under the second section without a block.
    values[at('novokuznetsk-2020/2.6')]![ROADMAP_COLUMN.status] = 'в работе';
    values[at('novokuznetsk-2020/2.6')]![ROADMAP_COLUMN.mark] = 'Справка от 10.10.2026';
    values[at('novokuznetsk-2020/3.3')]![ROADMAP_COLUMN.activity] = 'Профилактическая работа с «группой риска» (наш текст)';
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
    expect(rows.map((r) => r.code)).toEqual([
      'novokuznetsk-2020/2.6',
      'novokuznetsk-2020/2.11',
      'novokuznetsk-2020/3.1',
      'novokuznetsk-2020/3.3',
      '',
    ]);
    expect(rows[0]).toMatchObject({ status: 'в работе', mark: 'Справка от 10.10.2026' });
    expect(rows[3]!.activity).toBe('Профилактическая работа с «группой риска» (наш текст)');
    expect(rows[4]).toMatchObject({
      activity: 'Родительский всеобуч по математике',
      block: 'Обеспечение психолого-педагогического сопровождения обучающихся и их семей',
    });
    expect(rows.map((r) => r.number)).toEqual(['1.1', '1.2', '2.1', '2.2', '2.3']);
    // Kept rows are still seen as people's after being written back.
    expect(rows.filter(isEditedByPeople)).toHaveLength(3);
  });

  it('an unticked activity goes when untouched and stays when edited; its block stays for the kept row', () => {
    const tab = edited();
    const fewer = regenerate(tab, planRoadmap([find('novokuznetsk-2020/2.11')], meta));
    const rows = fewer.sections.flatMap((s) => s.rows);
    expect(rows.map((r) => r.code)).toEqual(['novokuznetsk-2020/2.6', 'novokuznetsk-2020/2.11', 'novokuznetsk-2020/3.3', '']);
    expect(fewer.sections.map((s) => s.block)).toEqual([
      'Методическая поддержка педагогических и руководящих работников общеобразовательных организаций, имеющих низкие образовательные результаты',
      'Обеспечение психолого-педагогического сопровождения обучающихся и их семей',
    ]);
    expect(fewer.replaced).toBe(2);
  });

  it('a row added above every section goes into «Прочие мероприятия»', () => {
    const values = sheetValues(planRoadmap([find('novokuznetsk-2020/2.6')], meta));
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
