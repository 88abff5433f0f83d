// A small well-formedness check for SVG/XML strings (Node has no XML parser): every tag is
// closed in order, attribute values are quoted, and every "&" starts an entity.
import assert from 'node:assert/strict';

/** Throws unless `svg` is one well-formed <svg> element. */
export function assertWellFormedSvg(svg: string): void {
  assert.ok(svg.startsWith('<svg'), 'starts with <svg');
  assert.ok(svg.trimEnd().endsWith('</svg>'), 'ends with </svg>');
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let position = 0;
  for (const match of svg.matchAll(tag)) {
    const between = svg.slice(position, match.index);
    assert.ok(!between.includes('<'), `malformed markup near: ${svg.slice(position, position + 80)}`);
    assert.ok(!/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/.test(between), `bare & in text: ${between}`);
    position = (match.index ?? 0) + match[0].length;
    if (match[0].startsWith('<!--')) continue;
    const [, closing, name, , selfClosing] = match;
    if (closing) assert.equal(stack.pop(), name, `</${name}> closes the open element`);
    else if (!selfClosing) stack.push(name);
  }
  assert.equal(svg.slice(position).trim(), '', 'nothing after the root element');
  assert.deepEqual(stack, [], 'every element closed');
}
