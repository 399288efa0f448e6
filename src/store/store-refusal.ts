/**
 * The store refuses to go on and says why in a sentence for the operator: a data directory in
 * use by another process, a migration file changed after it was applied, a database made by a
 * newer isobar. The CLI prints the message alone, with no stack trace.
 */
export class StoreRefusal extends Error {
  override name = 'StoreRefusal';
}
