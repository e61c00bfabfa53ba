/**
 * A forgiving comparison of school names, for the registry import: «МБОУ «СОШ № 12»», «СОШ №12»,
 * «Средняя общеобразовательная школа № 12» are one school. A match is only ever proposed to a person,
 * who confirms it; ambiguous names are not proposed at all.
 */
import { normalizeHeader } from './text';

const PHRASES: Array<[RegExp, string]> = [
  [/средн\S* общеобразовательн\S* школ\S*/g, 'сош'],
  [/основн\S* общеобразовательн\S* школ\S*/g, 'оош'],
  [/начальн\S* общеобразовательн\S* школ\S*/g, 'нош'],
  [/средн\S* школ\S*/g, 'сош'],
  [/основн\S* школ\S*/g, 'оош'],
  [/начальн\S* школ\S*/g, 'нош'],
  [
    /муниципальн\S*|государственн\S*|бюджетн\S*|казенн\S*|автономн\S*|общеобразовательн\S*|образовательн\S*|учреждени\S*|организаци\S*/g,
    ' ',
  ],
  [/(^|\s)(мбоу|мкоу|маоу|моу|гбоу|гкоу|гаоу|чоу|ноу|мбу|мку)(?=\s)/g, ' '],
  [/№|n°|no\.?(?=\s*\d)/g, ' '],
];

/** The comparable form of a name: lower case, no form of ownership, «школа № 12» → «сош 12», single spaces. */
export function schoolNameKey(name: string): string {
  let t = ` ${normalizeHeader(name)} `;
  for (const [re, to] of PHRASES) t = t.replace(re, to);
  return t
    .replace(/[^a-zа-я0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const numbers = (key: string) => key.match(/\d+/g)?.join(' ') ?? '';

/** Whether two names are the same school to a forgiving eye: equal keys, or one key's words within the other's with the same numbers. */
export function sameSchoolName(a: string, b: string): boolean {
  const ka = schoolNameKey(a);
  const kb = schoolNameKey(b);
  if (!ka || !kb) return false;
  if (ka === kb || ka.replace(/ /g, '') === kb.replace(/ /g, '')) return true;
  if (numbers(ka) !== numbers(kb)) return false;
  const wa = ka.split(' ');
  const wb = kb.split(' ');
  const [short, long] = wa.length <= wb.length ? [wa, wb] : [wb, wa];
  // «сош 12» within «сош 12 г белово»: at least a type word or a name besides the number.
  return short.some((w) => !/^\d+$/.test(w)) && short.every((w) => long.includes(w));
}

/** The only candidate whose name matches, or null when none or several do. */
export function uniqueMatch<T>(name: string, candidates: readonly T[], nameOf: (c: T) => string): T | null {
  const found = candidates.filter((c) => sameSchoolName(name, nameOf(c)));
  return found.length === 1 ? (found[0] as T) : null;
}
