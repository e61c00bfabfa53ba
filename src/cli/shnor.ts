/** Entry of the `shnor` command. */
import { EXIT, internalErrorText, run } from './main';

run(process.argv.slice(2), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(`${t}\n`),
  progress: process.stderr,
}).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    // One line for the user; the stack only when a developer asks for it.
    process.stderr.write(`${internalErrorText(e)}\n`);
    if (process.env.SHNOR_DEBUG && e instanceof Error && e.stack) process.stderr.write(`${e.stack}\n`);
    process.exitCode = EXIT.failed;
  },
);
