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
