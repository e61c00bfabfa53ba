import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  DIRECTIONS,
  RISK_FACTORS,
  ROLES,
  SOURCE_ACTIVITIES,
  SOURCES,
  type SourceActivity,
  TARGETS,
} from '../../src/core/catalogue';
import { placeTerm } from '../../src/core/terms';
import { SEED_NAMES, SEED_SLIPS } from '../support/seed-names';

const bySource = (source: string): SourceActivity[] => SOURCE_ACTIVITIES.filter((a) => a.source === source);
const find = (id: string): SourceActivity => {
  const a = SOURCE_ACTIVITIES.find((x) => x.id === id);
  if (!a) throw new Error(`no activity ${id}`);
  return a;
};
const blockCounts = (source: string): [string, number][] => {
  const counts = new Map<string, number>();
  for (const a of bySource(source)) counts.set(a.block, (counts.get(a.block) ?? 0) + 1);
  return [...counts];
};
const range = (prefix: string, from: number, to: number): string[] =>
  Array.from({ length: to - from + 1 }, (_, i) => `${prefix}${from + i}`);

describe('SOURCES', () => {
  it('lists the five documents in seed order', () => {
    expect(SOURCES.map((s) => s.id)).toEqual([
      'bezhetsk-2021',
      'seryshevsky-2023',
      'sayansky-2020-2022',
      'konakovo-2022-2023',
      'novokuznetsk-2020',
    ]);
    expect(SOURCES.map((s) => s.title)).toEqual([
      'Бежецкий район, 2021',
      'Серышевский округ, 2023',
      'Саянский район, 2020–2022',
      'Конаковский район, 2022–2023',
      'Новокузнецк, 2020',
    ]);
  });
});

describe('sources: items per document', () => {
  it('has 118 activities in all', () => {
    expect(SOURCE_ACTIVITIES).toHaveLength(118);
  });

  it('Бежецкий район 2021: 24 unnumbered rows, numbered by position', () => {
    const items = bySource('bezhetsk-2021').map((a) => a.item);
    expect(items).toHaveLength(24);
    expect(items).toEqual(range('#', 1, 24));
  });

  it('Серышевский округ 2023: 1.1–4.1', () => {
    expect(bySource('seryshevsky-2023').map((a) => a.item)).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '2.1',
      '2.2',
      '2.3',
      '2.4',
      '3.1',
      '3.2',
      '3.3',
      '3.4',
      '3.5',
      '4.1',
    ]);
  });

  it('Саянский район 2020–2022: 1.1–7.2', () => {
    expect(bySource('sayansky-2020-2022').map((a) => a.item)).toEqual([
      ...range('1.', 1, 4),
      ...range('2.', 1, 4),
      ...range('3.', 1, 3),
      '4.1',
      ...range('5.', 1, 10),
      '6.1',
      '6.2',
      '7.1',
      '7.2',
    ]);
    expect(bySource('sayansky-2020-2022')).toHaveLength(26);
  });

  it('Конаковский район 2022–2023: 1–23 without the empty item 19', () => {
    const items = bySource('konakovo-2022-2023').map((a) => a.item);
    expect(items).toEqual([...range('', 1, 18), ...range('', 20, 23)]);
    expect(items).toHaveLength(22);
    expect(items).not.toContain('19');
  });

  it('Новокузнецк 2020: 1.1–4.6', () => {
    expect(bySource('novokuznetsk-2020').map((a) => a.item)).toEqual([
      ...range('1.', 1, 5),
      ...range('2.', 1, 15),
      ...range('3.', 1, 5),
      ...range('4.', 1, 6),
    ]);
    expect(bySource('novokuznetsk-2020')).toHaveLength(31);
  });
});

