# The site's part of isobar.vcl, included by it as "isobar-site.vcl" from vcl_path
# (/etc/varnish by default): copy this file there under that name and set the origin's address.
# isobar.vcl itself is never edited, so a new release replaces it whole.

# The isobar origin (`isobar serve`, HOST/PORT). The first backend declared is the default.
backend isobar_origin {
    .host = "127.0.0.1";
    .port = "8080";
    .connect_timeout = 2s;
    # A place's first answer after a long idle may wait on the database; a stale copy is
    # served instead when it fails (stale-if-error).
    .first_byte_timeout = 30s;
    .between_bytes_timeout = 10s;
    # While the probe fails, copies within stale-if-error are served without trying the
    # origin. /healthz answers 200 while the database does.
    .probe = {
        .url = "/healthz";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
    }
}

# Who may send `PURGE` (isobar's change log, through VARNISH_URLS). Keep it to the machines
# that run isobar; client.ip is the TCP peer unless Varnish listens with PROXY.
acl isobar_purgers {
    "127.0.0.1";
    "::1";
}
