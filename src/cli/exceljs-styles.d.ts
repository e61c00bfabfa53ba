/** exceljs' reader of styles.xml (not declared by exceljs): the style model of each style number, as it reads a book. */
declare module 'exceljs/lib/xlsx/xform/style/styles-xform.js' {
  import type { Readable } from 'node:stream';
  import type { Style } from 'exceljs';
  export default class StylesXform {
    parseStream(stream: Readable): Promise<void>;
    getStyleModel(id: number): Partial<Style> | null;
  }
}
