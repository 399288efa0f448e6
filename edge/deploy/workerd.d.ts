// The workerd package ships no types. Its main module is the path of the runtime's binary, with
// the version and the newest compatibility date that binary supports beside it.
declare module 'workerd' {
  /** The newest compatibility date this workerd supports (YYYY-MM-DD). */
  export const compatibilityDate: string;
  export const version: string;
  const binaryPath: string;
  export default binaryPath;
}
