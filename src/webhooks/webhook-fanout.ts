import { changeJson } from '../documents/changes-document.ts';
import { webhookMessageId } from '../domain/webhook-signature.ts';
import type { FeedEntry } from '../store/operations/change-feed.ts';
import type { WebhookSubscription } from '../store/operations/webhook-subscriptions.ts';

/** What a delivery job carries: the body is made once, so that every retry sends the same bytes. */
export interface WebhookJobData {
  subscription: number;
  body: string;
}

/** The body of a delivery: Standard Webhooks' envelope around one entry of the change feed. */
export interface WebhookBody {
  type: 'places.changed';
  timestamp: string;
  data: ReturnType<typeof changeJson>;
}

/**
 * The deliveries that entries of the change feed make: one per subscription and entry that
 * touches its places (or its countries), listing those places only, and only for entries after
 * the subscription was created. Each job's id is its message id (webhookMessageId), so the
 * queue takes it once however often it is offered.
 */
export function webhookJobs(
  subscriptions: readonly Pick<WebhookSubscription, 'id' | 'places' | 'countries' | 'afterSeq'>[],
  entries: readonly FeedEntry[],
): { id: string; data: WebhookJobData }[] {
  const jobs: { id: string; data: WebhookJobData }[] = [];
  for (const s of subscriptions) {
    const places = new Set(s.places);
    const countries = new Set(s.countries);
    for (const e of entries) {
      if (e.seq <= Number(s.afterSeq)) continue;
      const mine = e.places.filter((p) => places.has(p) || countries.has(p.slice(0, 2)));
      if (mine.length === 0) continue;
      const kept = new Set(mine);
      const entry = { ...e, places: mine, days: e.days.filter((d) => kept.has(d.place)) };
      const body: WebhookBody = {
        type: 'places.changed',
        timestamp: e.at.toISOString(),
        data: changeJson(entry),
      };
      jobs.push({
        id: webhookMessageId(s.id, e.seq),
        data: { subscription: s.id, body: JSON.stringify(body) },
      });
    }
  }
  return jobs;
}
