import { type Config, ConfigError } from '../../config/env.ts';
import { DEMO_SOURCE } from '../../domain/weather/weather.ts';
import { metNorway } from './met-norway/met-norway-client.ts';
import { openMeteo } from './open-meteo/open-meteo-client.ts';
import type { ProviderModule } from './provider.ts';

/** Every provider isobar can fetch from: a new one is its own file and one line here. */
export const PROVIDER_MODULES: readonly ProviderModule[] = [openMeteo, metNorway];

/** The provider of this name; a ConfigError naming `variable` and the known names if none. */
export function providerModule(name: string, variable = 'PROVIDERS'): ProviderModule {
  const found = PROVIDER_MODULES.find((m) => m.name === name);
  if (found) return found;
  const known = PROVIDER_MODULES.map((m) => m.name).join(', ');
  throw new ConfigError(`${variable}: no provider "${name}"; known: ${known}`);
}

/**
 * The provider modules PROVIDERS names (none for `demo` or `none`, which stand alone); a name
 * no provider has is a ConfigError naming it. `serve` asks first, before it opens anything.
 */
export function providerModules(config: Pick<Config, 'PROVIDERS'>): ProviderModule[] {
  return config.PROVIDERS.filter((name) => name !== DEMO_SOURCE && name !== 'none').map((name) =>
    providerModule(name),
  );
}
