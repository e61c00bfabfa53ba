import { describe, expect, it } from 'vitest';
import {
  cellDate,
  fingerprint,
  isEditedByPeople,
  parseRoadmap,
  periodLabel,
  ROADMAP_COLUMNS,
  roadmapMetaCells,
  roadmapRowCells,
  roadmapSheetName,
  shortSchoolName,
  toIso,
  type RoadmapRow,
} from '../../src/core/roadmap-sheet';

const row = (over: Partial<RoadmapRow> = {}): RoadmapRow => {
  const base: Omit<RoadmapRow, 'control'> = {
    number: '1.1',
    block: 'Управленческий',
    activity: 'Анализ результатов ВПР',
    term: 'октябрь 2026',
    start: '2026-10-01',
    end: '2026-10-31',
    responsible: 'Директор',
    result: 'Справка',
    document: 'Приказ',
    status: 'запланировано',
    mark: '',
    school: 'sch771005',
    code: '000/1.1',
  };
  const full = { ...base, control: fingerprint(base) };
  return { ...full, ...over };
};

describe('roadmap tab layout', () => {
  it('names tabs by owner and period within Excel’s 31 characters', () => {
    const year = { from: '2026-09-01', to: '2027-08-31' };
    expect(periodLabel(year)).toBe('2026/27');
    expect(periodLabel({ from: '2026-01-01', to: '2028-12-31' })).toBe('2026–2028');
    expect(shortSchoolName('МБОУ «СОШ № 5»')).toBe('СОШ № 5');
    expect(shortSchoolName('Муниципальное бюджетное общеобразовательное учреждение «Ключевская СОШ»')).toBe('Ключевская СОШ');
    expect(roadmapSheetName({ owner: 'район', ownerName: 'муниципальная', period: year })).toBe('ДК район 2026–27');
    expect(roadmapSheetName({ owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period: year })).toBe('ДК СОШ № 5 2026–27');
    const long = roadmapSheetName({ owner: 'sch1', ownerName: 'МКОУ «Очень-очень длинное название сельской школы»', period: year });
    expect(long.length).toBeLessThanOrEqual(31);
    expect(long.endsWith('… 2026–27')).toBe(true);
  });

  it('round-trips rows through cells, with dates as the same day in any zone', () => {
    const r = row();
    const values = [
      ['Дорожная карта'],
      roadmapMetaCells({ owner: 'sch771005', ownerName: 'СОШ № 5', period: { from: '2026-09-01', to: '2027-08-31' } }),
      ROADMAP_COLUMNS.map((c) => c.header),
      ['', 'Управленческий'],
      roadmapRowCells(r),
    ];
    const parsed = parseRoadmap(values);
    expect(parsed.meta).toEqual({ owner: 'sch771005', ownerName: 'СОШ № 5', period: { from: '2026-09-01', to: '2027-08-31' } });
    expect(parsed.sections).toEqual([{ sheetRow: 4, block: 'Управленческий' }]);
    const { sheetRow, ...back } = parsed.rows[0]!;
    expect(sheetRow).toBe(5);
    expect(back).toEqual(r);
    expect(isEditedByPeople(back)).toBe(false);
    // Moscow midnight of 1 October as a Date is 30 September 21:00 UTC.
    expect(toIso(new Date('2026-09-30T21:00:00Z'))).toBe('2026-10-01');
  });

  it('sees edits and additions by people', () => {
    expect(isEditedByPeople(row({ status: 'в работе' }))).toBe(true);
    expect(isEditedByPeople(row({ control: '' }))).toBe(true);
    expect(isEditedByPeople(row({ number: '7' }))).toBe(false);
  });

  it('reports unreadable dates and statuses by row and column', () => {
    const cells = roadmapRowCells(row());
    cells[4] = '31.02.2026';
    cells[9] = 'почти готово';
    const parsed = parseRoadmap([[], [], [], cells]);
    expect(parsed.problems).toEqual([
      { row: 4, column: 'E', value: '31.02.2026', message: 'не дата (ожидается дд.мм.гггг)' },
      { row: 4, column: 'J', value: 'почти готово', message: expect.stringContaining('неизвестный статус') },
    ]);
    expect(cellDate('05.01.2027')).toBe('2027-01-05');
  });
});
