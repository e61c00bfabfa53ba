/**
 * Real ФИС ОКО files of 2024 and 2026, cell for cell, as dumped in the public repository
 * pikhaev1988/saascrm95, apps/vpr/fixtures/all_files.txt (read there by row «R8: 1:'Группы участников' | …»;
 * here 0-based: row 0 is R1, column 0 is column 1). Written back as .xlsx with exceljs by the tests, so
 * that the reader meets them as a methodologist's download.
 */
import ExcelJS from 'exceljs';

type Cell = string | number | Date | null;
export interface RealFile {
  file: string;
  sheet: string;
  values: Cell[][];
}

/** «Ф3_Статистика по отметкам.xlsx», sheet «РУ 4 Статистика по отметкам» (12 rows). */
export const MARKS_2026: RealFile = {
  file: 'Ф3_Статистика по отметкам.xlsx',
  sheet: 'РУ 4 Статистика по отметкам',
  values: [
    ['Статистика по отметкам'],
    [],
    ['ВПР 2026 Русский язык 4 класс'],
    ['Предмет:', 'Русский язык'],
    ['Максимальный первичный балл:', 24],
    ['Дата:', '20.04.2026'],
    [],
    ['Группы участников', 'Кол-во ОО', 'Кол-во участников', 2, 3, 4, 5],
    ['Вся выборка', 35589, 1722202, 5.06, 32.92, 44.33, 17.69],
    ['Чеченская Республика', 560, 30216, 13.44, 44.15, 36.28, 6.14],
    ['Урус-Мартановский муниципальный район(reg20_m012)', 47, 3162, 13.57, 46.9, 33.65, 5.88],
    ['МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)', null, 89, 12.36, 52.81, 26.97, 7.87],
  ],
};

/** «2849657.xlsx», sheet «МА 4 Сравнение отметок с отметк» (the name cut at 31 characters; 11 rows). */
export const JOURNAL_2024: RealFile = {
  file: '2849657.xlsx',
  sheet: 'МА 4 Сравнение отметок с отметк',
  values: [
    ['Сравнение отметок с отметками по журналу'],
    [],
    ['ВПР 2024 Математика 4 класс'],
    ['Предмет:', 'Математика'],
    ['Максимальный первичный балл:', 20],
    ['Дата:', '19.03.2024'],
    [],
    [
      'Группы участников',
      'Кол-во участников(всего)',
      'Понизили (Отметка < Отметка по журналу) %',
      'Понизили (Отметка < Отметка по журналу) Кол-во участников',
      'Подтвердили (Отметка = Отметке по журналу) %',
      'Подтвердили (Отметка = Отметке по журналу) Кол-во участников',
      'Повысили (Отметка > Отметка по журналу) %',
      'Повысили (Отметка > Отметка по журналу) Кол-во участников',
    ],
    ['Чеченская Республика', 29589, 37.22, 11011, 60.67, 17951, 2.11, 624],
    ['Урус-Мартановский муниципальный район(reg20_m012)', 2817, 40.86, 1151, 56.66, 1596, 2.48, 70],
    ['МБОУ «СОШ №1 г.Урус-Мартан»(edu203389)', 93, 55.91, 52, 39.78, 37, 4.3, 4],
  ],
};

/** «last one for isa.xlsx», sheet «Лист1»: a school's list of term marks — not results (16 rows). */
export const NOT_RESULTS: RealFile = {
  file: 'last one for isa.xlsx',
  sheet: 'Лист1',
  values: [
    ...Array.from({ length: 10 }, (): Cell[] => []),
    [null, null, '9 класс', 'Эржапов Мухаммад Сулумбекович', new Date(Date.UTC(2010, 9, 5)), '9624-309942', 16272978196],
    [],
    [],
    [
      null,
      null,
      null,
      'ФИО/ПРЕДМЕТ',
      'Русский язык',
      'Литература ',
      'Родной  язык (чеченский)',
      'Родная литература  (чеченская) ',
      'Иностранный язык (английский)',
      'Математика',
      'Информатика',
      'История России. Всеобщая история',
      'Обществознание ',
      'География ',
      'Биология',
      'Физика',
      'Химия',
      'ОБЗР',
      'Физическая культура ',
      'Индивидуальный проект',
    ],
    [null, null, '11 класс', 'Муцаев Зубайр Адамович', ...Array<number>(15).fill(5)],
    [null, null, null, 'Шоипов Асхаб Рамзанович', ...Array<number>(15).fill(5)],
  ],
};

/** One sheet as an .xlsx file. */
export async function writeRealXlsx(path: string, f: Pick<RealFile, 'sheet' | 'values'>): Promise<void> {
  const book = new ExcelJS.Workbook();
  const ws = book.addWorksheet(f.sheet);
  f.values.forEach((row, r) => row.forEach((v, c) => v !== null && (ws.getCell(r + 1, c + 1).value = v)));
  await book.xlsx.writeFile(path);
}
