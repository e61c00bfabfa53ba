/**
 * Which Chromium the browser tests and `npm run screenshots` drive, and in what environment.
 *
 * Debian's package (/usr/bin/chromium, or CHROMIUM_PATH) when the machine has it — .ci/run installs it.
 * On a machine without it, the Chromium that the npm package @sparticuz/chromium ships inside itself
 * (a brotli-compressed headless build with the NSS libraries and a font it needs), unpacked once into
 * os.tmpdir(): `npm ci && npm test` needs nothing else. `CHROMIUM_PATH=/nonexistent npx vitest run …`
 * tries that fallback on a machine that has Debian's.
 *
 * The browser runs in Russian, as the add-on's users' browsers do: on Linux Chromium takes its interface
 * language from LANGUAGE / LC_ALL / LANG (the --lang switch is ignored there), and with it a date field is
 * laid out day.month.year. Its placeholders «дд.мм.гггг» come from the browser's Russian strings (Debian's
 * chromium-l10n); the npm build has only English ones and shows «dd.mm.yyyy».
 */
import { spawn } from 'node:child_process';
import {
  chmodSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';

/** The machine's Chromium, tried first. */
export const SYSTEM_CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

/** The locale of every page the tests open (Playwright sets navigator.language, Intl and Accept-Language). */
export const LOCALE = 'ru-RU';

export interface ChromiumBuild {
  executablePath: string;
  /** 'system': installed on the machine; 'npm': the one @sparticuz/chromium ships. */
  source: 'system' | 'npm';
  /** What to add to the environment Chromium runs in. */
  env: Record<string, string>;
  /** The browser has its Russian interface strings: a date field shows «дд.мм.гггг», not «dd.mm.yyyy». */
  russianStrings: boolean;
}

let found: Promise<ChromiumBuild> | undefined;

/** The Chromium to launch; the npm one is unpacked on the first call (a few seconds, once per machine). */
export function chromiumBuild(): Promise<ChromiumBuild> {
  found ??= existsSync(SYSTEM_CHROMIUM) ? Promise.resolve(systemChromium(SYSTEM_CHROMIUM)) : npmChromium();
  return found;
}

const RUSSIAN = { LANGUAGE: 'ru', LANG: 'ru_RU.UTF-8', LC_ALL: 'ru_RU.UTF-8' };

function systemChromium(executablePath: string): ChromiumBuild {
  // Debian's /usr/bin/chromium is a script starting /usr/lib/chromium/chromium, beside locales/.
  const paks = [join(dirname(executablePath), 'locales', 'ru.pak'), '/usr/lib/chromium/locales/ru.pak'];
  return { executablePath, source: 'system', env: { ...RUSSIAN }, russianStrings: paks.some((p) => existsSync(p)) };
}

/** The Chromium of the npm package, whatever the machine has (the fallback's own test calls it). */
export async function npmChromium(): Promise<ChromiumBuild> {
  const require = createRequire(import.meta.url);
  let entry: string;
  try {
    entry = require.resolve('@sparticuz/chromium');
  } catch {
    throw new Error(`Нет Chromium: ни ${SYSTEM_CHROMIUM}, ни пакета @sparticuz/chromium (npm ci ставит его).`);
  }
  // The package's folder, above its entry (build/cjs/index.cjs).
  let pkg = dirname(entry);
  while (!isPackageRoot(pkg) && dirname(pkg) !== pkg) pkg = dirname(pkg);
  const { version } = JSON.parse(readFileSync(join(pkg, 'package.json'), 'utf8')) as { version: string };
  const dir = join(tmpdir(), `shnor-chromium-${version}`);
  if (!existsSync(join(dir, 'chromium'))) await unpack(join(pkg, 'bin'), dir);
  return {
    executablePath: join(dir, 'chromium'),
    source: 'npm',
    env: {
      ...RUSSIAN,
      // The machine's own libraries first; the package's NSS for a machine that has none.
      LD_LIBRARY_PATH: [process.env.LD_LIBRARY_PATH, join(dir, 'lib')].filter(Boolean).join(':'),
      FONTCONFIG_FILE: join(dir, 'fonts.conf'),
    },
    russianStrings: false,
  };
}

/** The folder of @sparticuz/chromium itself (its build folders hold package.json files of their own). */
function isPackageRoot(dir: string): boolean {
  const file = join(dir, 'package.json');
  return existsSync(file) && (JSON.parse(readFileSync(file, 'utf8')) as { name?: string }).name === '@sparticuz/chromium';
}

/**
 * Unpacks the package's chromium.br, al2023.tar.br (libnss3 and friends) and fonts.tar.br into `dir`.
 * Into a fresh folder renamed at the end, so parallel test workers never see half a browser.
 */
async function unpack(bin: string, dir: string): Promise<void> {
  const part = mkdtempSync(`${dir}.part-`);
  try {
    await pipeline(createReadStream(join(bin, 'chromium.br')), createBrotliDecompress(), createWriteStream(join(part, 'chromium')));
    chmodSync(join(part, 'chromium'), 0o755);
    await untar(join(bin, 'al2023.tar.br'), part);
    await untar(join(bin, 'fonts.tar.br'), join(part, 'fonts'));
    // The machine's fonts (when it has any) and the package's Open Sans, which has Cyrillic.
    writeFileSync(
      join(part, 'fonts.conf'),
      '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n' +
        '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n' +
        `  <dir>${join(dir, 'fonts', 'fonts')}</dir>\n  <cachedir>${join(dir, 'fontcache')}</cachedir>\n</fontconfig>\n`,
    );
    try {
      renameSync(part, dir);
    } catch (e) {
      // Another worker got there first: its copy is whole.
      if (!existsSync(join(dir, 'chromium'))) throw e;
    }
  } finally {
    rmSync(part, { recursive: true, force: true });
  }
}

/**
 * A .tar.br into `into`: unpacked to a .tar beside it first, then read by the machine's tar (piped, tar may
 * stop reading at the archive's end marker before the padding after it, and the pipe then fails).
 */
async function untar(file: string, into: string): Promise<void> {
  mkdirSync(into, { recursive: true });
  const plain = `${into}.tar`;
  await pipeline(createReadStream(file), createBrotliDecompress(), createWriteStream(plain));
  try {
    await new Promise<void>((resolve, reject) => {
      const tar = spawn('tar', ['-x', '-f', plain, '-C', into], { stdio: ['ignore', 'inherit', 'inherit'] });
      tar.on('error', reject);
      tar.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`tar -x ${file}: код ${code}`))));
    });
  } finally {
    rmSync(plain, { force: true });
  }
}
