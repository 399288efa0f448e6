/**
 * Every representation of one place that a cache in front of isobar may keep, by URI: its pages
 * in both unit systems and three forms, its one-line form, two of its days (today and a past one) the same way, its
 * metadata, history, every statistics answer, its country's rankings and its dashboard pages
 * (one comparing it with `other`). A
 * write to the place must reach each of them; test/http/cache-tags.test.ts checks each carries the
 * place's tag, and that the routes they cover are all the cacheable routes about a place.
 */
export function placeRepresentations(
  ref: string,
  other: string,
  today: string,
  pastDay: string,
): string[] {
  const country = ref.slice(0, 2);
  const from = `${pastDay.slice(0, 8)}01`;
  return [
    `/${ref}`,
    `/${ref}.json`,
    `/${ref}.txt`,
    `/${ref}?units=imperial`,
    `/${ref}.json?units=imperial`,
    `/${ref}.txt?units=imperial`,
    `/${ref}/line.txt`,
    `/${ref}/${today}`,
    `/${ref}/${today}.json`,
    `/${ref}/${today}.txt`,
    `/${ref}/${pastDay}`,
    `/${ref}/${pastDay}.json`,
    `/${ref}/${pastDay}.txt`,
    `/${ref}/${pastDay}?units=imperial`,
    `/${ref}/${pastDay}.json?units=imperial`,
    `/v1/locations/${ref}`,
    `/v1/locations/${ref}/history?from=${from}&to=${today}`,
    `/v1/locations/${ref}/history?from=${from}&to=${today}&units=imperial`,
    `/v1/locations/${ref}/stats/daily?from=${from}&to=${today}`,
    `/v1/locations/${ref}/stats/climatology`,
    `/v1/locations/${ref}/stats/records`,
    `/v1/locations/${ref}/stats/anomaly?date=${today}`,
    `/v1/rankings/${country}?from=${from}&stat=warmest&to=${today}`,
    `/dashboard/${ref}`,
    `/dashboard/${ref}?from=${from}&to=${today}`,
    `/dashboard/compare?from=${from}&places=${encodeURIComponent(`${ref},${other}`)}&to=${today}`,
  ];
}
