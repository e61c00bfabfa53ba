/** The add-on's version, shown in «О надстройке»; test/core/version.test.ts holds it equal to package.json's. */
export const VERSION = '0.1.0';