describe('sources: blocks', () => {
  it('Бежецкий район: four blocks', () => {
    expect(blockCounts('bezhetsk-2021')).toEqual([
      ['Управленческий блок (создание муниципальной организационно-технологической инфраструктуры обеспечения поддержки ШНОР)', 4],
      ['Организационный блок (оптимизация сопровождения школ для качественной организации образовательного процесса)', 7],
      ['Информационно-методический блок (профессиональное развитие педагогических и административных команд ШНОР)', 7],
      [
        'Психолого-педагогический блок (консультативная, диагностическая и коррекционная работа, психопрофилактика, мотивация и социализация)',
        6,
      ],
    ]);
  });

  it('Серышевский округ: four sections', () => {
    expect(blockCounts('seryshevsky-2023')).toEqual([
      ['Методическое обеспечение поддержки школ с низкими образовательными результатами', 5],
      [
        'Оказание консультативной помощи родителям (законным представителям) обучающихся по вопросам обучения, развития и воспитания детей школьного возраста',
        4,
      ],
      ['Мониторинг деятельности школ с низкими образовательными результатами', 5],
      ['Совершенствование инфраструктуры школ низкими образовательными результатами', 1],
    ]);
  });

  it('Саянский район: seven directions', () => {
    expect(blockCounts('sayansky-2020-2022').map(([, n]) => n)).toEqual([4, 4, 3, 1, 10, 2, 2]);
    expect(blockCounts('sayansky-2020-2022')[0]?.[0]).toBe('Создание и функционирование структур управления');
    expect(blockCounts('sayansky-2020-2022')[6]?.[0]).toBe(
      'Реализация механизмов оценки эффективности муниципальной и школьных программ повышения качества образования',
    );
  });

  it('Конаковский район: one plan without blocks', () => {
    expect(blockCounts('konakovo-2022-2023').map(([, n]) => n)).toEqual([22]);
  });

  it('Новокузнецк: four tasks', () => {
    expect(blockCounts('novokuznetsk-2020')).toEqual([
      [
        'Обеспечение организационной и материально-технической поддержки общеобразовательных организаций, имеющих низкие образовательные результаты',
        5,
      ],
      [
        'Методическая поддержка педагогических и руководящих работников общеобразовательных организаций, имеющих низкие образовательные результаты',
        15,
      ],
      ['Обеспечение психолого-педагогического сопровождения обучающихся и их семей', 5],
      [
        'Сокращение разрыва в результатах обученности между общеобразовательными организациями с наиболее высокими и наиболее низкими образовательными результатами',
        6,
      ],
    ]);
  });
});

describe('sources: integrity', () => {
  const sourceIds = new Set(SOURCES.map((s) => s.id));

  it('ids are unique and made of source and item', () => {
    expect(new Set(SOURCE_ACTIVITIES.map((a) => a.id)).size).toBe(SOURCE_ACTIVITIES.length);
    for (const a of SOURCE_ACTIVITIES) expect(a.id).toBe(`${a.source}/${a.item}`);
  });

  it('every entry has a valid source, a block and an activity', () => {
    for (const a of SOURCE_ACTIVITIES) {
      expect(sourceIds.has(a.source), a.id).toBe(true);
      expect(a.activity.length, a.id).toBeGreaterThan(0);
      expect(a.block.length, a.id).toBeGreaterThan(0);
      expect(['district', 'school'], a.id).toContain(a.level);
    }
    for (const s of SOURCES) expect(bySource(s.id).length, s.id).toBeGreaterThan(0);
  });

  it('targets and risks come from the allowed lists, without repeats', () => {
    for (const a of SOURCE_ACTIVITIES) {
      for (const t of a.targets) expect(TARGETS, a.id).toContain(t);
      for (const r of a.risks) expect(RISK_FACTORS, a.id).toContain(r);
      expect(new Set(a.targets).size, a.id).toBe(a.targets.length);
      expect(new Set(a.risks).size, a.id).toBe(a.risks.length);
    }
    expect(RISK_FACTORS).toHaveLength(6);
  });

  it('texts are whitespace-normalised and free of markup', () => {
    for (const a of SOURCE_ACTIVITIES) {
      for (const s of [a.block, a.activity, a.term, a.responsible, a.result, a.document, ...a.subjects]) {
        expect(s, a.id).toBe(s.trim());
        expect(s, a.id).not.toMatch(/\s{2}|[\t\n]|<\/?[a-z]+>/);
      }
    }
  });

  it('every risk factor and every target is used somewhere', () => {
    const risks = new Set(SOURCE_ACTIVITIES.flatMap((a) => a.risks));
    const targets = new Set(SOURCE_ACTIVITIES.flatMap((a) => a.targets));
    for (const r of RISK_FACTORS) expect(risks.has(r), r).toBe(true);
    for (const t of TARGETS) expect(targets.has(t), t).toBe(true);
  });
});

