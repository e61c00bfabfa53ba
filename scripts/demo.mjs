/** `npm run demo`: builds, then runs the CLI on the bundled sample district and writes out/demo-district.xlsx. */
import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 2;
if (step(['build.mjs']) !== 0) process.exit(2);
mkdirSync(join(root, 'out'), { recursive: true });
const code = step(['dist-cli/shnor.cjs', 'analyze', 'sample/district.xlsx', '-o', 'out/demo-district.xlsx']);
// 1 means «done, with parse problems reported»: the sample holds a typo on purpose.
process.exit(code <= 1 ? 0 : code);
