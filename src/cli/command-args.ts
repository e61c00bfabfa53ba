/**
 * The opening every command of the CLI shares: its arguments parsed, an unknown or incomplete parameter named
 * (exit 2), `--help` printed (exit 0), and `fail` — a message followed by where the command's help is (exit 2).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type ParseArgsOptionsConfig = NonNullable<ParseArgsConfig['options']>;
import type { Io } from './main';

export type CommandArgs<O extends ParseArgsOptionsConfig> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>> & {
  fail: (message: string) => number;
};

/** The parsed arguments, or the exit code when the command ends here (`help` is printed as given). */
export function commandArgs<O extends ParseArgsOptionsConfig>(
  command: string,
  argv: string[],
  options: O,
  help: string,
  io: Io,
): CommandArgs<O> | number {
  const fail = (message: string) => {
    io.err(`${message} Справка: shnor ${command} --help`);
    return 2;
  };
  let parsed: ReturnType<typeof parseArgs<{ options: O; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true });
  } catch (e) {
    const m = /'(-[^']+)'/.exec((e as Error).message);
    return fail(m ? `Неизвестный или неполный параметр ${m[1]}.` : 'Параметры указаны неверно.');
  }
  if ((parsed.values as { help?: boolean }).help) {
    io.out(help);
    return 0;
  }
  return { ...parsed, fail };
}
