vcl 4.1;

# isobar's shared cache on Varnish 7.1+ with xkey (varnish-modules): it stands where
# Cloudflare's CDN stands (self-hosting, local runs, end-to-end tests) and reads the origin's
# headers as Cloudflare does. edge/varnish/README.md says how to run it; in short:
#
#   varnishd -a :6081 -f /etc/varnish/isobar.vcl -p http_gzip_support=off
#
# with `isobar-site.vcl` (the origin's address and who may purge) found on vcl_path, which is
# /etc/varnish by default. http_gzip_support must be off: Varnish would otherwise ask the
# origin for gzip on every miss and hide `br` from it, instead of keeping the origin's own
# br, gzip and identity variants (each with its own ETag) under `Vary: Accept-Encoding`.
#
#   lifetime   CDN-Cache-Control (RFC 9213) when present, else Cache-Control; max-age is the
#              TTL, stale-while-revalidate and stale-if-error the stale windows
#   stale      within stale-while-revalidate: served while one background fetch refreshes;
#              past it, within stale-if-error: fetched now, the stale copy served only if the
#              origin fails (5xx, refused, timed out)
#   collapse   concurrent misses for one URL wait for one fetch; uncacheable answers become
#              hit-for-miss, so they never make requests queue behind each other
#   tags       Cache-Tag (comma-separated, Cloudflare's form) becomes xkey, lower-cased as
#              Cloudflare matches tags without case; Cache-Tag never reaches clients
#   purge      PURGE with `xkey-purge: tag1 tag2` (spaces or commas) from isobar_purgers
#   status     X-Isobar-Edge: hit, miss, stale or bypass, as the edge worker says it

import std;
import xkey;

# The site's part: `backend`s (the first one is the default) and `acl isobar_purgers`.
# A site may also define its own vcl_init/vcl_recv there (a director over several origins);
# its code runs before this file's.
include "isobar-site.vcl";

sub vcl_recv {
    # Internal markers (below) are this file's alone, whatever a client sends.
    if (req.restarts == 0) {
        unset req.http.X-Isobar-Revalidate;
        unset req.http.X-Isobar-Stale;
        unset req.http.X-Isobar-Edge;
        unset req.http.X-Isobar-Purged;
    } elsif (req.http.X-Isobar-Stale) {
        # The origin failed a fetch that had a stale copy: let any copy within its
        # stale-if-error window (the object's grace) answer.
        set req.grace = 3650d;
    } elsif (req.http.X-Isobar-Revalidate) {
        # A copy past stale-while-revalidate is a miss: fetched now, the client waits.
        set req.grace = 0s;
    }

    if (req.method == "PURGE") {
        if (client.ip !~ isobar_purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "No xkey-purge header"));
        }
        std.collect(req.http.xkey-purge, " ");
        # Hard purge, as Cloudflare's purge by tag: a corrected answer must never be served
        # again, not even once as stale. Collapsing keeps the refill to one fetch per object.
        set req.http.X-Isobar-Purged = xkey.purge(
            std.tolower(regsuball(req.http.xkey-purge, "[\s,]+", " ")));
        return (synth(200, "Purged"));
    }

    # /metrics describes the origin's internals: never through the public cache, in any
    # spelling the origin would route there (case, repeated slashes, percent-escapes).
    set req.http.X-Isobar-Path = std.tolower(regsub(req.url, "[?#].*$", ""));
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%25", "%");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%25", "%");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[46]d", "m");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[46]5", "e");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[57]4", "t");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[57]2", "r");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[46]9", "i");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[46]3", "c");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "%[57]3", "s");
    set req.http.X-Isobar-Path = regsuball(req.http.X-Isobar-Path, "(%2f|%5c|[/\\])+", "/");
    if (req.http.X-Isobar-Path ~ "^/metrics(/|$)") {
        return (synth(404, "Not Found"));
    }
    unset req.http.X-Isobar-Path;

    # `/` is the first visit (a 302 chosen by the visitor's cookie or address, Set-Cookie on
    # the way back) and `/?place=…` an override: never cached, cookies kept.
    if (req.url ~ "^/(\?|$)") {
        return (pass);
    }

    if (req.method == "GET" || req.method == "HEAD") {
        # No cacheable answer depends on a cookie, and a cookie would make the builtin pass.
        unset req.http.Cookie;
        # The origin sends br, gzip and identity variants under `Vary: Accept-Encoding`: one
        # of three values keeps a copy per coding, not one per browser's spelling of the header.
        if (req.http.Accept-Encoding ~ "(?i)(^|,)\s*br\s*(,|$|;\s*q\s*=\s*(?!0(\.0*)?\s*(,|$)))") {
            set req.http.Accept-Encoding = "br";
        } elsif (req.http.Accept-Encoding ~ "(?i)(^|,)\s*(x-)?gzip\s*(,|$|;\s*q\s*=\s*(?!0(\.0*)?\s*(,|$)))") {
            set req.http.Accept-Encoding = "gzip";
        } else {
            unset req.http.Accept-Encoding;
        }
        # Each copy has its coding's own strong ETag ("abc", "abc-gz", "abc-br"), and a client may
        # revalidate with the tag of another coding than this request gets (one fetch compressed,
        # the next not): Varnish compares If-None-Match with this request's copy, so each tag is
        # rewritten here as that copy's, as the origin itself compares them.
        if (req.http.If-None-Match) {
            set req.http.If-None-Match = regsuball(req.http.If-None-Match, {"-(gz|br)"(\s*(,|$))"}, {""\2"});
            if (req.http.Accept-Encoding == "br") {
                set req.http.If-None-Match = regsuball(req.http.If-None-Match, {"([^"\s,])"(\s*(,|$))"}, {"\1-br"\2"});
            } elsif (req.http.Accept-Encoding == "gzip") {
                set req.http.If-None-Match = regsuball(req.http.If-None-Match, {"([^"\s,])"(\s*(,|$))"}, {"\1-gz"\2"});
            }
        }
    }
    # Then the builtin: other methods and Authorization pass (the write API), unknown ones pipe.
}

