import { describe, expect, it } from 'vitest';
import { SOURCE_ACTIVITIES } from '../../src/core/catalogue';
import { parseTerm, schoolYear } from '../../src/core/terms';

const year = schoolYear(2026);
const read = (t: string) => {
  const r = parseTerm(t, year);
  return [r.start, r.end, r.kind];
};

describe('terms of the programmes', () => {
  it.each([
    ['январь 2022', '2022-01-01', '2022-01-31'],
    ['январь 2022 - май 2024', '2022-01-01', '2024-05-31'],
    ['Октябрь 2022– март 2024', '2022-10-01', '2024-03-31'],
    ['Сентябрь, 2020', '2020-09-01', '2020-09-30'],
    ['Ноябрь 2020 года', '2020-11-01', '2020-11-30'],
    ['Ноябрь, декабрь 2020 года', '2020-11-01', '2020-12-31'],
    ['Август-сентябрь 2020г.', '2020-08-01', '2020-09-30'],
    ['Октябрь-ноябрь 2020 года', '2020-10-01', '2020-11-30'],
    ['май, ноябрь 2020-2022г.', '2020-05-01', '2022-11-30'],
    ['Июнь-август 2021,2022', '2021-06-01', '2022-08-31'],
    ['2022', '2022-01-01', '2022-12-31'],
    ['2020-2022г.', '2020-01-01', '2022-12-31'],
    ['2021-2020г.', '2020-01-01', '2021-12-31'],
    ['Январь 2020г.; Январь 2020г. Январь 2021г. Январь 2022г.', '2020-01-01', '2022-01-31'],
  ])('%s → %s … %s', (term, start, end) => {
    expect(read(term)).toEqual([start, end, 'dated']);
  });

  it.each([
    ['Сентябрь', '2026-09-01', '2026-09-30'],
    ['январь', '2027-01-01', '2027-01-31'],
    ['Март-май', '2027-03-01', '2027-05-31'],
    ['Декабрь-июнь', '2026-12-01', '2027-06-30'],
    ['сентябрь март', '2026-09-01', '2027-03-31'],
    ['Сентябрь, октябрь', '2026-09-01', '2026-10-31'],
  ])('months without a year fall in the chosen school year: %s', (term, start, end) => {
    expect(read(term)).toEqual([start, end, 'dated']);
  });

  it.each(['в течение года', 'В течение учебного года', 'В течение всего периода', 'постоянно', 'Ежеквартально'])(
    '«%s» spans the period',
    (term) => {
      expect(read(term)).toEqual(['2026-09-01', '2027-08-31', 'period']);
    },
  );
  it('quarterly says so', () => {
    expect(parseTerm('Ежеквартально', year).note).toBe('Ежеквартально в течение периода.');
  });

  it.each([
    'по отдельному графику',
    'По отдельном у графику',
    'по графику Министерства Просвещения РФ',
    'По плану работы УО',
    'по договору',
    'В соответствии с ежегодным планом работы отдела образования',
    '',
  ])('«%s» has no dates and a note saying so', (term) => {
    const r = parseTerm(term, year);
    expect([r.start, r.end, r.kind]).toEqual([null, null, 'undated']);
    expect(r.note).toMatch(/^(Даты не указаны|Срок не указан)/);
  });

  it('reads every term of the catalogue: dates in order, or a note', () => {
    for (const a of SOURCE_ACTIVITIES) {
      const r = parseTerm(a.term, year);
      if (r.kind === 'undated') expect(r.note, a.term).not.toBe('');
      else expect(r.start! <= r.end!, `${a.term}: ${r.start} … ${r.end}`).toBe(true);
    }
  });
});
