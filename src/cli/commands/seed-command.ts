import type { Config } from '../../config/env.ts';
import { migrate, openDatabase } from '../../store/index.ts';
import type { Logger } from '../logger.ts';
import { importCatalog, refreshDemo } from '../prepare.ts';

/** `isobar seed`'s options, as program.ts declares them (one field per option). */
export interface SeedOptions {
  /** Places given demo weather; unset: DEMO_PLACES. */
  demo?: number;
}

/** `isobar seed`: (re)loads the place catalog, then the demo source's weather. */
export async function seedCommand(
  config: Config,
  log: Logger,
  options: SeedOptions,
): Promise<number> {
  const db = await openDatabase(config.dsn);
  try {
    await migrate(db);
    await importCatalog(db, log);
    await refreshDemo(db, options.demo ?? config.DEMO_PLACES, log);
    return 0;
  } finally {
    await db.close();
  }
}
