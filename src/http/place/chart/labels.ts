import { type Box, overlaps, text, textBox } from './svg.ts';

/** A label the chart would like to show beside a point, and where it may go. */
export interface LabelWish {
  x: number;
  /** The point the label belongs to. */
  y: number;
  content: string;
  cls: string;
}

/** Above the point first (where people look for it), then below. */
const OFFSETS = [-7, 15];

/**
 * Places each label above or below its point where it touches nothing already drawn (bars,
 * symbols, hours) nor a label placed before it, inside `bounds` (slid sideways into them at the
 * plot's edges); a label that fits nowhere is left out (its number is in the hour table). Returns
 * the SVG texts and adds their boxes to `taken`, so later labels avoid them too.
 */
export function placeLabels(wishes: readonly LabelWish[], taken: Box[], bounds: Box): string[] {
  const placed: string[] = [];
  for (const wish of wishes) {
    const probe = textBox(wish.x, 0, wish.content, 'middle');
    const x = wish.x + Math.max(0, bounds.x0 - probe.x0) - Math.max(0, probe.x1 - bounds.x1);
    for (const offset of OFFSETS) {
      const box = textBox(x, wish.y + offset, wish.content, 'middle');
      const inside = box.y0 >= bounds.y0 && box.y1 <= bounds.y1;
      if (!inside || taken.some((t) => overlaps(t, box))) continue;
      taken.push(box);
      placed.push(text(x, wish.y + offset, wish.content, { anchor: 'middle', cls: wish.cls }));
      break;
    }
  }
  return placed;
}