sub vcl_hit {
    if (obj.ttl >= 0s) {
        set req.http.X-Isobar-Edge = "hit";
        return (deliver);
    }
    # Expired but within the object's grace, which spans both stale windows: served within
    # stale-while-revalidate (Varnish starts one background fetch), and within stale-if-error
    # once the origin has failed this request (vcl_deliver, vcl_synth). A probe in the site's
    # include makes that failure immediate while the origin is down.
    if (req.http.X-Isobar-Stale ||
        obj.ttl + std.duration(obj.http.X-Isobar-Swr + "s", 0s) >= 0s) {
        set req.http.X-Isobar-Edge = "stale";
        return (deliver);
    }
    # Past stale-while-revalidate: fetched now (vcl_recv), this copy kept for a failure.
    set req.http.X-Isobar-Revalidate = "1";
    return (restart);
}

sub vcl_miss {
    set req.http.X-Isobar-Edge = "miss";
}

sub vcl_pass {
    set req.http.X-Isobar-Edge = "bypass";
}

sub vcl_backend_fetch {
    # The background fetch Varnish starts when a stale copy is served after the origin failed:
    # the failure is seconds old, so the origin is not asked again for this request.
    if (bereq.is_bgfetch && bereq.http.X-Isobar-Stale) {
        return (abandon);
    }
    # X-Isobar-Revalidate stays: vcl_backend_response reads it (the origin ignores it).
    unset bereq.http.X-Isobar-Edge;
}

