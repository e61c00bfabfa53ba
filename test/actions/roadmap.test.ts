import { beforeAll, describe, expect, it } from 'vitest';
import { analyze, readSourceRecord, SUMMARY_SHEET } from '../../src/actions/analyze';
import { CATALOGUE_HEADER, CATALOGUE_SHEET, writeCatalogue } from '../../src/actions/catalogue';
import {
  type CreateRequest,
  createRoadmaps,
  currentSchoolYear,
  type OwnerProposals,
  roadmapProposals,
  roadmapStart,
} from '../../src/actions/roadmap';
import { CATALOGUE, DIRECTIONS } from '../../src/core/catalogue';
import { CATALOGUE_COLUMNS, type CatalogueKey } from '../../src/core/catalogue-tab';
import type { Grid } from '../../src/core/results';
import { isEditedByPeople, parseRoadmap, ROADMAP_COLUMN, ROADMAP_FIRST_ROW } from '../../src/core/roadmap-sheet';
import { schoolYear } from '../../src/core/terms';
import type { CellValue } from '../../src/core/text';
import { MemoryWorkbook } from '../../src/workbook/memory';
import { FIT_SPARE_ROWS } from '../../src/workbook/port';
import { checkedStatus as statusIn, NEW_SHNOR, worsenSchool7 } from '../support/changed-results';
import { sampleGrids } from '../support/sample';
import { memoryState, writeCalls } from '../support/state';

let grids: Grid[];
beforeAll(async () => {
  grids = await sampleGrids();
});

const period = schoolYear(2026);
const NOW = new Date('2026-10-05T09:00:00Z');
const byId = new Map(CATALOGUE.map((a) => [a.id, a]));

function proposals(wb: MemoryWorkbook, login: string, extra: { shnsu?: string[]; blocks?: string[] } = {}): OwnerProposals {
  const out = roadmapProposals(wb, { owner: 'schools', schools: [login], period, ...extra });
  if ('error' in out) throw new Error(out.error);
  return out.owners[0]!;
}
const ticked = (o: OwnerProposals) => o.items.filter((i) => i.selected);
const reasonsOf = (o: OwnerProposals, code: string) => o.items.find((i) => i.code === code)?.reasons ?? [];

describe('the start of «Создать дорожную карту…»', () => {
  it('lists schools with their verdicts, ШНОР first, then зона риска; blocks of the catalogue; the current school year', () => {
    const wb = new MemoryWorkbook(grids);
    const start = roadmapStart(wb, { now: NOW });
    expect(start.resultSheet).toBe('Результаты');
    const statuses = start.schools.map((s) => s.status);
    expect(statuses.slice(0, 7)).toEqual(new Array(7).fill('ШНОР'));
    expect(statuses.slice(7, 9)).toEqual(['зона риска', 'зона риска']);
    expect(statuses.slice(9).every((s) => s === 'норма')).toBe(true);
    const s5 = start.schools.find((s) => s.login === 'sch771005')!;
    expect(s5).toMatchObject({ name: 'МБОУ «СОШ № 5»', status: 'ШНОР', shnsu: false });
    expect(s5.low).toContain('ВПР МА 5');
    expect(s5.risks).toEqual(['высокая доля обучающихся с рисками учебной неуспешности', 'низкая учебная мотивация обучающихся']);
    expect(start.blocks.map((b) => b.name)).toEqual([...DIRECTIONS]);
    expect(start.blocks.reduce((n, b) => n + b.district, 0)).toBe(CATALOGUE.filter((a) => a.level !== 'school').length);
    expect(start.blocks.reduce((n, b) => n + b.school, 0)).toBe(CATALOGUE.filter((a) => a.level !== 'district').length);
    expect(start.blocks[0]!.sources).toContain('Бежецкий район, 2021');
    expect(start.period).toEqual(period);
    expect(start.years.map((y) => y.label)).toEqual(['2025/26', '2026/27', '2027/28', '2028/29']);
    expect(start.notes.join(' ')).toMatch(/Вкладки «Справочник мероприятий» нет/);
  });

  it('the school year turns on 1 September in Moscow', () => {
    expect(currentSchoolYear(new Date('2026-08-31T21:30:00Z'))).toEqual(schoolYear(2026));
    expect(currentSchoolYear(new Date('2026-08-31T20:30:00Z'))).toEqual(schoolYear(2025));
    expect(currentSchoolYear(new Date('2027-03-01T00:00:00Z'))).toEqual(schoolYear(2026));
  });

  it('without result sheet the registry’s schools are listed with «нет данных»', () => {
    const wb = new MemoryWorkbook(grids.filter((g) => g.sheet === 'Школы'));
    const start = roadmapStart(wb, { now: NOW });
    expect(start.resultSheet).toBeNull();
    expect(start.schools.length).toBe(33);
    expect(start.schools.every((s) => s.status === 'нет данных')).toBe(true);
    expect(start.notes.join(' ')).toMatch(/Не найден лист с результатами/);
  });
});

