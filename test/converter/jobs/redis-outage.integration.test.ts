// Redis killed under a running converter and started again: the service keeps converting
// (cache off, per-pod rate limit), /readyz and /metrics say degraded, and it recovers by itself.
import { expect } from 'chai';
import request from 'supertest';
import { PrivateRedis } from '../../support/redis.ts';
import { binary } from '../server/support.ts';
import { articleReferenceZip, startReplica } from './support-integration.ts';
import type { Replica } from './support-integration.ts';
import { delay } from '../../../common/delay.ts';

async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i += 1) {
    if (await check()) return;
    await delay(50);
  }
  throw new Error('condition never became true');
}

describe('converter with Redis killed mid-run', function () {
  this.timeout(60_000);
  let redis: PrivateRedis;
  let replica: Replica;
  let zip: Buffer;

  const convert = (): Promise<request.Response> =>
    request(replica.app)
      .post('/api/v1/convert')
      .attach('file', zip, { filename: 'a.zip', contentType: 'application/zip' })
      .buffer(true)
      .parse(binary);
  const redisUp = async (): Promise<string> =>
    (await replica.metrics.registry.getSingleMetricAsString('docc2context_redis_up')).split('\n').pop()!;

  before(async () => {
    zip = await articleReferenceZip();
    redis = await PrivateRedis.start();
    replica = await startReplica({
      redisUrl: redis.url,
      prefix: 'outage:',
      env: { REDIS_COMMAND_TIMEOUT_MS: '200', REDIS_PROBE_INTERVAL_MS: '100', RATE_LIMIT_REQUESTS: '5' },
    });
  });
  after(async () => {
    await replica.close();
    await redis.stop();
  });

  it('keeps answering while Redis is down, says so, and recovers when it returns', async () => {
    const warm = await convert();
    expect(warm.headers['x-docc2context-cache']).to.equal('miss');
    expect((await convert()).headers['x-docc2context-cache']).to.equal('hit');
    await redis.stop();

    const during = await convert();
    expect(during.status).to.equal(200);
    expect(during.headers['x-docc2context-cache']).to.equal('miss');
    expect((during.body as Buffer).equals(warm.body as Buffer)).to.equal(true);
    // A bounded per-pod cache stands in while Redis is away: identical uploads on this pod share one result.
    expect((await convert()).headers['x-docc2context-cache']).to.equal('hit');
    const ready = await request(replica.app).get('/readyz').expect(200);
    expect(ready.body.checks.store).to.equal('degraded');
    expect(await redisUp()).to.equal('docc2context_redis_up 0');
    // Per-pod limit while degraded: the budget is counted in memory (5 per window here).
    const limited = await request(replica.app).post('/api/v1/conversions').send({});
    expect(limited.headers['ratelimit-limit']).to.equal('5');

    await redis.start();
    await eventually(async () => (await request(replica.app).get('/readyz')).body.checks.store === 'ok');
    expect(await redisUp()).to.equal('docc2context_redis_up 1');
    const after = await convert();
    expect(after.status).to.equal(200);
    expect(after.headers['x-docc2context-cache']).to.equal('miss');
    expect((await convert()).headers['x-docc2context-cache']).to.equal('hit');
  });
});
