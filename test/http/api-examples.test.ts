import { describe, expect, it } from 'vitest';
import {
  type ExampleAnswers,
  exampleAnswer,
  keptExamples,
} from '../../src/http/reference/example-answers.ts';
import { EXAMPLE_REQUESTS } from '../../src/http/reference/reference-sections.ts';
import { seedDemoHistory } from '../../src/ingest/demo/demo-history.ts';
import { drivers } from '../support/databases.ts';
import { FIXTURE_NOW, useTestOrigin } from '../support/fixture.ts';

/**
 * The answers /api shows are the origin's own: asked here of an origin on the demo database (the
 * fixture catalog, demo weather and a month of demo history at FIXTURE_NOW), and compared with
 * the kept file. An endpoint that answers differently fails this test; `npx vitest run
 * test/http/api-examples.test.ts -u` writes the file anew, to be reviewed and committed.
 */
/** The coordinates example: its answer is the 301 to the rounded spelling. */
const REDIRECT_EXAMPLE = '/@51.5074,-0.1278';

describe('the API reference examples', () => {
  const origin = useTestOrigin(drivers[0]!);

  it('are what the origin answers them today', async () => {
    await seedDemoHistory(origin().t.db, { places: 3, days: 30, now: new Date(FIXTURE_NOW) });
    const answers: ExampleAnswers = {};
    for (const request of EXAMPLE_REQUESTS) {
      const res = await origin().app.request(request);
      // Each example is canonical (no 301 on the way), but the one that shows a redirect.
      expect(res.status, `${request} answers`).toBe(request === REDIRECT_EXAMPLE ? 301 : 200);
      answers[request] = await exampleAnswer(res);
    }
    await expect(keptExamples(answers)).toMatchFileSnapshot(
      '../../src/http/reference/example-answers.json',
    );
  });
});
