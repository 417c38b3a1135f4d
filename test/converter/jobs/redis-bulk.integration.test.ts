// A converter whose Redis stalls while a retained result moves: that download answers 503 +
// Retry-After (never 404), /readyz keeps the store "ok", and the same download succeeds after.
import { expect } from 'chai';
import { Redis } from 'ioredis';
import request from 'supertest';
import { PrivateRedis } from '../../support/redis.ts';
import { binary } from '../server/support.ts';
import { articleReferenceZip, startReplica } from './support-integration.ts';
import type { Replica } from './support-integration.ts';
import { delay } from '../../../common/delay.ts';

describe('converter with a slow bulk Redis command', function () {
  this.timeout(60_000);
  let redis: PrivateRedis;
  let admin: Redis;
  let replica: Replica;

  before(async () => {
    redis = await PrivateRedis.start();
    admin = new Redis(redis.url);
    replica = await startReplica({
      redisUrl: redis.url,
      prefix: 'bulk:',
      env: { REDIS_COMMAND_TIMEOUT_MS: '20000', REDIS_BULK_COMMAND_TIMEOUT_MS: '50', REDIS_PROBE_INTERVAL_MS: '100' },
    });
  });
  after(async () => {
    await replica.close();
    admin.disconnect();
    await redis.stop();
  });

  it('answers that download 503 and stays ready with the store ok', async () => {
    const zip = await articleReferenceZip();
    await request(replica.app)
      .post('/api/v1/conversions')
      .send({ id: 'kept', source: { inline: zip.toString('base64') } })
      .expect(200);

    const stalled = admin.call('DEBUG', 'SLEEP', '1');
    await delay(50);
    const during = await request(replica.app).get('/api/v1/conversions/kept/result.zip');
    await stalled;
    expect(during.status).to.equal(503);
    expect(during.body.error.code).to.equal('NOT_READY');
    expect(during.headers['retry-after']).to.not.equal(undefined);

    const ready = await request(replica.app).get('/readyz').expect(200);
    expect(ready.body.checks.store).to.equal('ok');
    await request(replica.app).get('/api/v1/conversions/kept/result.zip').buffer(true).parse(binary).expect(200);
  });
});
