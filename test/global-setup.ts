/**
 * Builds dist/ and dist-cli/ once, so the tests of the bundle, the sidebars and the CLI test what ships; and
 * finds the Chromium of the browser tests (unpacking the npm one, on a machine without Debian's, before the
 * test workers start).
 */
import { build } from '../build.mjs';
import { chromiumBuild } from './support/chromium';

export default async function setup(): Promise<void> {
  await Promise.all([build(), chromiumBuild()]);
}
