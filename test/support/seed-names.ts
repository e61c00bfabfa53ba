/**
 * Names of people, schools, places and bodies of the five source programmes (/work/shared/seeds/000–004),
 * collected from the seeds (surnames with initials, «… района», «МКОУ …», regional institutes, named
 * projects). Nothing generated for a district may show them: they are another district's. Each entry is
 * matched as a case-sensitive substring, so stems («Саянск») catch every case form.
 */
export const SEED_PEOPLE: readonly string[] = [
  'Гурьянова',
  'Иванова О',
  'Клюшанова',
  'Кожехов',
  'Королюк',
  'Мирюк',
  'Мищенко',
  'Орлова',
  'Пылова',
  'Степанова',
  'Шарапова',
  'Краснобаева',
  'Круль',
  'Соловьева',
  'Шишкова',
];

export const SEED_PLACES: readonly string[] = [
  'Бежецк',
  'Серышев',
  'Саянск',
  'Конаков',
  'Новокузнецк',
  'Кузбасс',
  'Кемеровск',
  'Красноярск',
  'Амурск',
  'Тверск',
  'Агинск',
  'Межовск',
  'Орьевск',
  'Сукромен',
  'Борковск',
  'Зобинск',
  'Моркиногор',
  'Межовская',
  'Орьевская',
  'Среднеагинская',
  'Агинская',
];

export const SEED_BODIES: readonly string[] = [
  'ККИПК',
  'РАОП',
  'КОиН',
  'РЦППМС',
  '«ДАР»',
  'Школа 2050',
  'Мои инновации',
  'Университет для родителей',
  'Учи.ру',
  'ИМЦ отдела образования',
  'Управления системы образования',
];

/** Every name above. */
export const SEED_NAMES: readonly string[] = [...SEED_PEOPLE, ...SEED_PLACES, ...SEED_BODIES];

/** The programmes' other spellings of ШНОР, and typos of the seeds a roadmap must not copy. */
export const SEED_SLIPS: readonly string[] = ['ШНРО', 'ШПРО', 'По отдельном у', 'отдельному у', '« .»', 'школ низкими'];
