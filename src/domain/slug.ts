export { foldToAscii, searchKey, slugify, slugKey } from '../contract/slug.ts';
