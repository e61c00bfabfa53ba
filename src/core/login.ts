/**
 * ФИС ОКО logins: a three-letter prefix and six digits — `sch420220` until 2021, `edu420220` since 2022,
 * `ksh…` for some special-needs schools. The prefix changed, the school did not: `sch203389` and
 * `edu203389` are one school in results, the registry, ГИА tables and journal comparisons alike. Every
 * place that keys schools by login keys them by `loginKey`; what a person reads keeps the login as written.
 */

/** A login of today's form (any of the three prefixes). */
export const LOGIN_PATTERN = /^(sch|edu|ksh)\d{6}$/;
/** A login in a cell: the prefix and three or more digits (shorter test logins are met too). */
export const LOGIN_LIKE = /^(sch|edu|ksh)\d{3,}$/i;
/** The prefixes, for messages: «sch, edu или ksh и шесть цифр». */
export const LOGIN_FORM = 'sch, edu или ksh и шесть цифр';

/**
 * The key a school is one school by: the same for `sch203389`, `edu203389` and `ksh203389` (the digits
 * behind one prefix, `sch`), the login itself in lower case for anything else.
 */
export function loginKey(login: string): string {
  const t = login.toLowerCase();
  const m = /^(sch|edu|ksh)(\d{3,})$/.exec(t);
  return m ? `sch${m[2]}` : t;
}

/** Whether two logins name the same school. */
export function sameLogin(a: string, b: string): boolean {
  return loginKey(a) === loginKey(b);
}

/**
 * The logins met for one school and the one to show: the login of the newest year (on a tie, edu or ksh
 * over the old sch), as the newest file has it. `add` is called once per login seen; `shown` is what to print.
 */
export class LoginSpellings {
  private readonly seen = new Map<string, { shown: string; year: number; all: Set<string> }>();

  add(login: string, year: number): void {
    const key = loginKey(login);
    const got = this.seen.get(key);
    if (!got) this.seen.set(key, { shown: login, year, all: new Set([login]) });
    else {
      got.all.add(login);
      // The newest year; in the same year the form ФИС ОКО writes today (edu, ksh) over the old sch.
      const rank = (l: string) => (/^sch/i.test(l) ? 0 : 1);
      if (year > got.year || (year === got.year && rank(login) > rank(got.shown))) {
        got.shown = login;
        got.year = year;
      }
    }
  }

  /** The login to show for a key (or a login); undefined when never seen. */
  shown(login: string): string | undefined {
    return this.seen.get(loginKey(login))?.shown;
  }

  /** Schools met under more than one login: the shown login first, then the others. */
  merged(): string[][] {
    const out: string[][] = [];
    for (const s of this.seen.values()) if (s.all.size > 1) out.push([s.shown, ...[...s.all].filter((l) => l !== s.shown).sort()]);
    return out.sort((a, b) => ((a[0] as string) < (b[0] as string) ? -1 : 1));
  }
}

/** One note for the schools met under several logins: «sch771001 = edu771001, …» (at most ten named). */
export function mergedLoginsNote(merged: readonly string[][]): string {
  const shown = merged.slice(0, 10).map((m) =>
    m
      .slice(1)
      .concat(m[0] as string)
      .join(' = '),
  );
  const more = merged.length > 10 ? ` и ещё ${merged.length - 10}` : '';
  return (
    `Одна и та же ОО записана с разными логинами (префиксы sch, edu, ksh при тех же цифрах — одна школа): ${shown.join(', ')}${more}. ` +
    `Результаты сведены; показан логин из самого нового года.`
  );
}
