import { describe, expect, it } from 'vitest';
import {
  fingerprint,
  parseRoadmap,
  ROADMAP_COLUMN,
  ROADMAP_COLUMNS,
  ROADMAP_FIRST_ROW,
  type RoadmapRow,
} from '../../src/core/roadmap-sheet';
import { layoutRoadmapTab, ROADMAP_COLORS, roadmapRules, writeRoadmapTab } from '../../src/actions/roadmap-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { FIT_SPARE_ROWS } from '../../src/workbook/port';

const meta = { owner: 'sch771005', ownerName: 'МБОУ «СОШ № 5»', period: { from: '2026-09-01', to: '2027-08-31' } };

function activity(n: number, block: string): RoadmapRow {
  const base = {
    number: `1.${n}`,
    block,
    activity: `Мероприятие ${n}`,
    term: 'октябрь 2026',
    start: '2026-10-01',
    end: '2026-10-31',
    responsible: 'Заместитель директора по УВР',
    result: 'Справка',
    document: 'Приказ',
    status: 'запланировано' as const,
    mark: '',
    school: 'sch771005',
    code: `000/1.${n}`,
  };
  return { ...base, control: fingerprint(base) };
}

describe('a roadmap tab', () => {
  it('gets title, owner and period, header notes, dropdowns, date formats and overdue rules', () => {
    const wb = new MemoryWorkbook();
    layoutRoadmapTab(wb, 'ДК СОШ № 5 2026–27', meta, { blocks: ['Управленческий', 'Управленческий'], responsibles: ['Директор'] });
    const s = wb.sheets.get('ДК СОШ № 5 2026–27')!;
    expect(String(s.values[0]![0])).toContain('ШППКО');
    expect(s.values[2]).toEqual(ROADMAP_COLUMNS.map((c) => c.header));
    expect(s.notes[2]!.every((n) => typeof n === 'string' && n.length > 0)).toBe(true);
    expect(s.frozen).toEqual({ rows: 3, cols: 0 });
    const lists = s.validations.map((v) => (v.rule.kind === 'list' ? v.rule.values : []));
    expect(lists).toContainEqual(['запланировано', 'в работе', 'выполнено', 'просрочено', 'отменено']);
    expect(lists).toContainEqual(['Управленческий']);
    expect(s.rules[0]!.formula).toBe('=AND(N("ШНОР")=0,$C4<>"",ISNUMBER($F4),$F4<TODAY(),$J4<>"выполнено",$J4<>"отменено")');
    expect(s.rules[0]!.background).toBe(ROADMAP_COLORS.overdue);
    // Readable: the header and activities wrap in the visible columns, the service columns are hidden.
    expect([...s.hiddenColumns].sort((a, b) => a - b)).toEqual([ROADMAP_COLUMN.school, ROADMAP_COLUMN.code, ROADMAP_COLUMN.control]);
    expect(s.wraps[2]!.slice(0, ROADMAP_COLUMN.school).every(Boolean)).toBe(true);
    expect(s.wraps[999]![ROADMAP_COLUMN.activity]).toBe(true);
    expect(s.wraps[0]?.[0] ?? false).toBe(false);
    expect(s.wraps[3]![ROADMAP_COLUMN.control] ?? false).toBe(false);
    expect(parseRoadmap(s.values).meta).toEqual({ owner: meta.owner, ownerName: meta.ownerName, period: meta.period });
  });

  it('writes block sections and clears what a longer body left, in a fixed number of calls', () => {
    const lists = { blocks: [], responsibles: [] };
    const noteOf = () => '';
    for (const n of [3, 300]) {
      const wb = new MemoryWorkbook();
      const rows = Array.from({ length: n }, (_, i) => activity(i + 1, i % 2 ? 'Методический' : 'Управленческий'));
      wb.resetCalls();
      const first = writeRoadmapTab(wb, 'ДК', meta, lists, {
        sections: [
          { block: 'Управленческий', rows: rows.filter((r) => r.block === 'Управленческий') },
          { block: 'Методический', rows: rows.filter((r) => r.block === 'Методический') },
        ],
        previousRows: 0,
        noteOf,
      });
      expect(first.rows).toBe(n + 2);
      // A new tab: formats, dropdowns, wrapping, values, weights, shading, notes, widths, frozen rows,
      // hidden columns, colour rules, the tab itself and fitting it to its rows.
      expect(wb.totalCalls).toBe(13);
      wb.resetCalls();
      writeRoadmapTab(wb, 'ДК', meta, lists, {
        sections: [{ block: 'Управленческий', rows: rows.slice(0, 1) }],
        previousRows: first.rows,
        noteOf,
      });
      // An existing tab: the header's notes and «Начало»'s apart, so that people's notes on other cells stay.
      expect(wb.totalCalls).toBe(13);
      const s = wb.sheets.get('ДК')!;
      const parsed = parseRoadmap(s.values);
      expect(parsed.sections.map((x) => x.block)).toEqual(['Управленческий']);
      expect(parsed.rows).toHaveLength(1);
      expect(s.backgrounds[5]?.every((b) => b === null) ?? true).toBe(true);
      expect(s.weights[5]?.every((w) => w === 'normal') ?? true).toBe(true);
    }
  });

  it('keeps «1.1» and «сентябрь 2026» as text and the dates as dates: formats before values, one block', () => {
    const wb = new MemoryWorkbook();
    writeRoadmapTab(
      wb,
      'ДК',
      meta,
      { blocks: ['Управленческий'], responsibles: ['Директор, педагог-психолог'] },
      {
        sections: [{ block: 'Управленческий', rows: [activity(1, 'Управленческий')] }],
        previousRows: 0,
        noteOf: () => 'по программе: «октябрь»',
      },
    );
    const s = wb.sheets.get('ДК')!;
    const formatAt = (r: number, c: number) =>
      [...s.numberFormats]
        .filter(([k]) => {
          const [row, col, rows, cols] = k.split(':').map(Number) as [number, number, number, number];
          return r >= row && r < row + rows && c >= col && c < col + cols;
        })
        .at(-1)?.[1];
    expect(formatAt(4, ROADMAP_COLUMN.number)).toBe('@');
    expect(formatAt(4, ROADMAP_COLUMN.term)).toBe('@');
    expect(formatAt(4, ROADMAP_COLUMN.start)).toBe('dd.mm.yyyy');
    expect(formatAt(1, ROADMAP_COLUMN.end)).toBe('dd.mm.yyyy');
    // A new tab is formatted as far as it goes once fitted: its body (two rows) and 50 more.
    const last = ROADMAP_FIRST_ROW + 2 + FIT_SPARE_ROWS - 1;
    expect(formatAt(last, ROADMAP_COLUMN.control)).toBe('@');
    expect(formatAt(last + 1, ROADMAP_COLUMN.control)).toBeUndefined();
    const ruleAt = (r: number, c: number) =>
      s.validations.filter((v) => r >= v.range.row && r < v.range.row + v.range.rows && c === v.range.col).at(-1)?.rule;
    expect(ruleAt(4, ROADMAP_COLUMN.status)).toMatchObject({ kind: 'list', strict: true });
    expect(ruleAt(last, ROADMAP_COLUMN.responsible)).toEqual({ kind: 'list', values: ['Директор', 'педагог-психолог'], strict: false });
    expect(ruleAt(2, ROADMAP_COLUMN.status)).toBeUndefined();
    expect(ruleAt(4, ROADMAP_COLUMN.activity)).toBeUndefined();
    expect(s.notes[2]![0]).toBe(ROADMAP_COLUMNS[0]!.note);
    expect(s.notes[4]![ROADMAP_COLUMN.start]).toBe('по программе: «октябрь»');
    expect(s.notes[3]?.[ROADMAP_COLUMN.start] ?? null).toBeNull();
    expect(s.weights[3]![0]).toBe('bold');
    expect(s.backgrounds[3]![0]).toBe(ROADMAP_COLORS.section);
    expect(s.backgrounds[2]![0]).toBe(ROADMAP_COLORS.header);
  });

  it('covers at least the formatted rows with its rules', () => {
    expect(roadmapRules(997)[0]!.ranges[0]).toEqual({ row: 3, col: 0, rows: 997, cols: ROADMAP_COLUMNS.length });
  });
});
