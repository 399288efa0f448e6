import { HAVE_VARNISH } from '../../edge/varnish/varnishd.ts';

export * from '../../edge/varnish/varnishd.ts';

// CI sets ISOBAR_REQUIRE_VARNISH=1 so that a missing varnishd fails instead of skipping.
if (!HAVE_VARNISH && process.env.ISOBAR_REQUIRE_VARNISH === '1') {
  throw new Error(
    'ISOBAR_REQUIRE_VARNISH=1 but there is no varnishd (apt-get install varnish varnish-modules)',
  );
}
if (!HAVE_VARNISH)
  console.warn(
    '[isobar tests] no varnishd: the Varnish tests are skipped (apt-get install varnish varnish-modules)',
  );
