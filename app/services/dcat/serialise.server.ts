/**
 * Writes the catalogue's quads as Turtle (n3), RDF/XML (graphy's RDF/XML scriber) or JSON-LD
 * (jsonld.js, framed into one readable tree under a context of the usual prefixes). The same quads
 * go into all three, so a harvester reads the same graph whichever it asks for.
 */
import XmlScriber from '@graphy/content.xml.scribe';
import jsonld from 'jsonld';
import { Writer, type BlankNode, type Quad, type Quad_Object } from 'n3';
import { RDF_PREFIXES, type RdfFormat } from '~/lib/dcat';

/** The document's root: the catalogue (with its paging) or one dataset. */
export type RdfRoot = 'dcat:Catalog' | 'dcat:Dataset';

export async function serialise(quads: readonly Quad[], format: RdfFormat, root: RdfRoot): Promise<string> {
  const grouped = bySubject(quads);
  switch (format) {
    case 'ttl':
      return turtle(grouped);
    case 'rdf':
      return rdfXml(grouped);
    case 'jsonld':
      return JSON.stringify(await framedJsonLd(quads, root), null, 2);
  }
}

/** Quads with the same subject next to each other (in first-seen order), so writers group them. */
function bySubject(quads: readonly Quad[]): Quad[][] {
  const groups = new Map<string, Quad[]>();
  for (const q of quads) {
    const key = `${q.subject.termType}:${q.subject.value}`;
    const group = groups.get(key);
    if (group) group.push(q);
    else groups.set(key, [q]);
  }
  return [...groups.values()];
}

/**
 * Turtle, with each blank node that is used once written in place (`[ a dct:PeriodOfTime; … ]`)
 * rather than as a `_:label` elsewhere. Should nesting ever leave a quad out (blank nodes that
 * only point at each other), the flat form is written instead: never a partial graph.
 */
function turtle(groups: readonly Quad[][]): Promise<string> {
  const uses = new Map<string, number>();
  for (const group of groups) for (const q of group) if (q.object.termType === 'BlankNode') uses.set(q.object.value, (uses.get(q.object.value) ?? 0) + 1);
  const ownQuads = new Map<string, Quad[]>();
  for (const group of groups) {
    const subject = group[0]?.subject;
    if (subject?.termType === 'BlankNode') ownQuads.set(subject.value, group);
  }
  const inlined = (term: Quad_Object): term is BlankNode => term.termType === 'BlankNode' && uses.get(term.value) === 1 && ownQuads.has(term.value);

  const writer = new Writer({ prefixes: { ...RDF_PREFIXES } });
  let written = 0;
  const object = (term: Quad_Object, path: Set<string>): Quad_Object => {
    if (!inlined(term) || path.has(term.value)) return term;
    const inner = new Set(path).add(term.value);
    const children = ownQuads.get(term.value) ?? [];
    written += children.length;
    return writer.blank(children.map((q) => ({ predicate: q.predicate, object: object(q.object, inner) })));
  };
  let flat = false;
  for (const group of groups) {
    const subject = group[0]?.subject;
    if (subject?.termType === 'BlankNode' && uses.get(subject.value) === 1) continue;
    for (const q of group) {
      writer.addQuad(q.subject, q.predicate, object(q.object, new Set()));
      written += 1;
    }
  }
  const total = groups.reduce((n, g) => n + g.length, 0);
  if (written !== total) flat = true;
  return new Promise((resolve, reject) => {
    writer.end((error, result: string) => {
      if (error) reject(error);
      else if (flat) resolve(flatTurtle(groups));
      else resolve(result);
    });
  });
}

function flatTurtle(groups: readonly Quad[][]): Promise<string> {
  const writer = new Writer({ prefixes: { ...RDF_PREFIXES } });
  for (const group of groups) writer.addQuads(group);
  return new Promise((resolve, reject) => writer.end((error, result: string) => (error ? reject(error) : resolve(result))));
}

/** RDF/XML: one rdf:Description per subject, blank nodes by rdf:nodeID, every value escaped by the scriber. */
function rdfXml(groups: readonly Quad[][]): Promise<string> {
  return new Promise((resolve, reject) => {
    const scriber = new XmlScriber({ prefixes: { ...RDF_PREFIXES } });
    const chunks: string[] = [];
    scriber.on('data', (chunk: string | Buffer) => chunks.push(String(chunk)));
    scriber.on('error', reject);
    scriber.on('end', () => resolve(chunks.join('')));
    for (const group of groups) for (const q of group) scriber.write(q);
    scriber.end();
  });
}

/** The context: the prefixes only, so every property reads as the `dct:title` it is. */
const CONTEXT = { ...RDF_PREFIXES };

/**
 * JSON-LD: the quads as a tree from the root (datasets inside the catalogue, distributions inside
 * their dataset), each node written in full where first met. Nothing is fetched: the context is
 * inline, and any other load is refused.
 */
async function framedJsonLd(quads: readonly Quad[], root: RdfRoot): Promise<object> {
  // The quads as they are (its N-Quads reader dedupes in quadratic time: seconds for a page).
  // Without useNativeTypes: with it, jsonld.js types every plain string xsd:string, to gain only
  // bare numbers for the two Hydra counts.
  const expanded = await jsonld.fromRDF([...quads]);
  return jsonld.frame(expanded, { '@context': CONTEXT, '@type': root }, // The types know JSON-LD 1.0's embed values only; '@once' is 1.1's default made explicit.
    { embed: '@once', omitGraph: true, documentLoader: refuseLoading, safe: true } as unknown as jsonld.Options.Frame);
}

async function refuseLoading(url: string): Promise<never> {
  throw new Error(`JSON-LD document loading is off (${url})`);
}
