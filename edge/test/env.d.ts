import type { EdgeEnv } from '../src/env.ts';

declare global {
  namespace Cloudflare {
    interface Env extends EdgeEnv {}
    interface GlobalProps {
      mainModule: typeof import('../src/index.ts');
    }
  }
}
