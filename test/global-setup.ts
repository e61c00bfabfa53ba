/** Builds dist/ and dist-cli/ once, so the tests of the bundle, the sidebars and the CLI test what ships. */
import { build } from '../build.mjs';

export default async function setup(): Promise<void> {
  await build();
}
