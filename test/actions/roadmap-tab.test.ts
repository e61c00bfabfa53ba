import { describe, expect, it } from 'vitest';
import { fingerprint, parseRoadmap, ROADMAP_COLUMN, ROADMAP_COLUMNS, type RoadmapRow } from '../../src/core/roadmap-sheet';
import { layoutRoadmapTab, ROADMAP_COLORS, roadmapRules, writeRoadmapBody } from '../../src/actions/roadmap-tab';
import { MemoryWorkbook } from '../../src/workbook/memory';

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
    for (const n of [3, 300]) {
      const wb = new MemoryWorkbook();
      layoutRoadmapTab(wb, 'ДК', meta, { blocks: [], responsibles: [] });
      const rows = Array.from({ length: n }, (_, i) => activity(i + 1, i % 2 ? 'Методический' : 'Управленческий'));
      const first = writeRoadmapBody(wb, 'ДК', [
        { block: 'Управленческий', rows: rows.filter((r) => r.block === 'Управленческий') },
        { block: 'Методический', rows: rows.filter((r) => r.block === 'Методический') },
      ]);
      expect(first.rows).toBe(n + 2);
      wb.resetCalls();
      writeRoadmapBody(wb, 'ДК', [{ block: 'Управленческий', rows: rows.slice(0, 1) }], first.rows);
      expect(wb.totalCalls).toBe(5);
      const parsed = parseRoadmap(wb.sheets.get('ДК')!.values);
      expect(parsed.sections.map((x) => x.block)).toEqual(['Управленческий']);
      expect(parsed.rows).toHaveLength(1);
    }
  });

  it('covers at least the formatted rows with its rules', () => {
    expect(roadmapRules(997)[0]!.ranges[0]).toEqual({ row: 3, col: 0, rows: 997, cols: ROADMAP_COLUMNS.length });
  });
});
