<?php

declare(strict_types=1);

/*
 * isobar from PHP: a place's current weather and its monthly climatology, read from isobar's
 * public JSON API with nothing but curl and json_decode.
 *
 *   ISOBAR_BASE_URL=http://127.0.0.1:8080 php -S 127.0.0.1:8000 -t examples/php
 *   open http://127.0.0.1:8000/?place=GB/London
 *
 * Every answer is revalidated rather than fetched again: the last body and ETag of each URL are
 * kept in a small file cache, sent back as If-None-Match, and reused when the API answers 304.
 */

const DEFAULT_BASE_URL = 'http://127.0.0.1:8080';
const DEFAULT_PLACE = 'GB/London';
const MONTHS = [
    1 => 'January', 'February', 'March', 'April', 'May', 'June',
    'July', 'August', 'September', 'October', 'November', 'December',
];

/** The API answered with an error; its problem document (RFC 9457) says what went wrong. */
final class ApiProblem extends RuntimeException
{
    public function __construct(
        public readonly int $status,
        public readonly string $title,
        public readonly string $detail,
    ) {
        parent::__construct("{$status} {$title}: {$detail}");
    }
}

/** No answer at all: the API is down, unreachable or too slow. */
final class ApiUnreachable extends RuntimeException
{
}

/** Reads JSON documents from the API, revalidating each against the copy it kept last time. */
final class IsobarClient
{
    public function __construct(
        private readonly string $baseUrl,
        private readonly string $cacheDir,
    ) {
    }

    public function get(string $path): array
    {
        $url = rtrim($this->baseUrl, '/') . $path;
        $cached = $this->cached($url);
        $response = $this->request($url, $cached['etag'] ?? null);

        if ($response['status'] === 304 && $cached !== null) {
            return $this->decode($cached['body']);
        }
        if ($response['status'] === 200) {
            $document = $this->decode($response['body']);
            if ($response['etag'] !== null) {
                $this->keep($url, $response['etag'], $response['body']);
            }
            return $document;
        }
        throw $this->problem($response);
    }

    /** @return array{status: int, etag: ?string, type: string, body: string} */
    private function request(string $url, ?string $etag): array
    {
        $headers = [];
        $curl = curl_init($url);
        curl_setopt_array($curl, [
            CURLOPT_RETURNTRANSFER => true,
            // Other spellings of a place answer 301 to its canonical URI.
            CURLOPT_FOLLOWLOCATION => true,
            CURLOPT_MAXREDIRS => 3,
            CURLOPT_CONNECTTIMEOUT => 3,
            CURLOPT_TIMEOUT => 10,
            // gzip or brotli, whichever this curl speaks; each coding has its own ETag, and we
            // always ask for the same ones, so a kept ETag stays valid.
            CURLOPT_ENCODING => '',
            CURLOPT_USERAGENT => 'isobar-php-example/1.0',
            CURLOPT_HTTPHEADER => array_filter([
                'Accept: application/json',
                $etag !== null ? "If-None-Match: {$etag}" : null,
            ]),
            CURLOPT_HEADERFUNCTION => function ($curl, string $line) use (&$headers): int {
                if (str_starts_with($line, 'HTTP/')) {
                    $headers = []; // a redirect's headers are not the answer's
                } elseif (str_contains($line, ':')) {
                    [$name, $value] = explode(':', $line, 2);
                    $headers[strtolower(trim($name))] = trim($value);
                }
                return strlen($line);
            },
        ]);
        // The handle is freed when it goes out of scope (curl_close() has done nothing since PHP 8).
        $body = curl_exec($curl);
        if ($body === false) {
            throw new ApiUnreachable("The weather API at {$this->baseUrl} could not be reached (" . curl_error($curl) . ').');
        }
        $status = curl_getinfo($curl, CURLINFO_RESPONSE_CODE);

        return [
            'status' => $status,
            'etag' => $headers['etag'] ?? null,
            'type' => $headers['content-type'] ?? '',
            'body' => $body,
        ];
    }

    private function decode(string $body): array
    {
        try {
            $document = json_decode($body, true, 64, JSON_THROW_ON_ERROR);
        } catch (JsonException $e) {
            throw new ApiProblem(502, 'Unreadable answer', "The weather API sent JSON that does not parse: {$e->getMessage()}.");
        }
        if (!is_array($document)) {
            throw new ApiProblem(502, 'Unreadable answer', 'The weather API sent JSON that is not an object.');
        }
        return $document;
    }

