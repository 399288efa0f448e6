export {
  type Database,
  DatabaseError,
  type ListenEvents,
  type Queryable,
  type QueryObserver,
  type Statement,
  statement,
} from './database.ts';
export { migrate } from './migrations.ts';
export { type OpenDatabaseOptions, openDatabase } from './open-database.ts';