describe('proposals tailored to the sample verdicts', () => {
  it('a school low in ВПР МА gets the maths activities, saying why', () => {
    const wb = new MemoryWorkbook(grids);
    const o = proposals(wb, 'sch771005');
    const maths = CATALOGUE.filter((a) => a.subjects.includes('математика')).map((a) => a.id);
    expect(maths.length).toBeGreaterThan(0);
    for (const id of maths) {
      expect(ticked(o).map((i) => i.code)).toContain(id);
      expect(reasonsOf(o, id)).toContain('низкие результаты по математике');
    }
    // A school whose only low result is ВПР РУ 6 gets no maths and nothing about grade 5.
    const ru = proposals(wb, 'sch771007');
    expect(ru.items.flatMap((i) => i.reasons)).not.toContain('низкие результаты по математике');
    expect(ru.items.some((i) => i.reasons.some((r) => /5 классе/.test(r)))).toBe(false);
    expect(ticked(ru).map((i) => i.code)).toEqual(expect.arrayContaining(['О3']));
  });

  it('low ВПР in grade 5 brings the activities about primary school', () => {
    const wb = new MemoryWorkbook(grids);
    const o = proposals(wb, 'sch771013'); // ВПР РУ 5, ВПР РУ 6, ВПР МА 5
    for (const id of ['Н1', 'Н2', 'Н3'])
      expect(reasonsOf(o, id)).toContain('низкие результаты ВПР в 5 классе: переход из начальной школы в основную');
    // A measure of the district alone (its monitoring) is not offered to a school.
    expect(o.items.find((i) => i.code === 'У11')).toBeUndefined();
    expect(o.items.find((i) => i.code === 'У15')).toBeUndefined();
  });

  it('risk factors of the registry bring their measures', () => {
    const wb = new MemoryWorkbook(grids);
    const o = proposals(wb, 'sch771016'); // дефицит кадров, низкая вовлечённость родителей, …
    expect(reasonsOf(o, 'О7')).toContain('фактор риска: низкий уровень вовлечённости родителей');
    expect(reasonsOf(o, 'Р1')).toEqual([
      'статус ШНОР: основные меры школьной программы',
      'фактор риска: низкий уровень вовлечённости родителей',
    ]);
    // A school in норма with risk factors in the registry: only their measures are ticked — and, since its
    // social-context index puts it among the ШНСУ, the parents' and psychologists' work.
    const calm = proposals(wb, 'sch771025');
    expect(calm.profile).toContain('ШНСУ');
    expect(ticked(calm).length).toBeGreaterThan(0);
    for (const i of ticked(calm))
      expect(i.reasons.every((r) => r.startsWith('фактор риска: ') || r.startsWith('неблагоприятные социальные условия (ШНСУ)'))).toBe(
        true,
      );
  });

  it('ШНСУ comes from the registry’s social-context index, not only from the methodologist’s mark', () => {
    const wb = new MemoryWorkbook(grids);
    const start = roadmapStart(wb, { now: NOW });
    const shnsu = start.schools.filter((s) => s.shnsu).map((s) => s.login);
    // The index's default cut-off: the lowest quarter of the 33 schools.
    expect(shnsu.length).toBeGreaterThanOrEqual(8);
    expect(shnsu.length).toBeLessThanOrEqual(9);
    const o = proposals(wb, shnsu[0] as string);
    expect(ticked(o).some((i) => i.reasons.some((r) => r.startsWith('неблагоприятные социальные условия (ШНСУ)')))).toBe(true);
    // Without a registry nobody is ШНСУ unless marked.
    const bare = new MemoryWorkbook(grids.filter((g) => g.sheet !== 'Школы'));
    expect(roadmapStart(bare, { now: NOW }).schools.some((s) => s.shnsu)).toBe(false);
  });

  it('ШНСУ brings the parents’ and psychologists’ work', () => {
    const wb = new MemoryWorkbook(grids);
    const reason = 'неблагоприятные социальные условия (ШНСУ): работа с родителями и психологическая поддержка';
    expect(proposals(wb, 'sch771010').items.some((i) => i.selected)).toBe(false);
    const o = proposals(wb, 'sch771010', { shnsu: ['sch771010'] });
    const shnsu = ticked(o);
    expect(shnsu.map((i) => i.code)).toEqual(['О1', 'О6', 'О7', 'Р1', 'Р4', 'Н3']);
    for (const i of shnsu) {
      expect(i.reasons).toEqual([reason]);
      const a = byId.get(i.code)!;
      expect(a.targets.includes('родители') || /психолог/i.test(`${a.activity} ${a.result} ${a.responsible}`), i.code).toBe(true);
    }
    expect(o.profile).toContain('ШНСУ');
  });

  it('blocks not chosen are left out', () => {
    const wb = new MemoryWorkbook(grids);
    const block = DIRECTIONS[2]!;
    const o = proposals(wb, 'sch771005', { blocks: [block] });
    expect(o.items.length).toBeGreaterThan(0);
    expect(o.items.every((i) => i.block === block)).toBe(true);
  });

  it('the district’s own activities in «Справочник мероприятий» are proposed by their subjects and the 4→5 column', () => {
    const wb = new MemoryWorkbook(grids);
    writeCatalogue(wb);
    const row = (code: string, activity: string, subjects: string, transition: string): CellValue[] => {
      const r: CellValue[] = new Array(CATALOGUE_HEADER.length).fill('');
      const cells: Partial<Record<CatalogueKey, CellValue>> = {
        code,
        sources: 'Наш район',
        block: 'Школьные меры района',
        level: 'школа',
        activity,
        term: 'октябрь',
        subjects,
        transition,
      };
      for (const [k, v] of Object.entries(cells)) r[CATALOGUE_COLUMNS.findIndex((c) => c.key === k)] = v;
      return r;
    };
    const sheet = wb.sheet(CATALOGUE_SHEET);
    sheet.values.push(row('р/1', 'Практикум по решению текстовых задач для учителей', 'математика', ''));
    sheet.values.push(row('р/2', 'Совместные уроки учителей четвёртых и пятых классов', '', 'да'));
    const o = proposals(wb, 'sch771013');
    expect(reasonsOf(o, 'р/1')).toEqual(['низкие результаты по математике']);
    expect(reasonsOf(o, 'р/2')).toEqual(['низкие результаты ВПР в 5 классе: переход из начальной школы в основную']);
    const ru = proposals(wb, 'sch771007');
    expect(ru.items.find((i) => i.code === 'р/1')?.selected).toBe(false);
  });
});

