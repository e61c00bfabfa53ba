/** What looks like results and what is plainly something else (the count of «Прочитано N из M»). */
import { describe, expect, it } from 'vitest';
import { fileStatus, incompleteReading, looksLikeResults, readSource } from '../../src/core/sources';
import { NOT_RESULTS } from '../support/fisoko-real';

const grid = (sheet: string, values: Array<Array<string | number | null>>) => ({ sheet, values });

describe('looks like results', () => {
  it('a report title, a procedure title or a results header does; a note that mentions ВПР in a sentence does not', () => {
    expect(looksLikeResults(grid('Лист1', [['Статистика по отметкам'], [], ['ВПР 2026']]))).toBe(true);
    expect(looksLikeResults(grid('Лист1', [['ВПР 2026 Русский язык 4 класс']]))).toBe(true);
    expect(looksLikeResults(grid('Лист1', [['Индивидуальные результаты']]))).toBe(true);
    expect(looksLikeResults(grid('Лист1', [['ОО', 'Код участника', 'Отметка']]))).toBe(true);
    expect(looksLikeResults(grid('МА 4 Сравнение отметок с отметк', [['x']]))).toBe(true);
    expect(
      looksLikeResults(
        grid('Пояснительная записка.csv', [['Результаты ВПР 2026 года по школам района прилагаются к письму отдельными файлами.']]),
      ),
    ).toBe(false);
    // A school's list of term marks (a real file of the same dump) is not results.
    expect(looksLikeResults({ sheet: NOT_RESULTS.sheet, values: NOT_RESULTS.values })).toBe(false);
  });

  it('counts a report that cannot be read, not a note', () => {
    const cut = readSource('2849699.xlsx', [
      grid('Статистика по отметкам', [
        ['Статистика по отметкам'],
        [],
        ['ВПР 2026'],
        ['Предмет:'],
        [],
        [],
        [],
        ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
        ['МБОУ «СОШ №1»(edu203389)', null, 89, 12.36, 52.81, 26.97, 7.87],
      ]),
    ]);
    const note = readSource('Письмо.csv', [grid('Письмо.csv', [['Добрый день!'], ['Высылаем выгрузки.']])]);
    expect([fileStatus(cut), fileStatus(note)]).toEqual(['не прочитан', 'не результаты']);
    expect(incompleteReading([cut, note])).toEqual({
      read: 0,
      total: 1,
      headline: 'Прочитано 0 из 1 файла с результатами; вердикт неполный',
      lines: [
        '2849699.xlsx — лист «Статистика по отметкам» файла «2849699.xlsx»: отчёт ФИС ОКО без предмета — ни в заголовке («Предмет: …»), ни в имени файла или листа',
      ],
    });
  });
});
