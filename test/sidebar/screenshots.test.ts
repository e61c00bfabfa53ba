/**
 * `npm run screenshots` still draws every picture the README shows — into a temporary folder here, so the
 * tests never touch docs/.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(file: string): [number, number] {
  const data = readFileSync(file);
  expect(data.subarray(1, 4).toString('latin1')).toBe('PNG');
  return [data.readUInt32BE(16), data.readUInt32BE(20)];
}

describe('npm run screenshots', () => {
  it('draws each picture the README links to, at the sidebar’s and the preview’s width', () => {
    const out = mkdtempSync(join(tmpdir(), 'shnor-docs-'));
    const tsx = join(root, 'node_modules', 'tsx', 'dist', 'cli.mjs');
    // The suite has built dist/ already; a second build here would race with the tests that read it.
    const r = spawnSync(process.execPath, [tsx, 'scripts/screenshots.ts', '--no-build', '--out', out], { cwd: root, encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const linked = [...readFileSync(join(root, 'README.md'), 'utf8').matchAll(/\]\(docs\/([a-z-]+\.png)\)/g)].map((m) => m[1]);
    expect(linked.length).toBeGreaterThan(0);
    // Pictures of the written book come from LibreOffice's rendering, by scripts of their own.
    const paper = new Map([
      ['summary.png', 'scripts/paper-shots.sh'],
      ['paper-summary.png', 'scripts/paper-shots.sh'],
      ['report.png', 'scripts/paper-shots.sh'],
      ['paper-catalogue.png', 'scripts/paper-shots.sh'],
      ['paper-settings.png', 'scripts/paper-shots.sh'],
      ['report-figure.png', 'scripts/paper-shots.sh'],
      ['card.png', 'scripts/paper-shots.sh'],
      ['roadmap-tab.png', 'scripts/roadmap-picture.ts'],
    ]);
    for (const [name, script] of paper) {
      expect(linked, name).toContain(name);
      expect(readFileSync(join(root, script), 'utf8'), script).toContain(name.replace(/\.png$/, ''));
    }
    expect(readdirSync(out).sort()).toEqual([...new Set(linked)].filter((n) => !paper.has(n as string)).sort());
    for (const name of readdirSync(out)) {
      const [width, height] = pngSize(join(out, name));
      expect(width, name).toBe(name === 'preview.png' ? 1400 : 300);
      expect(height, name).toBeGreaterThanOrEqual(860);
    }
  }, 120_000);
});
