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
