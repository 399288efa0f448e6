// The dashboard's script: draws the charts from the state the server embedded, and redraws them
// in place from the JSON API when the period or the place changes, recording each state in the
// URL. Without it, the server-rendered tables still say everything.
(() => {
  const stateElement = document.getElementById('dashboard-state');
  const uPlot = window.uPlot;
  if (!stateElement || !uPlot) return;
  const state = JSON.parse(stateElement.textContent);
  document.documentElement.classList.add('js');

  const MAX_DAYS = 366;
  const MONTHS = 'Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec'.split(' ');
  // Line styles tell series apart without colour: each has its own dash and marker size.
  const PLACE_STYLES = [
    { stroke: '#1f5fa8', dash: [], points: 5 },
    { stroke: '#b03a2e', dash: [10, 5], points: 7 },
    { stroke: '#2e7d32', dash: [2, 4], points: 4 },
    { stroke: '#6a3d9a', dash: [12, 4, 2, 4], points: 6 },
  ];

  const $ = (id) => document.getElementById(id);
  const message = $('message');
  const say = (text, bad) => {
    message.textContent = text;
    message.classList.toggle('bad', Boolean(bad));
  };
  const esc = (v) =>
    String(v).replace(
      /[&<>"']/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c],
    );
  const num = (v, digits = 1) => {
    if (v === null || v === undefined || !Number.isFinite(v)) return '—';
    const text = Math.abs(v).toFixed(digits);
    return v < 0 && Number(text) !== 0 ? `−${text}` : text;
  };
  const signed = (v) => (v > 0 ? `+${num(v)}` : num(v));
  const seconds = (date) => Date.parse(`${date}T00:00:00Z`) / 1000;
  const daysBetween = (from, to) => Math.round((seconds(to) - seconds(from)) / 86400);
  const localToday = (timeZone) =>
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).format(new Date());
  const isDate = (text) => /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(seconds(text));

  /** The problem with a period, in words, or null when it can be shown. */
  function periodProblem(from, to) {
    if (!isDate(from)) return 'Give the first day of the period as a date (YYYY-MM-DD).';
    if (!isDate(to)) return 'Give the last day of the period as a date (YYYY-MM-DD).';
    const days = daysBetween(from, to) + 1;
    if (days < 1) return `"To" (${to}) comes before "from" (${from}): nothing to show.`;
    if (days > MAX_DAYS) return `The period spans ${days} days; at most ${MAX_DAYS} can be shown.`;
    return null;
  }

  async function api(path) {
    const response = await fetch(`${state.apiBase}${path}`, {
      headers: { accept: 'application/json' },
    });
    const body = await response.json().catch(() => null);
    if (!response.ok) throw new Error(body?.detail ?? `the API answered ${response.status}`);
    return body;
  }
  const placePath = (ref) => `/v1/locations/${ref}`;
  const dailyPath = (ref, p) => `${placePath(ref)}/stats/daily?from=${p.from}&to=${p.to}`;

  // ---- charts ----
  const charts = [];
  const chartWidth = (el) => Math.max(260, el.clientWidth);
  const chartHeight = () => (window.innerWidth < 600 ? 240 : 320);
  const utc = (ts) => uPlot.tzDate(new Date(ts * 1000), 'Etc/UTC');

  function makeChart(el, options, data) {
    el.textContent = '';
    const chart = new uPlot(
      { width: chartWidth(el), height: chartHeight(), legend: { live: false }, ...options },
      data,
      el,
    );
    chart.box = el;
    charts.push(chart);
    return chart;
  }
  function dropChart(chart) {
    if (!chart) return;
    charts.splice(charts.indexOf(chart), 1);
    chart.destroy();
  }
  window.addEventListener('resize', () => {
    for (const c of charts) c.setSize({ width: chartWidth(c.box), height: chartHeight() });
  });

  const values = (days, pick) => days.map((d) => pick(d) ?? null);
  const unitOf = (doc) => doc.units?.temperature ?? '°C';

  function dailyData(doc) {
    const d = doc.days;
    return [
      d.map((x) => seconds(x.date)),
      values(d, (x) => x.normal?.temperature_p10),
      values(d, (x) => x.normal?.temperature_p90),
      values(d, (x) => x.normal?.temperature_mean),
      values(d, (x) => x.temperature_min),
      values(d, (x) => x.temperature_max),
      values(d, (x) => x.temperature_mean),
    ];
  }
  function dailyChart(el, doc) {
    const band = { stroke: '#8aa9c9', width: 1, dash: [1, 3], points: { show: false } };
    return makeChart(
      el,
      {
        tzDate: utc,
        series: [
          { label: 'Date' },
          { label: 'Normal 10th', ...band },
          { label: 'Normal 90th', ...band },
          {
            label: 'Normal mean',
            stroke: '#5b6875',
            width: 1.5,
            dash: [8, 5],
            points: { show: false },
          },
          { label: 'Min', stroke: '#2b6cb0', width: 1.5, dash: [2, 3], points: { show: false } },
          { label: 'Max', stroke: '#c05621', width: 1.5, dash: [2, 3], points: { show: false } },
          { label: 'Mean', stroke: '#1d2630', width: 2, points: { show: true, size: 6 } },
        ],
        bands: [{ series: [2, 1], fill: 'rgba(91,140,200,0.2)' }],
        axes: [{}, { label: unitOf(doc), size: 50 }],
      },
      dailyData(doc),
    );
  }
  function climatologyData(doc) {
    const m = doc.months;
    return [
      m.map((x) => x.month),
      values(m, (x) => x.temperature_p10),
      values(m, (x) => x.temperature_p90),
      values(m, (x) => x.temperature_p50),
      values(m, (x) => x.temperature_mean),
    ];
  }
  function climatologyChart(el, doc) {
    const band = { stroke: '#8aa9c9', width: 1, dash: [1, 3], points: { show: false } };
    return makeChart(
      el,
      {
        scales: { x: { time: false, range: [0.5, 12.5] } },
        series: [
          { label: 'Month', value: (_, v) => (v ? MONTHS[v - 1] : '—') },
          { label: '10th percentile', ...band },
          { label: '90th percentile', ...band },
          { label: 'Median', stroke: '#5b6875', width: 1.5, dash: [8, 5] },
          { label: 'Mean', stroke: '#1d2630', width: 2, points: { show: true, size: 7 } },
        ],
        bands: [{ series: [2, 1], fill: 'rgba(91,140,200,0.2)' }],
        axes: [
          {
            splits: () => [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
            values: (_, splits) =>
              splits.map((v) => (window.innerWidth < 600 ? MONTHS[v - 1][0] : MONTHS[v - 1])),
          },
          { label: unitOf(doc), size: 50 },
        ],
      },
      climatologyData(doc),
    );
  }
  function compareChart(el, places, series) {
    return makeChart(
      el,
      {
        tzDate: utc,
        series: [
          { label: 'Date' },
          ...places.map((p, i) => {
            const style = PLACE_STYLES[i % PLACE_STYLES.length];
            return {
              label: `${p.location.name} (${p.location.country_code})`,
              stroke: style.stroke,
              width: 2,
              dash: style.dash,
              points: { show: true, size: style.points },
            };
          }),
        ],
        axes: [{}, { label: unitOf(series[0]), size: 50 }],
      },
      [
        series[0].days.map((d) => seconds(d.date)),
        ...series.map((s) => values(s.days, (d) => d.temperature_mean)),
      ],
    );
  }

  // ---- tables (the same markup the server renders) ----
  const table = (id, caption, head, rows) =>
    `<div class="scroll"><table id="${id}"><caption>${esc(caption)}</caption><thead><tr>${head
      .map((h) => `<th scope="col">${esc(h)}</th>`)
      .join('')}</tr></thead><tbody>${rows
      .map(
        (r) =>
          `<tr><th scope="row">${r[0]}</th>${r
            .slice(1)
            .map((c) => `<td>${c}</td>`)
            .join('')}</tr>`,
      )
      .join('')}</tbody></table></div>`;

  function dailyTable(d) {
    const t = unitOf(d);
    const p = d.units?.precipitation ?? 'mm';
    return table(
      'daily-table',
      `Daily values, ${d.from} to ${d.to}`,
      ['Date', `Min ${t}`, `Mean ${t}`, `Max ${t}`, `Precip. ${p}`, `Normal ${t} (10th–90th)`],
      d.days.map((x) => [
        esc(x.date),
        num(x.temperature_min),
        num(x.temperature_mean),
        num(x.temperature_max),
        num(x.precipitation),
        `${num(x.normal?.temperature_mean)} (${num(x.normal?.temperature_p10)}–${num(x.normal?.temperature_p90)})`,
      ]),
    );
  }
  function climatologyTable(c) {
    const t = unitOf(c);
    const p = c.units?.precipitation ?? 'mm';
    const span = c.first_date ? `, ${c.first_date} to ${c.last_date}` : '';
    return table(
      'climatology-table',
      `Monthly climatology${span}`,
      ['Month', 'Days', `Mean ${t}`, '10th', 'Median', '90th', `Precip. ${p}/month`],
      c.months.map((m) => [
        MONTHS[m.month - 1],
        m.days,
        num(m.temperature_mean),
        num(m.temperature_p10),
        num(m.temperature_p50),
        num(m.temperature_p90),
        num(m.precipitation_monthly_mean),
      ]),
    );
  }
  function recordsTable(r) {
    const t = unitOf(r);
    const kinds = [
      ['hottest', `Hottest (max) ${t}`],
      ['coldest', `Coldest (min) ${t}`],
      ['wettest', `Wettest ${r.units?.precipitation ?? 'mm'}`],
    ];
    const n = Math.max(0, ...kinds.map(([k]) => (r[k] ?? []).length));
    const rows = Array.from({ length: n }, (_, i) => [
      String(i + 1),
      ...kinds.map(([k]) => {
        const e = r[k]?.[i];
        return e
          ? `${num(e.value)} <a href="${esc(e.link.replace(/\.json$/, ''))}">${esc(e.date)}</a>`
          : '—';
      }),
    ]);
    const empty = n === 0 ? '<p class="muted">No data held for this place yet.</p>' : '';
    return (
      table(
        'records-table',
        `Records over ${r.days ?? 0} days held`,
        ['#', ...kinds.map((k) => k[1])],
        rows,
      ) + empty
    );
  }
  function anomalyText(a, t) {
    if (a.difference === null || a.difference === undefined) {
      return `Today (${esc(a.date)}): ${esc(a.reason?.detail ?? 'no anomaly can be given')}.`;
    }
    const how =
      a.difference > 0
        ? 'warmer than normal'
        : a.difference < 0
          ? 'colder than normal'
          : 'as normal';
    return `Today (${esc(a.date)}): mean <strong>${num(a.temperature_mean)} ${t}</strong>, normal ${num(a.normal?.temperature_mean)} ${t} — <strong>${signed(a.difference)} ${t}</strong> ${how} (z-score ${num(a.z_score, 2)}).`;
  }

  // ---- the place page ----
  function placePage() {
    const drawn = {
      daily: dailyChart($('daily-chart'), state.daily),
      climatology: climatologyChart($('climatology-chart'), state.climatology),
    };
    const form = $('period-form');
    const pageUrl = (ref, p) => `/dashboard/${ref}?from=${p.from}&to=${p.to}`;

    function showDaily(doc) {
      state.daily = doc;
      state.period = { from: doc.from, to: doc.to };
      drawn.daily.setData(dailyData(doc));
      $('daily-table-box').innerHTML = dailyTable(doc);
      form.from.value = doc.from;
      form.to.value = doc.to;
      $('api-link').href = `${state.apiBase}${dailyPath(state.ref, state.period)}`;
    }
    function showPlace(location, climatology, records, anomaly) {
      state.ref = `${location.country_code}/${location.slug}`;
      state.location = location;
      $('place-name').innerHTML =
        `${esc(location.name)} <small class="muted">${esc(location.country ?? location.country_code)} · ${esc(location.timezone)}</small>`;
      document.title = `${location.name} statistics · isobar dashboard`;
      form.action = `/dashboard/${state.ref}`;
      $('place-form').place.value = state.ref;
      dropChart(drawn.climatology);
      drawn.climatology = climatologyChart($('climatology-chart'), climatology);
      $('climatology-table-box').innerHTML = climatologyTable(climatology);
      $('records-table-box').innerHTML = recordsTable(records);
      $('anomaly').innerHTML = anomalyText(anomaly, unitOf(anomaly));
    }

    async function showPeriod(period, how) {
      const problem = periodProblem(period.from, period.to);
      if (problem) return say(problem, true);
      say('Loading…');
      try {
        showDaily(await api(dailyPath(state.ref, period)));
        if (how) history[how]({ ref: state.ref, period }, '', pageUrl(state.ref, period));
        say(`Showing ${period.from} to ${period.to}.`);
      } catch (err) {
        say(`The period could not be shown: ${err.message}`, true);
      }
    }
    async function showRef(text, period, how) {
      say('Loading…');
      try {
        let location;
        if (/^[A-Za-z]{2}\/[^/]+$/.test(text.trim())) {
          location = (await api(placePath(text.trim().replace(/\s+/g, '-')))).location;
        } else {
          const found = await api(`/v1/locations?q=${encodeURIComponent(text.trim())}&limit=1`);
          location = found.results[0];
          if (!location) throw new Error(`no place is called "${text}"`);
        }
        const ref = `${location.country_code}/${location.slug}`;
        const stats = `${placePath(ref)}/stats`;
        const today = localToday(location.timezone);
        const [daily, climatology, records, anomaly] = await Promise.all([
          api(dailyPath(ref, period)),
          api(`${stats}/climatology`),
          api(`${stats}/records`),
          api(`${stats}/anomaly?date=${today}`),
        ]);
        showPlace(location, climatology, records, anomaly);
        showDaily(daily);
        if (how) history[how]({ ref, period }, '', pageUrl(ref, period));
        say(`Showing ${location.name}.`);
      } catch (err) {
        say(`That place could not be shown: ${err.message}`, true);
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      showPeriod({ from: form.from.value, to: form.to.value }, 'pushState');
    });
    const placeForm = $('place-form');
    placeForm.addEventListener('submit', (event) => {
      event.preventDefault();
      showRef(placeForm.place.value, state.period, 'pushState');
    });
    suggestPlaces(placeForm.place, $('place-options'));
    history.replaceState({ ref: state.ref, period: state.period }, '', location.href);
    window.addEventListener('popstate', (event) => {
      const s = event.state;
      if (!s) return;
      if (s.ref !== state.ref) showRef(s.ref, s.period, null);
      else showPeriod(s.period, null);
    });
  }

  /** Offers catalog places as the visitor types, from the search API. */
  function suggestPlaces(input, list) {
    let timer;
    input.addEventListener('input', () => {
      clearTimeout(timer);
      const q = input.value.trim();
      if (q.length < 2 || q.includes('/')) return;
      timer = setTimeout(async () => {
        try {
          const found = await api(`/v1/locations?q=${encodeURIComponent(q)}`);
          list.innerHTML = found.results
            .map(
              (l) =>
                `<option value="${esc(`${l.country_code}/${l.slug}`)}">${esc(l.name)}, ${esc(l.country ?? l.country_code)}</option>`,
            )
            .join('');
        } catch {
          // Suggestions are a convenience: typing CC/Name still works.
        }
      }, 200);
    });
  }

  // ---- the comparison page ----
  function comparePage() {
    let chart = compareChart($('compare-chart'), state.places, state.series);
    const form = $('period-form');
    const query = (refs, p) =>
      new URLSearchParams([
        ['from', p.from],
        ['places', refs.join(',')],
        ['to', p.to],
      ]).toString();

    function summaryTable(places, series) {
      const t = unitOf(series[0]);
      const p = series[0].units?.precipitation ?? 'mm';
      const of = (s, k) => s.days.map((d) => d[k]).filter((v) => typeof v === 'number');
      return table(
        'summary-table',
        'The period at each place',
        ['Place', 'Days held', `Mean ${t}`, `Lowest ${t}`, `Highest ${t}`, `Precip. ${p}`],
        series.map((s, i) => {
          const l = places[i].location;
          const means = of(s, 'temperature_mean');
          const mins = of(s, 'temperature_min');
          const maxs = of(s, 'temperature_max');
          const rain = of(s, 'precipitation');
          const sum = (a) => a.reduce((x, y) => x + y, 0);
          return [
            `<a href="/dashboard/${esc(l.country_code)}/${esc(l.slug)}">${esc(l.name)}</a> <span class="muted">${esc(l.country_code)}</span>`,
            means.length,
            num(means.length ? sum(means) / means.length : null),
            num(mins.length ? Math.min(...mins) : null),
            num(maxs.length ? Math.max(...maxs) : null),
            num(rain.length ? sum(rain) : null),
          ];
        }),
      );
    }
    function sideBySide(places, series) {
      return table(
        'compare-table',
        `Daily mean temperature, ${unitOf(series[0])}`,
        ['Date', ...places.map((p) => `${p.location.name} (${p.location.country_code})`)],
        series[0].days.map((d, row) => [
          esc(d.date),
          ...series.map((s) => num(s.days[row]?.temperature_mean)),
        ]),
      );
    }

    async function show(refsText, period, how) {
      const refs = refsText
        .split(',')
        .map((r) => r.trim())
        .filter(Boolean);
      const problem =
        refs.length < 2 || refs.length > 4
          ? `Compare 2 to 4 places (CC/Name, separated by commas); ${refs.length} given.`
          : periodProblem(period.from, period.to);
      if (problem) return say(problem, true);
      say('Loading…');
      try {
        const places = await Promise.all(refs.map((r) => api(placePath(r.replace(/\s+/g, '-')))));
        const canonical = places.map((p) => `${p.location.country_code}/${p.location.slug}`);
        const series = await Promise.all(canonical.map((r) => api(dailyPath(r, period))));
        state.places = places;
        state.series = series;
        state.period = period;
        dropChart(chart);
        chart = compareChart($('compare-chart'), places, series);
        $('summary-table-box').innerHTML = summaryTable(places, series);
        $('compare-table-box').innerHTML = sideBySide(places, series);
        const names = places.map((p) => p.location.name).join(', ');
        $('compare-title').textContent = `Compare: ${names}`;
        document.title = `Compare ${names} · isobar dashboard`;
        form.places.value = canonical.join(',');
        if (how)
          history[how](
            { refs: canonical.join(','), period },
            '',
            `/dashboard/compare?${query(canonical, period)}`,
          );
        say(`Showing ${names}, ${period.from} to ${period.to}.`);
      } catch (err) {
        say(`The comparison could not be shown: ${err.message}`, true);
      }
    }

    form.addEventListener('submit', (event) => {
      event.preventDefault();
      show(form.places.value, { from: form.from.value, to: form.to.value }, 'pushState');
    });
    const refs = state.places.map((p) => `${p.location.country_code}/${p.location.slug}`).join(',');
    history.replaceState({ refs, period: state.period }, '', location.href);
    window.addEventListener('popstate', (event) => {
      if (event.state) show(event.state.refs, event.state.period, null);
    });
  }

  if (state.page === 'place') placePage();
  else if (state.page === 'compare') comparePage();
})();
