/** What a deploy of the edge must have; each check names the setting and how to fix it. */
export interface DeployFacts {
  /** The config as wrangler reads it (for the environment deployed, if any). */
  config: {
    compatibility_date?: string | undefined;
    observability?: { enabled?: boolean | undefined } | undefined;
    vars: Record<string, unknown>;
  };
  /** ORIGIN_URL from the deploy's environment, if set there. */
  originUrl: string | undefined;
  /** Whether PURGE_SECRET is in the deploy's environment (it is then uploaded as a secret). */
  purgeSecretInEnv: boolean;
  /** The worker's secret names on Cloudflare, or why they could not be listed. */
  secrets: string[] | { error: string };
  /** The newest compatibility date the installed workerd supports (YYYY-MM-DD). */
  workerdDate: string;
  today: Date;
  /** How old a compatibility date may be before the deploy is refused. */
  maxAgeMonths: number;
  /** How old it may be before the deploy warns. */
  warnAgeMonths: number;
}

export interface DeployVerdict {
  /** Reasons the deploy must not go out; empty when it may. */
  refusals: string[];
  /** Worth knowing, not worth stopping for. */
  warnings: string[];
}

const LOOPBACK = /^(localhost|127(?:\.\d+){3}|\[::1\]|0\.0\.0\.0)$/i;

const monthsBefore = (today: Date, months: number) => {
  const day = new Date(today);
  day.setUTCMonth(day.getUTCMonth() - months);
  return day.toISOString().slice(0, 10);
};

/** Whether a deploy of the edge may go out, and why not. */
export function checkDeploy(facts: DeployFacts): DeployVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  const fromConfig = facts.config.vars.ORIGIN_URL;
  const origin = facts.originUrl?.trim() || (typeof fromConfig === 'string' ? fromConfig : '');
  if (!origin) {
    problems.push(
      'ORIGIN_URL is not set: run `ORIGIN_URL=https://origin.example.com npm run deploy:edge`',
    );
  } else {
    const url = URL.canParse(origin) ? new URL(origin) : null;
    if (url?.protocol !== 'https:') {
      problems.push(`ORIGIN_URL must be an absolute https:// URL, not ${JSON.stringify(origin)}`);
    } else if (url.pathname !== '/' || url.search || url.hash || url.username) {
      problems.push('ORIGIN_URL must be scheme and host only: no path, query, fragment or user');
    } else if (LOOPBACK.test(url.hostname)) {
      problems.push(`ORIGIN_URL points at this machine (${url.hostname}), not a public origin`);
    }
  }
  if (!facts.purgeSecretInEnv) {
    if (Array.isArray(facts.secrets)) {
      if (!facts.secrets.includes('PURGE_SECRET'))
        problems.push(
          'PURGE_SECRET is neither in the environment nor a secret of the worker: set it, or ' +
            '`npx wrangler secret put PURGE_SECRET --config edge/wrangler.jsonc`',
        );
    } else {
      problems.push(
        `PURGE_SECRET is not in the environment and the worker's secrets could not be listed ` +
          `(${facts.secrets.error}): set PURGE_SECRET, or log in to Cloudflare`,
      );
    }
  }
  const date = facts.config.compatibility_date;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    problems.push('compatibility_date is missing from edge/wrangler.jsonc');
  } else {
    const newest = `${facts.workerdDate} (the newest the installed workerd supports)`;
    if (date < monthsBefore(facts.today, facts.maxAgeMonths))
      problems.push(
        `compatibility_date ${date} is older than ${facts.maxAgeMonths} months: set it to ${newest}`,
      );
    else if (date < facts.workerdDate)
      warnings.push(`compatibility_date ${date} could be ${newest}`);
    else if (date < monthsBefore(facts.today, facts.warnAgeMonths))
      warnings.push(
        `compatibility_date ${date} is over ${facts.warnAgeMonths} months old, and the newest ` +
          'the installed workerd supports: update wrangler and workerd together (docs/toolchain.md)',
      );
    if (date > facts.workerdDate)
      problems.push(
        `compatibility_date ${date} is newer than the installed workerd supports ` +
          `(${facts.workerdDate}), so local tests do not run what would be deployed`,
      );
  }
  if (facts.config.observability?.enabled !== true)
    problems.push('observability is off: set "observability": { "enabled": true }');
  return { refusals: problems, warnings };
}
