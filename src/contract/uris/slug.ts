// Letters NFKD does not decompose into ASCII plus a combining mark.
const SPECIAL: Record<string, string> = {
  ß: 'ss',
  ẞ: 'SS',
  æ: 'ae',
  Æ: 'AE',
  œ: 'oe',
  Œ: 'OE',
  ø: 'o',
  Ø: 'O',
  ł: 'l',
  Ł: 'L',
  đ: 'd',
  Đ: 'D',
  ð: 'd',
  Ð: 'D',
  þ: 'th',
  Þ: 'Th',
  ı: 'i',
  ħ: 'h',
  Ħ: 'H',
};

/** Folds a name to ASCII: diacritics dropped, special letters spelled out, case kept. */
export function foldToAscii(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u0080-\uffff]/g, (ch) => SPECIAL[ch] ?? ch);
}

/**
 * A place name as it appears in its URI: ASCII words joined by `-`, case kept ("Saint-Etienne").
 */
export function slugify(name: string): string {
  return foldToAscii(name)
    .replace(/['’`]/g, '')
    .replace(/[^A-Za-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * What any spelling of a slug folds to for lookup: `new york`, `New_York`, `new+york`
 * and `NEW-YORK` all give `new-york`.
 */
export function slugKey(segment: string): string {
  return slugify(segment.replace(/[+_]/g, ' ')).toLowerCase();
}

/**
 * The search form of a name or typed prefix: folded, lower case, words separated by single spaces.
 */
export function searchKey(text: string): string {
  return foldToAscii(text)
    .replace(/['’`]/g, '')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .toLowerCase();
}