    /** The API's own problem document when it sent one, else a description of the bare status. */
    private function problem(array $response): ApiProblem
    {
        if (str_starts_with($response['type'], 'application/problem+json')) {
            $problem = json_decode($response['body'], true);
            if (is_array($problem)) {
                return new ApiProblem(
                    $response['status'],
                    (string) ($problem['title'] ?? 'Error'),
                    (string) ($problem['detail'] ?? ''),
                );
            }
        }
        return new ApiProblem($response['status'], 'Unexpected answer', "The weather API answered HTTP {$response['status']}.");
    }

    private function cacheFile(string $url): string
    {
        return $this->cacheDir . '/' . hash('sha256', $url) . '.json';
    }

    /** @return ?array{etag: string, body: string} */
    private function cached(string $url): ?array
    {
        $file = $this->cacheFile($url);
        if (!is_file($file)) {
            return null;
        }
        $entry = json_decode((string) file_get_contents($file), true);
        return is_array($entry) && isset($entry['etag'], $entry['body']) ? $entry : null;
    }

    /** Best effort: a page that cannot write its cache still works, it just revalidates less. */
    private function keep(string $url, string $etag, string $body): void
    {
        if (!is_dir($this->cacheDir) && !mkdir($this->cacheDir, 0700, true) && !is_dir($this->cacheDir)) {
            return;
        }
        // Write then rename, so a concurrent request never reads half a file.
        $temporary = tempnam($this->cacheDir, 'part-');
        if ($temporary === false) {
            return;
        }
        $entry = json_encode(['url' => $url, 'etag' => $etag, 'body' => $body], JSON_UNESCAPED_SLASHES);
        if (file_put_contents($temporary, $entry) === false || !rename($temporary, $this->cacheFile($url))) {
            unlink($temporary);
        }
    }
}

/** Escapes anything for HTML text and attribute values. */
function h(mixed $value): string
{
    return htmlspecialchars((string) $value, ENT_QUOTES | ENT_SUBSTITUTE, 'UTF-8');
}

/** A measure with its unit, or a dash where the API has no value. */
function measure(int|float|null $value, string $unit, int $decimals = 1): string
{
    return $value === null ? '—' : number_format((float) $value, $decimals, '.', '') . " {$unit}";
}

/** What to tell the visitor when a request failed, and the status of the page that says it. */
function failure(ApiProblem|ApiUnreachable $e): array
{
    return match (true) {
        // The API's own client errors are the page's (an unknown place is a 404 here too).
        $e instanceof ApiProblem && $e->status < 500 => ['status' => $e->status, 'title' => $e->title, 'detail' => $e->detail],
        $e instanceof ApiProblem => ['status' => 502, 'title' => $e->title, 'detail' => $e->detail],
        default => ['status' => 502, 'title' => 'Weather service unavailable', 'detail' => $e->getMessage()],
    };
}

/** `GB/London` (as a person may type it) to the path of its JSON document, or null if malformed. */
function placePath(string $place): ?string
{
    if (!preg_match('~^\s*([A-Za-z]{2})/([^/?#]+?)\s*$~u', $place, $m)) {
        return null;
    }
    return '/' . strtoupper($m[1]) . '/' . rawurlencode($m[2]) . '.json';
}

/** The twelve calendar months of a climatology document, keyed 1–12 (null where it has none). */
function climatologyMonths(array $climatology): array
{
    $months = array_fill_keys(array_keys(MONTHS), null);
    foreach ($climatology['months'] ?? [] as $month) {
        $number = $month['month'] ?? null;
        if (is_int($number) && isset(MONTHS[$number])) {
            $months[$number] = $month;
        }
    }
    return $months;
}

$client = new IsobarClient(
    getenv('ISOBAR_BASE_URL') ?: DEFAULT_BASE_URL,
    sys_get_temp_dir() . '/isobar-php-cache',
);
$place = is_string($_GET['place'] ?? null) ? $_GET['place'] : DEFAULT_PLACE;

$error = null;
$weather = null;
$climatology = null;
$climatologyError = null;
$path = placePath($place);
if ($path === null) {
    $error = [
        'status' => 400,
        'title' => 'Not a place',
        'detail' => 'Name a place by its country code and name, e.g. GB/London.',
    ];
} else {
    try {
        $weather = $client->get($path);
        try {
            // The place's own link, so this request needs no redirect whatever was typed.
            $climatology = $client->get($weather['location']['links']['metadata'] . '/stats/climatology');
        } catch (ApiProblem | ApiUnreachable $e) {
            // The current weather is worth showing on its own.
            $climatologyError = failure($e);
        }
    } catch (ApiProblem | ApiUnreachable $e) {
        $error = failure($e);
    }
}
if ($error !== null) {
    http_response_code($error['status']);
}

