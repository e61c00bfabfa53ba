/**
 * Builds what Apps Script and the command line run:
 *   dist/Code.js          one bundle without import/export; every export of src/addon/index.ts becomes a
 *                         top-level function declaration delegating into it (menu handlers, triggers,
 *                         google.script.run endpoints), so the list lives in the code only;
 *   dist/<name>.html      each sidebar of src/sidebar/<name>/ with its JS and CSS inlined;
 *   dist/appsscript.json  the manifest;
 *   dist-cli/shnor.cjs    the `shnor` command.
 * Usage: node build.mjs
 */
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import vm from 'node:vm';
import * as esbuild from 'esbuild';

const root = dirname(fileURLToPath(import.meta.url));
const dist = join(root, 'dist');
export const GLOBAL = 'ShnorAddon_';

/** Apps Script's V8 is not the newest: keep the syntax to ES2019. */
const TARGET = 'es2019';

async function bundleAddon() {
  const result = await esbuild.build({
    entryPoints: [join(root, 'src/addon/index.ts')],
    bundle: true,
    format: 'iife',
    globalName: GLOBAL,
    target: TARGET,
    platform: 'neutral',
    write: false,
    charset: 'utf8',
    legalComments: 'none',
  });
  const code = result.outputFiles[0].text;
  // The names come from the bundle itself: evaluate it (it touches no Apps Script global at load time).
  const names = Object.keys(vm.runInNewContext(`${code}\n${GLOBAL}`, {}, { filename: 'Code.js' }));
  for (const name of names) {
    if (!/^[A-Za-z][A-Za-z0-9]*$/.test(name)) throw new Error(`Недопустимое имя точки входа: ${name}`);
  }
  const wrappers = names
    .sort()
    .map((name) => `function ${name}() {\n  return ${GLOBAL}.${name}.apply(this, arguments);\n}`)
    .join('\n\n');
  const header = '// ШНОР — надстройка Google Таблиц. Собрано build.mjs из src/; не редактируйте этот файл.\n';
  writeFileSync(join(dist, 'Code.js'), `${header}${code}\n// Точки входа Apps Script\n${wrappers}\n`);
  return names;
}

/** Escapes what HtmlService must not see inside an inline script. */
export function escapeInline(code) {
  return code
    .replace(/<\/script/gi, '<\\/script')
    .replace(/<!--/g, '<\\!--')
    .replace(/:\/\//g, ':\\/\\/');
}

async function buildSidebars() {
  const dir = join(root, 'src/sidebar');
  const common = readFileSync(join(dir, 'common/style.css'), 'utf8');
  // Every sidebar is the same page around its own body (index.html), its CSS and its bundled script.
  const page = readFileSync(join(dir, 'common/page.html'), 'utf8');
  const names = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'index.html')))
    .map((d) => d.name);
  for (const name of names) {
    const js = await esbuild.build({
      entryPoints: [join(dir, name, 'main.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2019',
      platform: 'browser',
      write: false,
      minify: true,
      charset: 'utf8',
    });
    const own = join(dir, name, 'style.css');
    const css = common + (existsSync(own) ? readFileSync(own, 'utf8') : '');
    const body = readFileSync(join(dir, name, 'index.html'), 'utf8')
      .trimEnd()
      .replace(/\n(?=.)/g, '\n    ');
    const out = page
      .replace('<!-- inline:body -->', () => body)
      .replace('/* inline:css */', () => css.replace(/<\/style/gi, '<\\/style'))
      .replace('/* inline:js */', () => escapeInline(js.outputFiles[0].text));
    writeFileSync(join(dist, `${name}.html`), out);
  }
  return names;
}

async function buildCli() {
  await esbuild.build({
    entryPoints: [join(root, 'src/cli/shnor.ts')],
    outfile: join(root, 'dist-cli/shnor.cjs'),
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    packages: 'external',
    // Files shipped by packages (the figures' font) are resolved from the bundle's own place.
    define: { 'import.meta.url': '__shnorModuleUrl' },
    banner: { js: "#!/usr/bin/env node\n'use strict';\nconst __shnorModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
    charset: 'utf8',
  });
}

export async function build() {
  rmSync(dist, { recursive: true, force: true });
  mkdirSync(dist, { recursive: true });
  const entryPoints = await bundleAddon();
  const sidebars = await buildSidebars();
  copyFileSync(join(root, 'appsscript.json'), join(dist, 'appsscript.json'));
  await buildCli();
  return { entryPoints, sidebars };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { entryPoints, sidebars } = await build();
  process.stdout.write(
    `dist/: Code.js (${entryPoints.length} точек входа), ${sidebars.map((s) => `${s}.html`).join(', ')}, appsscript.json; dist-cli/shnor.cjs\n`,
  );
}