describe('sources: verbatim spot checks', () => {
  it('Новокузнецк 2.5', () => {
    const a = find('novokuznetsk-2020/2.5');
    expect(a.activity).toBe(
      'Анализ результатов независимых оценок качества образования (ВПР, ГИА) и разработка методических рекомендаций для педагогов по повышению качества общего образования',
    );
    expect(a.term).toBe('Сентябрь, 2020');
    expect(a.responsible).toBe('ИПК');
    expect(a.result).toBe('');
    expect(a.document).toBe('');
    expect(a.level).toBe('district');
  });

  it('Новокузнецк 3.1: responsible continued over a page break', () => {
    const a = find('novokuznetsk-2020/3.1');
    expect(a.responsible).toBe('ОО, отделение Новокузнецкого городского округа Центр «ДАР» ГОО «Кузбасский «РЦППМС»');
    expect(a.term).toBe('По отдельном у графику');
    expect(a.targets).toEqual(['обучающиеся', 'родители']);
  });

  it('Новокузнецк 4.5 and 1.2', () => {
    expect(find('novokuznetsk-2020/4.5').activity).toBe(
      'Создание системы кадровой поддержки: организация наставничества из числа педагогов районных методических объединений',
    );
    expect(find('novokuznetsk-2020/4.5').responsible).toBe('ИПК КОиН, РОО');
    expect(find('novokuznetsk-2020/1.2').term).toBe('ноябрь, 2020');
  });

  it('Бежецкий район #1, #5 and #24', () => {
    const first = find('bezhetsk-2021/#1');
    expect(first.activity).toBe('Создание муниципальной команды поддержки ШНОР и разработка дорожной карты');
    expect(first.term).toBe('январь 2022');
    expect(first.responsible).toBe('Отдел образования');
    expect(first.result).toBe('Разработан комплексный план совместной деятельности учреждений ШНОР');
    expect(find('bezhetsk-2021/#5').result).toMatch(/«Договор о сетевом взаимодействии и сотрудничестве школ» и др\.$/);
    expect(find('bezhetsk-2021/#5').term).toBe('Сентябрь 2020');
    const last = find('bezhetsk-2021/#24');
    expect(last.activity).toBe('Проведение тренинга для педагогов ОУ «Профилактика профессионального выгорания»');
    expect(last.term).toBe('октябрь 2022');
    expect(last.responsible).toBe('Отдел образования, РМО педагогов-психологов');
  });

  it('Бежецкий район #15: one row continued over a page break', () => {
    const a = find('bezhetsk-2021/#15');
    expect(a.activity).toMatch(/^Организация и проведение муниципальных методических событий/);
    expect(a.activity).toContain('Изучение, обобщение и распространение инновационного опыта общеобразовательных организаций');
    expect(a.activity).toMatch(/мастер-классы по заявкам образовательных организаций\.$/);
    expect(a.term).toBe('в течение всего периода');
  });

  it('Серышевский округ 1.3, 3.1 and 4.1', () => {
    const a = find('seryshevsky-2023/1.3');
    expect(a.activity).toBe('Оказание консультационной поддержки и адресной помощи руководителям и педагогам ШНОР');
    expect(a.term).toBe('В течение года');
    expect(a.responsible).toBe('Королюк А.А., Муниципальная методическая служба');
    const b = find('seryshevsky-2023/3.1');
    expect(b.term).toBe('Ежеквартально');
    expect(b.responsible).toBe('Королюк А.А.');
    expect(b.result).toBe('Разработка рекомендаций и предложений по улучшению результатов');
    expect(find('seryshevsky-2023/4.1').risks).toEqual(['низкий уровень оснащения школы']);
  });

  it('Саянский район 2.1: two sub-rows of one item', () => {
    const a = find('sayansky-2020-2022/2.1');
    expect(a.activity).toBe(
      'Разработка критериев и показателей идентификации ШНОР. Проведение анализа данных об образовательных результатах общеобразовательных организаций',
    );
    expect(a.term).toBe('Январь 2020г.; Январь 2020г. Январь 2021г. Январь 2022г.');
    expect(a.responsible).toBe('Управление образования');
    expect(a.document).toBe(
      'Описаны критерии и показатели оценки образовательных результатов школ Приказ.; Аналитическая справка о результатах идентификации',
    );
  });

  it('Саянский район 1.1, 5.3 and 7.1', () => {
    const a = find('sayansky-2020-2022/1.1');
    expect(a.term).toBe('Август-сентябрь 2020г.');
    expect(a.document).toBe('Приказ о создании рабочей группы');
    const b = find('sayansky-2020-2022/5.3');
    expect(b.responsible).toBe('Муниципальный координатор ШНРО, супервизор (Пылова Л.Ю.)');
    expect(b.subjects).toEqual(['математика', 'русский язык']);
    const c = find('sayansky-2020-2022/7.1');
    expect(c.term).toBe('Июнь-август 2021,2022');
    expect(c.document).toBe('Аналитическая справка');
  });

  it('Конаковский район 1, 8 and 23', () => {
    const a = find('konakovo-2022-2023/1');
    expect(a.activity).toMatch(/^Собеседование с администрацией ШНОР по вопросам: - анализ образовательной программы/);
    expect(a.activity).toMatch(/- анализ работы с родителями\.$/);
    expect(a.term).toBe('декабрь');
    expect(a.responsible).toBe('Гурьянова Л.Ю.');
    expect(find('konakovo-2022-2023/8').responsible).toBe('Степанова И.А. руководители НМП');
    expect(find('konakovo-2022-2023/8').term).toBe('Декабрь-июнь');
    expect(find('konakovo-2022-2023/23').term).toBe('В течение года');
  });

  it('subjects only where the text names them: tutoring and methodological visits for teachers of named subjects', () => {
    expect(SOURCE_ACTIVITIES.filter((a) => a.subjects.length > 0).map((a) => a.id)).toEqual([
      'sayansky-2020-2022/5.1',
      'sayansky-2020-2022/5.3',
    ]);
    // Every other activity naming ВПР or ГИА is about all subjects: none mentions a subject by name.
    for (const a of SOURCE_ACTIVITIES.filter((x) => x.subjects.length === 0))
      expect(`${a.activity} ${a.result}`, a.id).not.toMatch(/математ|русск(ий|ого|ому) язык|биолог|хими|физик/i);
  });

  it('transition only where primary school is meant: trial ВПР in grade 4, preparing younger pupils for ВПР', () => {
    expect(SOURCE_ACTIVITIES.filter((a) => a.transition).map((a) => a.id)).toEqual(['bezhetsk-2021/#9', 'novokuznetsk-2020/2.7']);
    expect(find('bezhetsk-2021/#9').activity).toMatch(/4-8-11 классов/);
    expect(find('novokuznetsk-2020/2.7').activity).toMatch(/Подготовка младших школьников к Всероссийской проверочной работе/);
    // No other item names primary school, grade 4 or 5, or преемственность.
    for (const a of SOURCE_ACTIVITIES.filter((x) => !x.transition))
      expect(`${a.activity} ${a.result}`, a.id).not.toMatch(/преемствен|младш|4[-\s]?(х\s)?класс|5[-\s]?(х\s)?класс|адаптац/i);
  });
});