$location = $weather['location'] ?? null;
$units = $weather['units'] ?? [];
$current = $weather['current'] ?? null;
$climateUnits = $climatology['units'] ?? $units;
?>
<!doctype html>
<html lang="en">
<head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title><?= h($location ? "{$location['name']}, {$location['country']}" : 'Weather') ?> · isobar from PHP</title>
    <style>
        body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 1rem auto; padding: 0 1rem; }
        table { border-collapse: collapse; width: 100%; }
        th, td { padding: .25rem .5rem; border-bottom: 1px solid #ddd; text-align: right; }
        th:first-child { text-align: left; }
        .problem { border-left: 4px solid #b00; padding: .5rem 1rem; background: #fee; }
        .temperature { font-size: 2.5rem; margin: 0; }
        small { color: #555; }
    </style>
</head>
<body>
<form method="get">
    <label>Place <input name="place" value="<?= h($place) ?>" placeholder="GB/London"></label>
    <button>Show</button>
</form>

<?php if ($error !== null): ?>
    <section class="problem" role="alert">
        <h1><?= h($error['title']) ?></h1>
        <p><?= h($error['detail']) ?></p>
    </section>
<?php else: ?>
    <h1><?= h($location['name']) ?> <small><?= h($location['country']) ?></small></h1>

    <section id="current">
        <h2>Now</h2>
        <?php if ($current === null): ?>
            <p>No current observation for this place.</p>
        <?php else: ?>
            <p class="temperature"><?= h(measure($current['temperature'], $units['temperature'])) ?></p>
            <p>
                <?= h(ucfirst(str_replace('-', ' ', $current['condition']))) ?>,
                feels like <?= h(measure($current['apparent_temperature'], $units['temperature'])) ?>,
                wind <?= h(measure($current['wind_speed'], $units['wind'])) ?>,
                humidity <?= h(measure($current['humidity'], $units['humidity'], 0)) ?>.
            </p>
            <p><small>Observed <?= h((new DateTimeImmutable($current['observed_at']))
                ->setTimezone(new DateTimeZone($location['timezone']))
                ->format('D j M Y, H:i T')) ?> (<?= h($current['source']) ?>).</small></p>
        <?php endif ?>
    </section>

    <section id="climatology">
        <h2>Monthly climatology</h2>
        <?php if ($climatologyError !== null): ?>
            <div class="problem" role="alert">
                <p><strong><?= h($climatologyError['title']) ?></strong></p>
                <p><?= h($climatologyError['detail']) ?></p>
            </div>
        <?php else: ?>
            <p><small>
                <?= h($climatology['first_date'] ?? '—') ?> to <?= h($climatology['last_date'] ?? '—') ?>,
                source <?= h($climatology['source'] ?? 'none') ?>; means and percentiles of the daily mean temperature.
            </small></p>
            <table>
                <thead>
                <tr>
                    <th scope="col">Month</th>
                    <th scope="col">Days</th>
                    <th scope="col">Mean</th>
                    <th scope="col">10th pct.</th>
                    <th scope="col">Median</th>
                    <th scope="col">90th pct.</th>
                    <th scope="col">Precipitation</th>
                </tr>
                </thead>
                <tbody>
                <?php foreach (climatologyMonths($climatology) as $number => $month): ?>
                    <tr data-month="<?= h($number) ?>">
                        <th scope="row"><?= h(MONTHS[$number]) ?></th>
                        <td><?= h($month['days'] ?? 0) ?></td>
                        <td><?= h(measure($month['temperature_mean'] ?? null, $climateUnits['temperature'])) ?></td>
                        <td><?= h(measure($month['temperature_p10'] ?? null, $climateUnits['temperature'])) ?></td>
                        <td><?= h(measure($month['temperature_p50'] ?? null, $climateUnits['temperature'])) ?></td>
                        <td><?= h(measure($month['temperature_p90'] ?? null, $climateUnits['temperature'])) ?></td>
                        <td><?= h(measure($month['precipitation_monthly_mean'] ?? null, $climateUnits['precipitation'])) ?></td>
                    </tr>
                <?php endforeach ?>
                </tbody>
            </table>
        <?php endif ?>
    </section>

    <footer>
        <?php if (isset($weather['notice'])): ?>
            <p><small><?= h($weather['notice']) ?></small></p>
        <?php endif ?>
        <?php foreach ($weather['attribution'] ?? [] as $line): ?>
            <p><small><?= h($line) ?></small></p>
        <?php endforeach ?>
    </footer>
<?php endif ?>
</body>
</html>
