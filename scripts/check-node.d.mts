// Types for check-node.mjs, which stays plain JavaScript so that any Node can run it.
export function satisfies(version: string, range: string): boolean;