const school = 'sch771005';
const SHEET = 'ДК СОШ № 5 2026–27';

function generate(wb: MemoryWorkbook, codes: string[], confirmed?: boolean) {
  return createRoadmaps(wb, { owner: 'schools', schools: [school], period, selected: { [school]: codes }, confirmed });
}

describe('createRoadmaps', () => {
  it('writes the school’s tab with the ticked activities only, in block sections, dated, with notes', () => {
    const wb = new MemoryWorkbook(grids);
    const o = proposals(wb, school);
    const codes = ticked(o).map((i) => i.code);
    const unticked = codes.splice(codes.indexOf('О6'), 1)[0]!;
    const out = generate(wb, codes);
    expect(out.kind).toBe('done');
    if (out.kind !== 'done') return;
    expect(out.sheets).toEqual([SHEET]);
    expect(out.message).toMatch(new RegExp(`^Дорожная карта готова:\\n«${SHEET}»: ${codes.length} мероприяти[йея] в \\d+ блок`));
    const s = wb.sheet(SHEET);
    const parsed = parseRoadmap(s.values);
    expect(parsed.meta).toEqual({ owner: school, ownerName: 'МБОУ «СОШ № 5»', period });
    expect(parsed.rows.map((r) => r.code)).toEqual(CATALOGUE.filter((a) => codes.includes(a.id)).map((a) => a.id));
    expect(parsed.rows.map((r) => r.code)).not.toContain(unticked);
    expect(parsed.rows.every((r) => r.status === 'запланировано' && r.school === school && !isEditedByPeople(r))).toBe(true);
    expect(parsed.rows[0]!.number).toBe('1.1');
    const rmo = parsed.rows.find((r) => r.code === 'П10')!;
    expect([rmo.term, rmo.start, rmo.end]).toEqual(['по плану работы РМО', null, null]);
    expect(s.notes[rmo.sheetRow - 1]![ROADMAP_COLUMN.start]).toBe(
      'Даты — по графику; укажите их, когда он известен. Сроки в программах-источниках: «в течение всего периода»; «По отдельному графику»; «2020-2022г.».',
    );
    const vpr = parsed.rows.find((r) => r.code === 'О3')!;
    expect([vpr.term, vpr.start, vpr.end]).toEqual(['март–май 2027', '2027-03-01', '2027-05-31']);
    // Headings are numbered: «1.» beside the direction.
    expect(parsed.sections.map((x) => x.block)).toEqual([...DIRECTIONS]);
    expect(s.values[ROADMAP_FIRST_ROW]!.slice(0, 2)).toEqual(['1.', DIRECTIONS[0]]);
    const dated = parsed.rows.find((r) => r.start !== null)!;
    expect(dated.start! >= period.from && dated.end! <= period.to).toBe(true);
    // Dropdowns: block, status, responsible; the overdue rule.
    const lists = s.validations.map((v) => (v.rule.kind === 'list' ? v.rule.values : []));
    expect(lists).toContainEqual(['запланировано', 'в работе', 'выполнено', 'просрочено', 'отменено']);
    expect(lists).toContainEqual([...DIRECTIONS]);
    // Roles one by one, commas intact in none: a cell may name several, separated by commas.
    expect(lists.some((l) => l.includes('руководитель ОО') && l.includes('педагог-психолог'))).toBe(true);
    expect(lists.flat().some((v) => v.includes(','))).toBe(false);
    expect(s.rules.some((r) => r.formula.includes('TODAY()'))).toBe(true);
    // Text stays text in Sheets: «1.1» and «Сентябрь 2020» would otherwise be read as dates; the dates get a date format.
    // One block of formats from the title row to the rows the new tab keeps (its body and 50 more): a run per column.
    const formats = [...s.numberFormats];
    const rows = s.values.length + FIT_SPARE_ROWS;
    for (const c of [ROADMAP_COLUMN.number, ROADMAP_COLUMN.term, ROADMAP_COLUMN.mark])
      expect(formats).toContainEqual([`0:${c}:${rows}:1`, '@']);
    for (const c of [ROADMAP_COLUMN.start, ROADMAP_COLUMN.end]) expect(formats).toContainEqual([`0:${c}:${rows}:1`, 'dd.mm.yyyy']);
  });

  it('asks before regenerating, writes nothing until confirmed, then keeps what people edited and added', () => {
    const wb = new MemoryWorkbook(grids);
    const codes = ['О1', 'О3', 'О6', 'О7'];
    expect(generate(wb, codes).kind).toBe('done');
    const s = wb.sheet(SHEET);
    const rowOf = (code: string) => s.values.findIndex((r) => r[ROADMAP_COLUMN.code] === code);
    s.values[rowOf('О1')]![ROADMAP_COLUMN.status] = 'выполнено';
    s.values[rowOf('О7')]![ROADMAP_COLUMN.responsible] = 'Социальный педагог Петрова А. А.';
    const added: CellValue[] = new Array(14).fill('');
    added[ROADMAP_COLUMN.activity] = 'Наш родительский клуб';
    s.values.splice(rowOf('О7') + 1, 0, added);
    const before = JSON.stringify(s.values);

    // Again, with О6 unticked and О4 ticked.
    const again = ['О1', 'О3', 'О4', 'О7'];
    wb.resetCalls();
    const asked = generate(wb, again);
    expect(asked.kind).toBe('confirm');
    if (asked.kind !== 'confirm') return;
    expect(asked.tabs).toEqual([{ sheet: SHEET, replaced: 2, keptEdited: 2, keptAdded: 1 }]);
    expect(asked.message).toContain(`«${SHEET}»: 2 строки надстройки будут заменены; изменённые людьми (2) и добавленные (1) сохранятся.`);
    expect(JSON.stringify(s.values)).toBe(before);
    for (const m of ['writeBlock', 'setNotes', 'setValidation', 'replaceConditionalRules']) expect(wb.calls.get(m) ?? 0, m).toBe(0);

    const done = generate(wb, again, true);
    expect(done.kind).toBe('done');
    if (done.kind !== 'done') return;
    expect(done.message).toMatch(/заменено строк надстройки: 2, сохранено изменённых людьми: 2, добавленных людьми: 1/);
    const rows = parseRoadmap(s.values).rows;
    expect(rows.map((r) => r.code || r.activity)).toEqual(['О1', 'О3', 'О4', 'О7', 'Наш родительский клуб']);
    expect(rows[0]!.status).toBe('выполнено');
    expect(rows[3]!.responsible).toBe('Социальный педагог Петрова А. А.');
    expect(rows.filter((r) => r.code === 'О7')).toHaveLength(1);
    // Nothing left below the body from the longer tab before.
    const last = ROADMAP_FIRST_ROW + parseRoadmap(s.values).sections.length + rows.length;
    expect(s.values.slice(last).every((r) => r.every((v) => v === null || v === '' || v === undefined))).toBe(true);
  });

  it('finds a school’s tab by row 2 when the school’s name has changed since, instead of making a second tab', () => {
    const wb = new MemoryWorkbook(grids);
    expect(generate(wb, ['О1', 'О3']).kind).toBe('done');
    const results = wb.sheet('Результаты').values;
    const row = results.findIndex((r) => r.includes(school));
    const nameCol = results[row]!.findIndex((v) => v === 'МБОУ «СОШ № 5»');
    results[row]![nameCol] = 'МБОУ «Лицей № 5»';
    const o = proposals(wb, school);
    expect(o).toMatchObject({ sheet: SHEET, exists: true, problem: '' });
    expect(generate(wb, ['О1', 'О3']).kind).toBe('confirm');
    expect(generate(wb, ['О1', 'О3'], true).kind).toBe('done');
    expect(wb.sheetNames().filter((n) => n.startsWith('ДК '))).toEqual([SHEET]);
  });

  it('writes the district’s roadmap into «ДК район 2026–27»', () => {
    const wb = new MemoryWorkbook(grids);
    const view = roadmapProposals(wb, {
      owner: 'district',
      period,
      blocks: [DIRECTIONS[3]!],
    });
    if ('error' in view) throw new Error(view.error);
    const items = view.owners[0]!.items;
    expect(items.map((i) => i.code)).toEqual(['Р2', 'Р3', 'Р4', 'Р5']);
    const out = createRoadmaps(wb, { owner: 'district', period, selected: { район: items.map((i) => i.code) } });
    expect(out).toMatchObject({ kind: 'done', sheets: ['ДК район 2026–27'] });
    const parsed = parseRoadmap(wb.sheet('ДК район 2026–27').values);
    expect(parsed.meta?.owner).toBe('район');
    expect(parsed.rows.map((r) => r.number)).toEqual(['1.1', '1.2', '1.3', '1.4']);
    expect(parsed.rows.every((r) => r.school === 'район')).toBe(true);
  });

  it('keeps to a fixed number of spreadsheet calls per tab, whatever the number of activities', () => {
    const count = (codes: string[], schools: string[]) => {
      const wb = new MemoryWorkbook(grids);
      wb.resetCalls();
      const selected = Object.fromEntries(schools.map((s) => [s, codes]));
      expect(createRoadmaps(wb, { owner: 'schools', schools, period, selected }).kind).toBe('done');
      return wb.totalCalls;
    };
    const few = CATALOGUE.slice(0, 3).map((a) => a.id);
    const many = CATALOGUE.map((a) => a.id);
    expect(count(many, ['sch771005'])).toBe(count(few, ['sch771005']));
    const one = count(few, ['sch771005']);
    const three = count(few, ['sch771005', 'sch771009', 'sch771012']);
    const perTab = (three - one) / 2;
    expect(one - perTab).toBeGreaterThan(0);
    expect(count(many, ['sch771005', 'sch771009', 'sch771012'])).toBe(three);
    // The tab, formats, dropdowns, wrapping, values, weights, shading, notes, widths, frozen rows, hidden
    // columns, colour rules and fitting the tab to its rows: 13 (22 before formats and dropdowns were blocks).
    expect(perTab).toBe(13);
  });

  it('refuses with a clear message: no school, nothing ticked, a bad period, a foreign tab, an unreadable date', () => {
    const wb = new MemoryWorkbook(grids);
    expect(createRoadmaps(wb, { owner: 'schools', schools: [], period, selected: {} })).toEqual({
      kind: 'failed',
      message: 'Не выбрана ни одна школа.',
    });
    expect(createRoadmaps(wb, { owner: 'schools', schools: ['sch999999'], period, selected: {} }).kind).toBe('failed');
    expect(generate(wb, [])).toEqual({ kind: 'failed', message: 'Для «МБОУ «СОШ № 5»» не отмечено ни одного мероприятия.' });
    expect(generate(wb, ['нет/такого'])).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/нет в «Справочник мероприятий»: нет\/такого/),
    });
    expect(createRoadmaps(wb, { owner: 'district', period: { from: '2027-09-01', to: '2026-09-01' }, selected: {} })).toEqual({
      kind: 'failed',
      message: 'Период задан неверно: начало 01.09.2027 позже окончания 01.09.2026.',
    });
    wb.ensureSheet(SHEET);
    wb.writeBlock(SHEET, 0, 0, [['Мои заметки']]);
    expect(generate(wb, ['О3'])).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(/^Лист «ДК СОШ № 5 2026–27» уже есть, и это не дорожная карта/),
    });

    const wb2 = new MemoryWorkbook(grids);
    generate(wb2, ['О3']);
    wb2.sheet(SHEET).values[ROADMAP_FIRST_ROW + 1]![ROADMAP_COLUMN.end] = 'к маю';
    expect(generate(wb2, ['О3'], true)).toEqual({
      kind: 'failed',
      message: `Лист «${SHEET}», строка 5, столбец F: «к маю» — не дата (ожидается дд.мм.гггг). Исправьте и повторите: иначе при обновлении эта ячейка потерялась бы.`,
    });

    // A person's note right of the roadmap's columns would be left beside another activity: refused.
    const wb3 = new MemoryWorkbook(grids);
    generate(wb3, ['О3']);
    const line = wb3.sheet(SHEET).values[ROADMAP_FIRST_ROW + 1]!;
    while (line.length < 15) line.push(null);
    line[14] = 'позвонить в ИМЦ';
    const before = JSON.stringify(wb3.sheet(SHEET).values);
    expect(generate(wb3, ['О3', 'У12'], true)).toMatchObject({
      kind: 'failed',
      message: expect.stringMatching(
        /^Лист «ДК СОШ № 5 2026–27», строка 5, столбец O: «позвонить в ИМЦ» — справа от столбцов дорожной карты есть записи/,
      ),
    });
    expect(JSON.stringify(wb3.sheet(SHEET).values)).toBe(before);
  });

  it('a run that continues («Продолжить») reads none of the tabs earlier runs of the request wrote', () => {
    const codes = CATALOGUE.slice(0, 3).map((a) => a.id);
    const schools = ['sch771005', 'sch771009', 'sch771012'];
    const selected = Object.fromEntries(schools.map((s) => [s, codes]));
    const wb = new MemoryWorkbook(grids);
    const first = createRoadmaps(wb, { owner: 'schools', schools: schools.slice(0, 2), period, selected });
    if (first.kind !== 'done') throw new Error(first.message);
    const reads = (req: Parameters<typeof createRoadmaps>[1]) => {
      wb.resetCalls();
      const out = createRoadmaps(wb, req);
      return { out, reads: wb.calls.get('readSheet') ?? 0 };
    };
    const alone = reads({ owner: 'schools', schools: ['sch771012'], period, selected });
    const tabs = alone.out.kind === 'done' ? alone.out.sheets : [];
    const again = reads({ owner: 'schools', schools, period, selected, done: [...first.sheets, ...tabs] });
    expect(again.out).toMatchObject({ kind: 'done', sheets: [] });
    expect(again.out.message).toContain('Созданы раньше: 3.');
    expect(again.reads).toBe(alone.reads);
    // Without `done` every existing tab is read (to ask before replacing it).
    const asked = reads({ owner: 'schools', schools, period, selected });
    expect(asked.out.kind).toBe('confirm');
    expect(asked.reads).toBe(alone.reads + 3);
  });

  it('two schools with the same short name get tabs told apart by login', () => {
    const wb = new MemoryWorkbook(grids);
    generate(wb, ['О3']);
    // Another school's roadmap took the name first.
    const s = wb.sheet(SHEET);
    s.values[1]![1] = 'sch771099';
    const out = generate(wb, ['О3']);
    expect(out).toMatchObject({ kind: 'done', sheets: ['ДК СОШ № 5 sch771005 2026–27'] });
  });
});

