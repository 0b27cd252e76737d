/** The part of @graphy/content.xml.scribe (no types of its own) that the RDF/XML writer uses. */
declare module '@graphy/content.xml.scribe' {
  import type { Transform } from 'node:stream';
  import type { Quad } from 'n3';

  export default class XmlScriber extends Transform {
    constructor(config?: { prefixes?: Record<string, string> });
    write(quad: Quad): boolean;
  }
}
