const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text made safe for SVG/HTML content and attribute values. */
export const esc = (text: string) => text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

/** A coordinate with at most one decimal: enough for a screen, short in the page. */
export const px = (n: number) => String(Math.round(n * 10) / 10);

/** `-3.5` with a real minus sign, as typesetting wants it. */
export const signed = (n: number) => (n < 0 ? `−${Math.abs(n)}` : String(n));

/** A text element; `anchor` is its text-anchor. */
export function text(
  x: number,
  y: number,
  content: string,
  attrs: { anchor?: 'start' | 'middle' | 'end'; cls?: string } = {},
): string {
  const anchor = attrs.anchor && attrs.anchor !== 'start' ? ` text-anchor="${attrs.anchor}"` : '';
  const cls = attrs.cls ? ` class="${attrs.cls}"` : '';
  return `<text x="${px(x)}" y="${px(y)}"${anchor}${cls}>${esc(content)}</text>`;
}

/** A rectangle in chart pixels: left, top, right, bottom. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** Whether two boxes share any area (touching edges do not count). */
export const overlaps = (a: Box, b: Box) =>
  a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;

// Widest digit of an 11 px system-ui face in bold, measured in Chromium (6.1 px), plus a margin:
// a box a little too large costs a label, one too small lets two touch.
const CHAR_W = 6.8;

/** The box an 11 px text of `content` covers when its baseline is at `y`, anchored at `x`. */
export function textBox(x: number, y: number, content: string, anchor: 'start' | 'middle' | 'end') {
  const w = [...content].length * CHAR_W;
  const x0 = anchor === 'start' ? x : anchor === 'middle' ? x - w / 2 : x - w;
  return { x0, y0: y - 10, x1: x0 + w, y1: y + 3 };
}
