import { describe, expect, it } from 'vitest';
import { SOURCE_ACTIVITIES } from '../../src/core/catalogue';
import { parseTerm, placeTerm, schoolYear } from '../../src/core/terms';

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

describe('terms of the canonical catalogue placed in a roadmap’s period', () => {
  const year = schoolYear(2026);
  it.each([
    ['сентябрь', '2026-09-01', 'сентябрь 2026', '2026-09-01', '2026-09-30', ''],
    ['октябрь, март', '2026-09-01', 'октябрь 2026, март 2027', '2026-10-01', '2027-03-31', ''],
    ['январь, июнь', '2026-09-01', 'январь, июнь 2027', '2027-01-01', '2027-06-30', ''],
    ['ноябрь–декабрь', '2026-09-01', 'ноябрь–декабрь 2026', '2026-11-01', '2026-12-31', ''],
    ['в течение учебного года', '2026-09-01', 'в течение 2026/27 учебного года', '2026-09-01', '2027-08-31', ''],
    ['октябрь, март', '2026-11-30', 'март 2027', '2027-03-01', '2027-03-31', 'срок «октябрь 2026» уже прошёл'],
    ['сентябрь', '2026-11-30', 'ноябрь–декабрь 2026', '2026-11-30', '2026-12-31', 'мероприятие перенесено на ноябрь–декабрь 2026'],
    ['ноябрь, январь, апрель, июнь', '2027-03-15', 'апрель, июнь 2027', '2027-04-01', '2027-06-30', 'уже прошёл'],
    ['январь–май', '2027-08-31', 'август 2027', '2027-08-31', '2027-08-31', 'перенесено на август 2027'],
    ['в течение учебного года', '2027-03-15', 'в течение 2026/27 учебного года', '2027-03-15', '2027-08-31', ''],
  ])('«%s» on %s → «%s», %s … %s', (term, today, text, start, end, note) => {
    const p = placeTerm(term, year, today)!;
    expect([p.text, p.start, p.end]).toEqual([text, start, end]);
    if (note) expect(p.note).toContain(note);
    else expect(p.note).toBe('');
    expect(p.end! >= today).toBe(true);
  });

  it('a schedule has no dates; a later year of a longer period takes a point already past; a past period moves nothing', () => {
    expect(placeTerm('по графику ОО', year)).toMatchObject({ text: 'по графику ОО', start: null, end: null });
    expect(placeTerm('сентябрь', { from: '2026-09-01', to: '2028-08-31' }, '2026-11-30')).toMatchObject({
      text: 'сентябрь 2027',
      start: '2027-09-01',
    });
    expect(placeTerm('сентябрь', year, '2028-02-01')).toMatchObject({ text: 'сентябрь 2026', start: '2026-09-01' });
    expect(placeTerm('в течение учебного года', { from: '2027-01-01', to: '2027-12-31' })?.text).toBe('в течение 2027 года');
    // Terms with a year or in the programmes' own words are not this reader's.
    expect(placeTerm('январь 2022', year)).toBeNull();
    expect(placeTerm('постоянно', year)).toBeNull();
  });
});
