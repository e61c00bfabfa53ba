/**
 * Text as people paste it: invisible characters (zero-width spaces, direction marks, soft hyphens, BOM),
 * non-breaking spaces and letters of the other alphabet that look the same. Logins are Latin (`sch` and
 * digits), headers are Russian: each is brought to its own alphabet, and the caller reports what changed.
 */

/** Zero-width and direction-control characters, soft hyphen, BOM: nothing a reader sees. */
const INVISIBLE = /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
/** Spaces that are not the ordinary one. */
const ODD_SPACE = /[\u00a0\u2000-\u200a\u202f\u205f\u3000]/g;

/** Cyrillic letters that look like Latin ones, as they appear in logins typed on a Russian layout. */
const TO_LATIN: Record<string, string> = {
  а: 'a',
  в: 'b',
  с: 'c',
  е: 'e',
  һ: 'h',
  н: 'h',
  і: 'i',
  ј: 'j',
  к: 'k',
  м: 'm',
  о: 'o',
  р: 'p',
  ѕ: 's',
  т: 't',
  х: 'x',
  у: 'y',
};

/** Latin letters that look like Cyrillic ones, as they appear in headers typed on an English layout. */
const TO_CYRILLIC: Record<string, string> = {
  A: 'А',
  B: 'В',
  C: 'С',
  E: 'Е',
  H: 'Н',
  K: 'К',
  M: 'М',
  O: 'О',
  P: 'Р',
  T: 'Т',
  X: 'Х',
  Y: 'У',
  a: 'а',
  c: 'с',
  e: 'е',
  o: 'о',
  p: 'р',
  x: 'х',
  y: 'у',
};

/** Without invisible characters, with ordinary spaces. */
export function stripInvisible(text: string): string {
  return text.replace(INVISIBLE, '').replace(ODD_SPACE, ' ');
}

/** Whether a text holds anything stripInvisible would change. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  ODD_SPACE.lastIndex = 0;
  return /[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\u00a0\u2000-\u200a\u202f\u205f\u3000]/.test(text);
}

/** A login as written: no invisible characters or spaces, Cyrillic look-alikes made Latin, lower case. */
export function cleanLogin(text: string): string {
  return stripInvisible(text)
    .replace(/\s+/g, '')
    .toLowerCase()
    .replace(/[авсеһнікјморѕтху]/g, (ch) => TO_LATIN[ch] ?? ch);
}

const CYRILLIC = /[а-яё]/i;
const LOOKALIKE_WORD = /^[ABCEHKMOPTXYaceopxy]+$/;

/**
 * A header as meant: no invisible characters; in a header written in Russian, Latin look-alike letters
 * inside Russian words (`BПР`) and words made only of look-alikes (`MA`) become Cyrillic.
 */
export function cleanHeader(text: string): string {
  const plain = stripInvisible(text);
  if (!CYRILLIC.test(plain)) return plain;
  return plain.replace(/[A-Za-zА-Яа-яЁё]+/g, (word) => {
    if (!CYRILLIC.test(word) && !LOOKALIKE_WORD.test(word)) return word;
    return word.replace(/[ABCEHKMOPTXYaceopxy]/g, (ch) => TO_CYRILLIC[ch] ?? ch);
  });
}
