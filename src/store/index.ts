export { type Database, DatabaseError, type Queryable, type QueryObserver, type Statement, statement } from './database.ts';
export { migrate } from './migrate.ts';
export { openDatabase, type OpenDatabaseOptions } from './open-database.ts';