/** The sample checked, then «СОШ № 7» a ШНОР by new results (test/support/changed-results). */
function resultsChangedAfterCheck(): MemoryWorkbook {
  const wb = new MemoryWorkbook(grids);
  expect(analyze(wb).kind).toBe('done');
  worsenSchool7(wb.sheet('Результаты').values);
  return wb;
}
const summaryLogins = (wb: MemoryWorkbook) => JSON.stringify(wb.sheet(SUMMARY_SHEET).values);
const checkedStatus = (wb: MemoryWorkbook, login: string) => statusIn(wb.sheet(SUMMARY_SHEET).values, login);
const NEW_SHEET = 'ДК СОШ № 7 2026–27';

describe('«Сформировать» when the results changed since the check', () => {
  const request = (stale?: 'ask' | 'warn' | 'recheck'): CreateRequest => ({
    owner: 'schools',
    schools: [NEW_SHNOR],
    period,
    selected: { [NEW_SHNOR]: ['О1', 'О3'] },
    stale,
  });

  it('asked (the panel sends «ask»): writes nothing and says what changed and which sheet to check again', () => {
    const wb = resultsChangedAfterCheck();
    expect(roadmapStart(wb).schools.find((s) => s.login === NEW_SHNOR)?.status).toBe('ШНОР');
    const before = memoryState(wb);
    wb.resetCalls();
    expect(createRoadmaps(wb, request('ask'))).toEqual({
      kind: 'stale',
      sheet: 'Результаты',
      message: 'результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным.',
    });
    expect(writeCalls(wb)).toEqual({});
    expect(memoryState(wb)).toEqual(before);
    // The data as checked: «ask» goes straight on.
    const fresh = new MemoryWorkbook(grids);
    analyze(fresh);
    expect(createRoadmaps(fresh, request('ask')).kind).toBe('done');
  });

  it('«Продолжить по текущим данным» («warn»): made by the statuses shown, the check left as it was, the message warning', () => {
    const wb = resultsChangedAfterCheck();
    const summary = summaryLogins(wb);
    const out = createRoadmaps(wb, request('warn'));
    expect(out).toMatchObject({ kind: 'done', sheets: [NEW_SHEET] });
    expect(out.message.split('\n').at(-1)).toBe(
      'Внимание: результаты на листе «Результаты» изменились после проверки школ — «ШНОР: итоги» составлены по другим данным. Запустите «Проверить школы по критериям» заново.',
    );
    expect(summaryLogins(wb)).toBe(summary);
    expect(checkedStatus(wb, NEW_SHNOR)).toBe('зона риска');
    // The CLI sends no choice: the same, warned.
    const cli = resultsChangedAfterCheck();
    expect(createRoadmaps(cli, request()).message).toBe(out.message);
  });

  it('«Проверить заново и продолжить» («recheck»): the check, then the roadmap, in one call costing what the two cost apart', () => {
    const wb = resultsChangedAfterCheck();
    const before = JSON.stringify(readSourceRecord(wb, wb.sheetNames()));
    expect(checkedStatus(wb, NEW_SHNOR)).toBe('зона риска');
    wb.resetCalls();
    const out = createRoadmaps(wb, request('recheck'));
    const together = wb.totalCalls;
    expect(out).toMatchObject({ kind: 'done', sheets: [NEW_SHEET] });
    const [line, ...rest] = out.message.split('\n');
    expect(line).toMatch(/^Школы проверены заново по листу «Результаты»: ШНОР: 8 из 33 ОО/);
    expect(rest[0]).toBe('Дорожная карта готова:');
    expect(out.message).not.toContain('Внимание');
    // «ШНОР: итоги» now say what the roadmap was made from: «СОШ № 7» among the ШНОР, the record new.
    expect(JSON.stringify(readSourceRecord(wb, wb.sheetNames()))).not.toBe(before);
    expect(checkedStatus(wb, NEW_SHNOR)).toBe('ШНОР');
    expect(parseRoadmap(wb.sheet(NEW_SHEET).values).rows.map((r) => r.code)).toEqual(['О1', 'О3']);
    // The same work apart: the check, then the roadmap on data that agree with it.
    const apart = resultsChangedAfterCheck();
    apart.resetCalls();
    expect(analyze(apart, { sheet: 'Результаты' }).kind).toBe('done');
    expect(createRoadmaps(apart, request('ask')).kind).toBe('done');
    // One call more each for the tab names and the record of the last check (which sheet to check again).
    expect(together).toBe(apart.totalCalls + 2);
    // Asked again now, nothing is in the way.
    expect(createRoadmaps(wb, { ...request('ask'), confirmed: true }).kind).toBe('done');
  });
});
