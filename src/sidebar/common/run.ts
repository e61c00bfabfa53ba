/** `google.script.run` as promises: every call has a success and a failure path. */

interface ScriptRunner {
  withSuccessHandler(f: (value: unknown) => void): ScriptRunner;
  withFailureHandler(f: (error: Error) => void): ScriptRunner;
  [endpoint: string]: unknown;
}

declare const google: { script: { run: ScriptRunner } };

export function call<T>(endpoint: string, ...args: unknown[]): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const runner = google.script.run
      .withSuccessHandler((v) => resolve(v as T))
      .withFailureHandler((e) => reject(e instanceof Error ? e : new Error(String((e as { message?: string })?.message ?? e))));
    const fn = runner[endpoint];
    if (typeof fn !== 'function') {
      reject(new Error(`Нет функции ${endpoint}`));
      return;
    }
    (fn as (...a: unknown[]) => void).apply(runner, args);
  });
}

/** Text for the page, never HTML: everything shown is escaped by construction. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text?: string, className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

/** A message the person must see after a click: shown, and scrolled into view if it is not. */
export function say(node: HTMLElement, text: string): void {
  node.textContent = text;
  if (text) node.scrollIntoView({ block: 'nearest' });
}

/**
 * A search box over a long list: items whose text (or `data-search`) holds every word typed stay (a number
 * as a whole number: «5» finds «ВПР МА 5», not «2025»), the others hide; `counted` gets «Показано N из M» while a filter is on. Returns the filter, to run again when
 * the list is drawn anew.
 */
export function searchable(input: HTMLInputElement, items: () => HTMLElement[], counted?: HTMLElement): () => void {
  const apply = () => {
    const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
    const all = items();
    let shown = 0;
    for (const item of all) {
      const text = (item.dataset.search ?? item.textContent ?? '').toLowerCase();
      item.hidden = !words.every((w) => (/^\d+$/.test(w) ? new RegExp(`(^|\\D)${w}(\\D|$)`).test(text) : text.includes(w)));
      if (!item.hidden) shown++;
    }
    if (counted) counted.textContent = words.length > 0 ? `Показано ${shown} из ${all.length}` : '';
  };
  input.addEventListener('input', apply);
  return apply;
}

/**
 * The results or the criteria changed since the last check (an action answered `kind: 'stale'`): the
 * warning in `box`, and beside it «Проверить заново и продолжить» (the check runs again, then the action)
 * and `goOn` («Продолжить по текущим данным»: the action runs on, its output carrying the warning), or
 * no second button when `goOn` is null. `go` runs the action with the choice; the box hides when chosen.
 */
export function offerRecheck(
  box: HTMLElement,
  message: string,
  go: (stale: 'recheck' | 'warn') => void,
  goOn: string | null = 'Продолжить по текущим данным',
): void {
  const recheck = el('button', 'Проверить заново и продолжить', 'primary');
  recheck.type = 'button';
  recheck.dataset.stale = 'recheck';
  const buttons: HTMLButtonElement[] = [recheck];
  if (goOn) {
    const on = el('button', goOn);
    on.type = 'button';
    on.dataset.stale = 'warn';
    buttons.push(on);
  }
  for (const b of buttons)
    b.addEventListener('click', () => {
      box.hidden = true;
      go(b.dataset.stale as 'recheck' | 'warn');
    });
  const row = el('div', undefined, 'stale-buttons');
  row.append(...buttons);
  box.replaceChildren(el('p', message, 'warning'), row);
  box.hidden = false;
  box.scrollIntoView({ block: 'nearest' });
}
