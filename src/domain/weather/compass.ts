/** Wind directions in words and arrows: what pages, text and status lines show of a bearing. */

const COMPASS = ['N', 'NE', 'E', 'SE', 'S', 'SW', 'W', 'NW'];
// Where the wind blows to, as wttr.in draws it: a wind from the north is `↓`.
const ARROWS = ['↓', '↙', '←', '↖', '↑', '↗', '→', '↘'];

const octant = (deg: number) => Math.round((((deg % 360) + 360) % 360) / 45) % 8;

/** The eight-point name of where a wind comes from: 225° is `SW`. */
export const compass = (deg: number) => COMPASS[octant(deg)]!;

/** The arrow of a wind from `deg`, pointing where it blows: 45° (from NE) is `↙`. */
export const windArrow = (deg: number) => ARROWS[octant(deg)]!;
