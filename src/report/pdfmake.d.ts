/** The part of pdfmake 0.3's server API the report uses (the package ships no types). */
declare module 'pdfmake' {
  interface FontFiles {
    normal: string;
    bold: string;
    italics: string;
    bolditalics: string;
  }
  interface OutputDocument {
    getBuffer(): Promise<Buffer>;
  }
  interface PdfMake {
    setFonts(fonts: Record<string, FontFiles>): void;
    setLocalAccessPolicy(allowed: (path: string) => boolean): void;
    setUrlAccessPolicy(allowed: (url: string) => boolean): void;
    createPdf(definition: object): OutputDocument;
  }
  const pdfmake: PdfMake;
  export = pdfmake;
}
