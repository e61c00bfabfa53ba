/**
 * A one-line progress bar for long runs of the CLI. It is drawn on stderr only (stdout carries the
 * table or the --json document), only when stderr is a terminal or when forced (`--progress`), and it
 * is erased before anything else is written there, so a message never lands on the end of a bar.
 * No dependency: a carriage return and «erase to end of line» are all a terminal needs.
 */

/** What the bar writes to: process.stderr, or a fake in tests. */
export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

/** The named steps of a run, in Russian as the user sees them. */
export const STEP_NAMES = {
  read: 'чтение',
  check: 'проверка',
  summary: 'итоги',
  indicators: 'показатели',
  report: 'справка',
  write: 'запись',
  setup: 'подготовка книги',
  roadmaps: 'дорожные карты',
} as const;

export type StepName = (typeof STEP_NAMES)[keyof typeof STEP_NAMES];

const ERASE = '\r\x1b[K';
const FULL = '█';
const EMPTY = '░';

export class Progress {
  private current = -1;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream | null,
    readonly steps: readonly StepName[],
    private readonly barWidth = 20,
  ) {}

  /** A bar on `stream` when it is a terminal or `force` is set; otherwise one that draws nothing. */
  static on(stream: ProgressStream | undefined, steps: readonly StepName[], force = false): Progress {
    return new Progress(stream && (force || stream.isTTY === true) ? stream : null, steps);
  }

  get enabled(): boolean {
    return this.stream !== null;
  }

  /** Moves to a step (steps are never skipped backwards) and redraws. */
  step(name: StepName): void {
    const index = this.steps.indexOf(name);
    if (index < 0) throw new Error(`Шаг «${name}» не объявлен`);
    this.current = Math.max(this.current, index);
    this.draw();
  }

  /** The line the bar shows now, without control characters. */
  line(): string {
    const total = this.steps.length;
    const doneSteps = Math.max(0, this.current);
    const filled = total === 0 ? 0 : Math.round((doneSteps / total) * this.barWidth);
    const name = this.steps[this.current] ?? '';
    return `ШНОР [${FULL.repeat(filled)}${EMPTY.repeat(this.barWidth - filled)}] ${this.current + 1}/${total} ${name}…`;
  }

  private draw(): void {
    if (!this.stream) return;
    let text = this.line();
    const columns = this.stream.columns;
    if (columns !== undefined && columns > 1 && text.length >= columns) text = text.slice(0, columns - 1);
    this.stream.write(`${ERASE}${text}`);
    this.drawn = true;
  }

  /** Erases the bar (at the end of a run, or before a message goes to stderr). */
  clear(): void {
    if (!this.stream || !this.drawn) return;
    this.stream.write(ERASE);
    this.drawn = false;
  }
}
