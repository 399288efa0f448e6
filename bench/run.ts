// Every benchmark, one after another. Not part of the tests; figures only, nothing asserted.
await import('./origin.ts');
await import('./geo-lookup.ts');
await import('./offload.ts');
await import('./memory.ts');
