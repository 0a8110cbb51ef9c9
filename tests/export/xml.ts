// A strict parser for the XML the SVG export writes (elements, attributes, text, entities, an optional
// declaration, comments): it throws on anything not well-formed, so a test can prove the SVG is.
// Written here rather than imported: the XML packages in node_modules pull the DOM types into the program.

export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text directly inside, entities decoded. */
  text: string;
}

const NAME = /^[A-Za-z_:][\w.:-]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(raw: string, where: number): string {
  if (raw.includes('<')) throw new Error(`'<' in text or attribute near ${where}`);
  return raw.replace(/&([^;]*);?/g, (m, body: string) => {
    if (!m.endsWith(';')) throw new Error(`unterminated entity near ${where}`);
    if (body in ENTITIES) return ENTITIES[body]!;
    const num = /^#(?:x([0-9a-fA-F]+)|(\d+))$/.exec(body);
    if (!num) throw new Error(`unknown entity &${body}; near ${where}`);
    return String.fromCodePoint(num[1] ? parseInt(num[1], 16) : Number(num[2]));
  });
}

export function parseXml(src: string): XmlElement {
  // Characters XML 1.0 forbids anywhere in a document.
  const bad = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.exec(src);
  if (bad) throw new Error(`character U+${bad[0].charCodeAt(0).toString(16)} is not allowed in XML (at ${bad.index})`);
  let i = 0;
  const skipMisc = () => {
    for (;;) {
      while (i < src.length && /\s/.test(src[i]!)) i++;
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i + 4);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
      } else if (src.startsWith('<?', i)) {
        const end = src.indexOf('?>', i + 2);
        if (end < 0) throw new Error('unterminated declaration');
        i = end + 2;
      } else return;
    }
  };
  const element = (): XmlElement => {
    if (src[i] !== '<') throw new Error(`expected '<' at ${i}`);
    i++;
    const name = NAME.exec(src.slice(i, i + 200))?.[0];
    if (!name) throw new Error(`expected a tag name at ${i}`);
    i += name.length;
    const el: XmlElement = { name, attrs: {}, children: [], text: '' };
    for (;;) {
      const ws = /^\s*/.exec(src.slice(i, i + 100))![0].length;
      i += ws;
      if (src.startsWith('/>', i)) {
        i += 2;
        return el;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (ws === 0) throw new Error(`expected white space before an attribute at ${i}`);
      const attr = NAME.exec(src.slice(i, i + 200))?.[0];
      if (!attr) throw new Error(`expected an attribute name at ${i}`);
      i += attr.length;
      const m = /^\s*=\s*(["'])/.exec(src.slice(i, i + 100));
      if (!m) throw new Error(`attribute ${attr} without a quoted value at ${i}`);
      i += m[0].length;
      const end = src.indexOf(m[1]!, i);
      if (end < 0) throw new Error(`unterminated attribute ${attr}`);
      if (attr in el.attrs) throw new Error(`duplicate attribute ${attr} at ${i}`);
      el.attrs[attr] = decode(src.slice(i, end), i);
      i = end + 1;
    }
    for (;;) {
      const lt = src.indexOf('<', i);
      if (lt < 0) throw new Error(`<${name}> is never closed`);
      el.text += decode(src.slice(i, lt), i);
      i = lt;
      if (src.startsWith('</', i)) {
        const close = `</${name}`;
        if (!src.startsWith(close, i)) throw new Error(`<${name}> closed by ${src.slice(i, i + 20)} at ${i}`);
        i += close.length;
        const m = /^\s*>/.exec(src.slice(i, i + 100));
        if (!m) throw new Error(`bad closing tag of ${name} at ${i}`);
        i += m[0].length;
        return el;
      }
      if (src.startsWith('<!--', i)) {
        const end = src.indexOf('-->', i);
        if (end < 0) throw new Error('unterminated comment');
        i = end + 3;
        continue;
      }
      el.children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== src.length) throw new Error(`content after the root element at ${i}`);
  return root;
}

/** Every element below (and including) `el`, depth first. */
export function descendants(el: XmlElement): XmlElement[] {
  const out: XmlElement[] = [el];
  for (const c of el.children) out.push(...descendants(c));
  return out;
}
