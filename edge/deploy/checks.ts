/** A route as wrangler.jsonc may give it: a pattern alone, with its zone, or a custom domain. */
export type RouteConfig =
  | string
  | { pattern: string; zone_name?: string; zone_id?: string; custom_domain?: boolean };

/** What a deploy of the edge must have; each check names the setting and how to fix it. */
export interface DeployFacts {
  /** The config as wrangler reads it (for the environment deployed, if any). */
  config: {
    compatibility_date?: string | undefined;
    observability?: { enabled?: boolean | undefined } | undefined;
    workers_dev?: boolean | undefined;
    /** `route` and `routes` together. */
    routes: RouteConfig[];
    vars: Record<string, unknown>;
  };
  /** The environment deployed (`--env`), if any. */
  envName: string | undefined;
  /** ORIGIN_URL from the deploy's environment, if set there. */
  originUrl: string | undefined;
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
/** Names reserved for examples and tests (RFC 2606, RFC 6761): a route there is a placeholder. */
const RESERVED = /(^|\.)(example\.(com|net|org)|example|test|invalid|localhost)$/i;

const monthsBefore = (today: Date, months: number) => {
  const day = new Date(today);
  day.setUTCMonth(day.getUTCMonth() - months);
  return day.toISOString().slice(0, 10);
};

/** Whether a deploy of the edge may go out, and why not. */
export function checkDeploy(facts: DeployFacts): DeployVerdict {
  const problems: string[] = [];
  const warnings: string[] = [];
  const origin = checkOrigin(facts, problems);
  checkRoutes(facts, origin, problems, warnings);
  checkDate(facts, problems, warnings);
  if (facts.config.observability?.enabled !== true)
    problems.push('observability is off: set "observability": { "enabled": true }');
  return { refusals: problems, warnings };
}

function checkOrigin(facts: DeployFacts, problems: string[]): URL | undefined {
  const fromConfig = facts.config.vars.ORIGIN_URL;
  const origin = facts.originUrl?.trim() || (typeof fromConfig === 'string' ? fromConfig : '');
  if (!origin) {
    problems.push(
      'ORIGIN_URL is not set: run `ORIGIN_URL=https://isobar.example.com npm run deploy:edge`',
    );
    return undefined;
  }
  const url = URL.canParse(origin) ? new URL(origin) : null;
  if (url?.protocol !== 'https:') {
    problems.push(`ORIGIN_URL must be an absolute https:// URL, not ${JSON.stringify(origin)}`);
  } else if (url.pathname !== '/' || url.search || url.hash || url.username) {
    problems.push('ORIGIN_URL must be scheme and host only: no path, query, fragment or user');
  } else if (LOOPBACK.test(url.hostname)) {
    problems.push(`ORIGIN_URL points at this machine (${url.hostname}), not a public origin`);
  } else {
    return url;
  }
  return undefined;
}

function checkRoutes(
  facts: DeployFacts,
  origin: URL | undefined,
  problems: string[],
  warnings: string[],
): void {
  const where = facts.envName ? `env.${facts.envName}` : 'the top level';
  if (facts.config.workers_dev === true)
    problems.push(
      "workers_dev is on: the worker would also answer at *.workers.dev, outside the zone's " +
        'WAF rules, Cache Rules and Always Use HTTPS; set "workers_dev": false',
    );
  const routes = facts.config.routes.map((r) => (typeof r === 'string' ? { pattern: r } : r));
  if (routes.length === 0) {
    problems.push(
      `no route or custom domain at ${where} of edge/wrangler.jsonc: add "routes": ` +
        '[{ "pattern": "<your host>/", "zone_name": "<your zone>" }], the worker on `/` of the ' +
        'public host only (env.production shows one), and deploy that environment ' +
        '(`npm run deploy:edge -- --env production`)',
    );
    return;
  }
  for (const route of routes) {
    const [host = '', ...rest] = route.pattern.replace(/^https?:\/\//i, '').split('/');
    const path = `/${rest.join('/')}`;
    const zone = 'zone_name' in route ? route.zone_name : undefined;
    if (RESERVED.test(host.replace(/^\*\.?/, '')) || (zone && RESERVED.test(zone))) {
      problems.push(
        `route ${route.pattern} is a placeholder: put your own host and zone in ${where} of ` +
          'edge/wrangler.jsonc',
      );
    } else if (route.custom_domain) {
      warnings.push(
        `${route.pattern} is a custom domain: the worker becomes the origin of the whole host ` +
          'and runs (and is billed) on every request, in front of the CDN cache; a route on ' +
          '`<host>/` runs it on the first visit only',
      );
    } else if (path !== '/' || host.includes('*')) {
      warnings.push(
        `route ${route.pattern} runs the worker on more than \`/\` of one host: every request it ` +
          'matches invokes (and bills) the worker instead of going straight to the CDN cache',
      );
    }
    if (origin && zone && !`.${origin.hostname}`.endsWith(`.${zone}`))
      warnings.push(
        `ORIGIN_URL (${origin.hostname}) is not in the zone ${zone}: the nearest-place lookup ` +
          "will not go through this zone's Cache Rules and cache (nor could cf options apply)",
      );
  }
}

function checkDate(facts: DeployFacts, problems: string[], warnings: string[]): void {
  const date = facts.config.compatibility_date;
  if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    problems.push('compatibility_date is missing from edge/wrangler.jsonc');
    return;
  }
  const newest = `${facts.workerdDate} (the newest the installed workerd supports)`;
  if (date < monthsBefore(facts.today, facts.maxAgeMonths))
    problems.push(
      `compatibility_date ${date} is older than ${facts.maxAgeMonths} months: set it to ${newest}`,
    );
  else if (date < facts.workerdDate) warnings.push(`compatibility_date ${date} could be ${newest}`);
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