sub vcl_backend_response {
    if (beresp.status >= 500 && (bereq.is_bgfetch || bereq.http.X-Isobar-Revalidate)) {
        # A stale copy exists: keep it (the client side serves it within stale-if-error).
        return (abandon);
    }
    if (beresp.http.Cache-Tag) {
        std.collect(beresp.http.Cache-Tag, ",");
        set beresp.http.xkey = std.tolower(regsuball(beresp.http.Cache-Tag, "[\s,]+", " "));
        unset beresp.http.Cache-Tag;
    }
    if (bereq.uncacheable) {
        return (deliver);
    }

    # RFC 9213: CDN-Cache-Control, when present, alone says what a CDN may do; else
    # Cache-Control as any shared cache reads it.
    if (beresp.http.CDN-Cache-Control) {
        std.collect(beresp.http.CDN-Cache-Control, ",");
        set beresp.http.X-Isobar-Control = ", " + std.tolower(beresp.http.CDN-Cache-Control);
    } elsif (beresp.http.Cache-Control) {
        std.collect(beresp.http.Cache-Control, ",");
        set beresp.http.X-Isobar-Control = ", " + std.tolower(beresp.http.Cache-Control);
        if (beresp.http.X-Isobar-Control ~ ",\s*s-maxage\s*=") {
            # s-maxage wins over max-age for a shared cache, and means proxy-revalidate.
            set beresp.http.X-Isobar-Control = regsuball(beresp.http.X-Isobar-Control,
                ",\s*max-age\s*=\s*\d+", "") + ", must-revalidate";
            set beresp.http.X-Isobar-Control = regsub(beresp.http.X-Isobar-Control,
                ",\s*s-maxage\s*=", ", max-age=");
        }
    } else {
        set beresp.http.X-Isobar-Control = "";
    }

    # Stored: the statuses the contract's caches keep (src/contract/protocol/freshness.ts),
    # with an explicit lifetime, no no-store/private/no-cache, no cookie, no `Vary: *`.
    if ((beresp.status != 200 && beresp.status != 301 && beresp.status != 404) ||
        beresp.http.X-Isobar-Control !~ ",\s*max-age\s*=\s*\d+" ||
        beresp.http.X-Isobar-Control ~ ",\s*(no-store|private|no-cache)" ||
        beresp.http.Set-Cookie ||
        beresp.http.Vary == "*") {
        unset beresp.http.X-Isobar-Control;
        # Hit-for-miss: the next requests go to the origin side by side (no waiting list),
        # and a cacheable answer among them is stored at once.
        set beresp.ttl = 120s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }

    set beresp.ttl = std.duration(regsub(beresp.http.X-Isobar-Control,
        "^.*,\s*max-age\s*=\s*(\d+).*$", "\1") + "s", 0s);
    set beresp.http.X-Isobar-Swr = "0";
    set beresp.http.X-Isobar-Sie = "0";
    if (beresp.http.X-Isobar-Control !~ ",\s*(must|proxy)-revalidate") {
        if (beresp.http.X-Isobar-Control ~ ",\s*stale-while-revalidate\s*=\s*\d+") {
            set beresp.http.X-Isobar-Swr = regsub(beresp.http.X-Isobar-Control,
                "^.*,\s*stale-while-revalidate\s*=\s*(\d+).*$", "\1");
        }
        if (beresp.http.X-Isobar-Control ~ ",\s*stale-if-error\s*=\s*\d+") {
            set beresp.http.X-Isobar-Sie = regsub(beresp.http.X-Isobar-Control,
                "^.*,\s*stale-if-error\s*=\s*(\d+).*$", "\1");
        }
    }
    # The grace covers the longer window; vcl_hit tells the two apart by X-Isobar-Swr.
    set beresp.grace = std.duration(beresp.http.X-Isobar-Swr + "s", 0s);
    if (std.duration(beresp.http.X-Isobar-Sie + "s", 0s) > beresp.grace) {
        set beresp.grace = std.duration(beresp.http.X-Isobar-Sie + "s", 0s);
    }
    set beresp.keep = 0s;
    unset beresp.http.X-Isobar-Control;
    unset beresp.http.X-Isobar-Sie;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch || bereq.http.X-Isobar-Revalidate) {
        return (abandon);
    }
    # Varnish's own error page: the headers the origin gives its answers
    # (src/contract/protocol/security-headers.ts), as a page that may do nothing.
    set beresp.http.X-Content-Type-Options = "nosniff";
    set beresp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set beresp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'";
    set beresp.http.X-Frame-Options = "DENY";
}

sub vcl_deliver {
    # A 5xx for a request that has a stale copy (the fetch side abandons those; this catches
    # one that reached delivery all the same): serve the copy instead.
    if (resp.status >= 500 && req.http.X-Isobar-Revalidate && !req.http.X-Isobar-Stale) {
        set req.http.X-Isobar-Stale = "1";
        return (restart);
    }
    set resp.http.X-Isobar-Edge = req.http.X-Isobar-Edge;
    if (obj.uncacheable && req.http.X-Isobar-Edge == "miss") {
        set resp.http.X-Isobar-Edge = "bypass";
    }
    unset resp.http.Cache-Tag;
    unset resp.http.xkey;
    unset resp.http.X-Isobar-Swr;
}

sub vcl_synth {
    if (resp.status == 503 && req.http.X-Isobar-Revalidate && !req.http.X-Isobar-Stale) {
        # The fetch for an expired copy was abandoned (origin down or 5xx): serve the copy.
        set req.http.X-Isobar-Stale = "1";
        return (restart);
    }
    set resp.http.X-Isobar-Edge = "bypass";
    # Varnish's own answers get the headers the origin gives its answers
    # (src/contract/protocol/security-headers.ts), as a page that may do nothing.
    set resp.http.X-Content-Type-Options = "nosniff";
    set resp.http.Referrer-Policy = "strict-origin-when-cross-origin";
    set resp.http.Content-Security-Policy = "default-src 'none'; frame-ancestors 'none'";
    set resp.http.X-Frame-Options = "DENY";
    if (req.method == "PURGE") {
        set resp.http.Content-Type = "application/json";
        set resp.http.Cache-Control = "no-store";
        if (resp.status == 200) {
            set resp.http.X-Isobar-Purged = req.http.X-Isobar-Purged;
            set resp.body = {"{"purged":"} + req.http.X-Isobar-Purged + "}";
        } else {
            set resp.body = {"{"error":""} + resp.reason + {"""} + "}";
        }
        return (deliver);
    }
}
