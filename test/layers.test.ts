/** The layers of DEVELOPERS.md, checked: core is pure, and no layer reaches into one above it. */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const src = join(import.meta.dirname, '..', 'src');
function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? files(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}
const imports = (file: string) => [...readFileSync(file, 'utf8').matchAll(/^import[^'"]*['"]([^'"]+)['"]/gm)].map((m) => m[1] as string);

/** Which layers each layer may import from. */
const ALLOWED: Record<string, string[]> = {
  core: ['core'],
  workbook: ['core', 'workbook'],
  actions: ['core', 'workbook', 'actions'],
  addon: ['core', 'workbook', 'actions', 'addon'],
  sidebar: ['sidebar'],
  cli: ['core', 'workbook', 'actions', 'cli'],
};

describe('layers', () => {
  for (const file of files(src)) {
    const rel = relative(src, file);
    const layer = rel.split('/')[0] as string;
    it(`${rel} imports only what its layer may`, () => {
      const text = readFileSync(file, 'utf8');
      for (const spec of imports(file)) {
        if (spec.startsWith('.')) {
          const target = relative(src, join(file, '..', spec)).split('/')[0] as string;
          // Sidebars may borrow types from the endpoints they call; they also run core in the browser, which
          // is pure (held so below), so a sidebar checks a file or a date by the very rules the server uses.
          const ok =
            ALLOWED[layer]?.includes(target) ||
            (layer === 'sidebar' && target === 'core') ||
            (layer === 'sidebar' &&
              ['actions', 'core'].includes(target) &&
              new RegExp(`^import type [^;]*'${spec.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}'`, 'm').test(text));
          expect(ok, `${rel} → ${spec}`).toBe(true);
        } else if (layer === 'core') {
          expect.fail(`core must not import packages or Node: ${rel} → ${spec}`);
        }
      }
      if (layer === 'core') {
        expect(text).not.toMatch(/\b(SpreadsheetApp|HtmlService|LockService|PropertiesService|Utilities|process|require|Buffer)\b[.(]/);
      }
    });
  }
});
