/** Methodical help on a school's weak tasks (src/core/roadmap-tasks.ts). */
import { describe, expect, it } from 'vitest';
import { taskHelpFor } from '../../src/core/roadmap-tasks';
import { type BlockTexts } from '../../src/core/task-texts';
import type { TaskBlock, TaskResult } from '../../src/core/tasks';

const t = (number: string, weak: boolean, completion = weak ? 30 : 80): TaskResult => ({
  number,
  label: `${number} (1б)`,
  level: 'Б',
  max: 1,
  completion,
  district: 70,
  state: completion < 57 ? 'недостаточно' : 'достаточно',
  weak,
});

function block(procedure: string, year: number, login: string, tasks: TaskResult[]): TaskBlock {
  return {
    procedure,
    year,
    district: tasks.map((x) => ({ ...x, completion: 70, weak: false })),
    participants: 60,
    boundaries: { bounds: [null, null, null], from: [null, null, null], scale: null, disagreements: [] },
    schools: [{ key: login, name: 'СОШ', procedure, year, participants: 60, tasks }],
  };
}

const texts = (entries: Array<[string, string, string]>): BlockTexts => ({
  byTask: new Map(entries.map(([n, text, section]) => [n, { text, section, origin: 'район' as const }])),
  shipped: null,
  mismatch: '',
});

describe('methodical help from weak tasks', () => {
  it('teachers of grade 5 maths, topics by section, the task’s text without a section, the number without a description', () => {
    const b = block('ВПР МА 5', 2026, 'edu780001', [
      t('1', true),
      t('2', true),
      t('3', false),
      t('4', true),
      t('5(1)', true),
      t('5(2)', true),
    ]);
    const d = texts([
      ['1', 'Сравнение дробей', 'Дроби'],
      ['2', 'Сложение дробей', 'Дроби'],
      ['4', 'Задачи на движение', ''],
    ]);
    const help = taskHelpFor('sch780001', [b], new Map([['ВПР МА 5|2026', d]]));
    expect(help).toHaveLength(1);
    expect(help[0]?.activity.activity).toBe(
      'Методическая помощь учителям математики 5 классов по темам: «Дроби» (задания 1, 2); «Задачи на движение» (задание 4); задание 5 (описания нет)',
    );
    expect(help[0]?.activity.result).toBe(
      'Выполнение заданий 1, 2, 4, 5 ВПР МА 5 — не ниже района (2026 г.: школа — 30 %, 30 %, 30 %, 30 %, 30 %; район — 70 %, 70 %, 70 %, 70 %, 70 %). Проверяемые умения: Сравнение дробей; Сложение дробей; Задачи на движение',
    );
    expect(help[0]?.activity.subjects).toEqual(['математика']);
    // Both tasks of «Дроби» are weak: a systematic gap.
    expect(help[0]?.reasons).toEqual(['слабые задания ВПР МА 5, 2026: 1, 2, 4, 5(1), 5(2)', 'системный пробел: раздел «Дроби»']);
  });

  it('only the latest year a school wrote the procedure; nothing when it has no weak tasks then', () => {
    const old = block('ВПР РУ 7', 2025, 'sch780001', [t('1', true), t('2', true)]);
    const now = block('ВПР РУ 7', 2026, 'sch780001', [t('1', false), t('2', false)]);
    expect(taskHelpFor('edu780001', [old, now], new Map())).toEqual([]);
    const help = taskHelpFor('edu780001', [old], new Map());
    expect(help[0]?.activity.activity).toBe(
      'Методическая помощь учителям русского языка 7 классов по темам слабых заданий ВПР РУ 7, 2025: 1, 2 (описаний заданий нет)',
    );
    expect(help[0]?.activity.id).toBe('З/ВПР РУ 7/2025');
  });

  it('углублённая математика is said; other schools and other subjects get none', () => {
    const deep = block('ВПР МА 8 углубл', 2026, 'sch780001', [t('3', true)]);
    expect(taskHelpFor('sch780001', [deep], new Map())[0]?.activity.activity).toBe(
      'Методическая помощь учителям математики 8 классов (углублённое изучение) по темам слабых заданий ВПР МА 8 углубл, 2026: 3 (описаний заданий нет)',
    );
    expect(taskHelpFor('sch780002', [deep], new Map())).toEqual([]);
    expect(taskHelpFor('sch780001', [block('ВПР ИС 6', 2026, 'sch780001', [t('1', true)])], new Map())).toEqual([]);
  });
});
