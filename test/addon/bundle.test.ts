import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import * as entryPoints from '../../src/addon/index';
import { MENU } from '../../src/addon/menu';
import { callGlobal, DIST, loadBundle } from '../support/gas';

const root = join(import.meta.dirname, '..', '..');
const code = readFileSync(join(DIST, 'Code.js'), 'utf8');

describe('dist/Code.js', () => {
  it('is a script, not a module: no import or export anywhere', () => {
    expect(code).not.toMatch(/^\s*(import|export)\b/m);
    expect(() => new vm.Script(code)).not.toThrow();
  });

  it('uses no library call newer than ES2020, which Apps Script’s V8 may lack', () => {
    for (const api of ['Object.hasOwn', 'structuredClone', '.replaceAll(', '.findLast(', '.at(-', 'Array.prototype.at']) {
      expect(code.includes(api), api).toBe(false);
    }
  });

  it('declares a top-level function for every export of src/addon/index.ts and nothing else', () => {
    const declared = [...code.matchAll(/^function ([A-Za-z0-9]+)\(\)/gm)].map((m) => m[1]).sort();
    expect(declared).toEqual(Object.keys(entryPoints).sort());
    expect(declared).toEqual(expect.arrayContaining(['onOpen', 'onInstall']));
  });

  it('onOpen builds the «ШНОР» add-on menu, and every item calls a declared function', () => {
    const { context, rec } = loadBundle();
    callGlobal(context, 'onOpen', { authMode: 'NONE' });
    expect(rec.menus).toHaveLength(1);
    expect(rec.menus[0]?.added).toBe(true);
    const items = rec.menus[0]?.items ?? [];
    expect(items).toEqual(MENU);
    for (const item of items) {
      if (item === 'separator') continue;
      expect(typeof (context as Record<string, unknown>)[item.handler]).toBe('function');
    }
  });

  it('onInstall builds the menu too', () => {
    const { context, rec } = loadBundle();
    callGlobal(context, 'onInstall', {});
    expect(rec.menus[0]?.added).toBe(true);
  });

  it('every wrapper reaches real code', () => {
    const { context, rec } = loadBundle();
    callGlobal(context, 'menuAbout');
    expect(rec.sidebars.map((s) => [s.file, s.title])).toEqual([['about', 'ШНОР — о надстройке']]);
    const presets = callGlobal(context, 'apiListPresets') as Array<{ id: string; description: string }>;
    expect(presets.map((p) => p.id)).toEqual(['novokuznetsk-2020', 'rosobrnadzor-2025-or', 'rosobrnadzor-2025-and']);
    expect(presets[0]?.description).toMatch(/не менее 30 %/);
  });
});

describe('dist/ as clasp sees it', () => {
  it('holds the manifest: V8, Moscow time, least scopes, no addOns section', () => {
    const manifest = JSON.parse(readFileSync(join(DIST, 'appsscript.json'), 'utf8'));
    expect(manifest.runtimeVersion).toBe('V8');
    expect(manifest.timeZone).toBe('Europe/Moscow');
    expect(manifest.oauthScopes).toEqual([
      'https://www.googleapis.com/auth/spreadsheets.currentonly',
      'https://www.googleapis.com/auth/script.container.ui',
      // Who runs an action: roles, protection editors and the journal need the person's e-mail.
      'https://www.googleapis.com/auth/userinfo.email',
    ]);
    expect(manifest.addOns).toBeUndefined();
  });

  it('sidebars have their JS and CSS inlined and nothing HtmlService would choke on', () => {
    const htmls = readdirSync(DIST).filter((f) => f.endsWith('.html'));
    expect(htmls).toContain('about.html');
    for (const f of htmls) {
      const html = readFileSync(join(DIST, f), 'utf8');
      expect(html).not.toContain('inline:js');
      expect(html).not.toContain('inline:css');
      expect(html).not.toMatch(/<script[^>]+src=/);
      expect(html).not.toMatch(/<link[^>]+stylesheet/);
      const scripts = [...html.matchAll(/<script>([\s\S]*?)<\/script>/g)].map((m) => m[1] ?? '');
      expect(scripts.length).toBe(1);
      expect(scripts[0]).not.toContain('://');
      expect(scripts[0]).toContain('google.script.run');
    }
  });

  it('clasp status --json lists exactly the dist files', () => {
    const out = execFileSync('npx', ['clasp', 'status', '--json'], { cwd: root, encoding: 'utf8' });
    const status = JSON.parse(out.slice(out.indexOf('{')));
    const expected = readdirSync(DIST).map((f) => `dist/${f}`);
    expect([...status.filesToPush].sort()).toEqual(expected.sort());
  });
});