describe('the canonical catalogue', () => {
  it('traces every one of the 118 source activities to exactly one canonical activity', () => {
    const traced = new Map<string, string[]>();
    for (const c of CATALOGUE) for (const s of c.sources) traced.set(s, [...(traced.get(s) ?? []), c.id]);
    expect([...traced.keys()].filter((s) => !SOURCE_ACTIVITIES.some((a) => a.id === s))).toEqual([]);
    for (const a of SOURCE_ACTIVITIES) expect(traced.get(a.id), a.id).toHaveLength(1);
    expect(SOURCE_ACTIVITIES).toHaveLength(118);
  });

  it('merges near-duplicates: the team formed once, meetings with heads once, teacher training once', () => {
    const of = (source: string) => CATALOGUE.find((c) => c.sources.includes(source))?.id;
    expect(new Set(['bezhetsk-2021/#1', 'sayansky-2020-2022/1.1'].map(of)).size).toBe(1);
    expect(new Set(['bezhetsk-2021/#12', 'sayansky-2020-2022/1.3', 'konakovo-2022-2023/2', 'novokuznetsk-2020/2.8'].map(of)).size).toBe(1);
    expect(
      new Set(['bezhetsk-2021/#13', 'bezhetsk-2021/#14', 'seryshevsky-2023/1.2', 'sayansky-2020-2022/6.1', 'konakovo-2022-2023/7'].map(of))
        .size,
    ).toBe(1);
    expect(new Set(['seryshevsky-2023/1.4', 'novokuznetsk-2020/4.4'].map(of)).size).toBe(1);
    expect(CATALOGUE.length).toBeLessThan(SOURCE_ACTIVITIES.length / 2);
  });

  it('ids are unique; every activity is in one of the five directions, with a level, roles, a result and a document', () => {
    expect(new Set(CATALOGUE.map((c) => c.id)).size).toBe(CATALOGUE.length);
    expect(DIRECTIONS).toHaveLength(5);
    for (const c of CATALOGUE) {
      expect(DIRECTIONS, c.id).toContain(c.block);
      expect(['district', 'school', 'both'], c.id).toContain(c.level);
      expect(c.responsible, c.id).not.toBe('');
      for (const role of c.responsible.split(', ')) expect(ROLES, c.id).toContain(role);
      expect(c.result.length, c.id).toBeGreaterThan(20);
      expect(c.document, c.id).not.toBe('');
      for (const r of c.risks) expect(RISK_FACTORS).toContain(r);
      for (const t of c.targets) expect(TARGETS).toContain(t);
    }
    // Every direction has measures for the district and for a school.
    for (const d of DIRECTIONS) {
      expect(
        CATALOGUE.some((c) => c.block === d && c.level !== 'school'),
        d,
      ).toBe(true);
      expect(
        CATALOGUE.some((c) => c.block === d && c.level !== 'district'),
        d,
      ).toBe(true);
    }
  });

  it('no person, school, place or body of the programmes, no year, no other spelling of ШНОР, no copied typo', () => {
    for (const c of CATALOGUE) {
      const text = [c.activity, c.term, c.responsible, c.result, c.document].join(' | ');
      for (const n of [...SEED_NAMES, ...SEED_SLIPS]) expect(text, `${c.id}: ${n}`).not.toContain(n);
      expect(text, c.id).not.toMatch(/20\d\d/);
    }
  });

  it('terms are in words a roadmap places in any period; planning activities come in September', () => {
    for (const c of CATALOGUE) expect(placeTerm(c.term, { from: '2026-09-01', to: '2027-08-31' }), `${c.id}: ${c.term}`).not.toBeNull();
    const planning = CATALOGUE.filter((c) => c.planning);
    expect(planning.map((c) => c.id)).toEqual(['У1', 'У2', 'У3', 'У4']);
    for (const c of planning) expect(c.term, c.id).toMatch(/^сентябрь/);
  });

  it('a school cannot choose to take part in «500+»: the federal list selects schools', () => {
    const fiveHundred = CATALOGUE.filter((c) => c.activity.includes('500+'));
    expect(fiveHundred.map((c) => c.level)).toEqual(['district']);
  });

  it('the move to grade 5 has its own measures, flagged for the 4→5 proposals', () => {
    expect(CATALOGUE.filter((c) => c.transition).map((c) => c.id)).toEqual(['Н1', 'Н2', 'Н3']);
    expect(CATALOGUE.filter((c) => c.transition).every((c) => c.block === DIRECTIONS[4])).toBe(true);
  });
});
