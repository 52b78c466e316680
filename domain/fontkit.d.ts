// fontkit ships no types. It is pdfkit's own font engine (a dependency of pdfkit);
// Bokvar only parses a font once to hand the same object to every document.
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    /** Every code point the font maps. */
    characterSet: number[];
    glyphForCodePoint(codePoint: number): unknown;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
