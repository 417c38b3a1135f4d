// Redis killed under a running converter and started again: the service keeps converting
// (cache off, per-pod rate limit), /readyz and /metrics say degraded, and it recovers by itself.
// Then one pod alone losing Redis: what it did meanwhile is replayed without undoing what
// another pod wrote to Redis (ADR 0061).
import { expect } from 'chai';
import request from 'supertest';
import type { ConversionJobStatus } from '../../../common/contract/conversion-job.ts';
import { PrivateRedis } from '../../support/redis.ts';
import { TcpProxy } from '../../support/tcp-proxy.ts';
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

describe('one converter pod losing Redis while another keeps it', function () {
  this.timeout(60_000);
  let redis: PrivateRedis;
  let proxy: TcpProxy;
  let cut: Replica;
  let other: Replica;
  let zip: Buffer;

  const job = (id: string): object => ({ id, source: { inline: zip.toString('base64') } });
  const store = async (replica: Replica): Promise<string> => (await request(replica.app).get('/readyz')).body.checks.store;
  const statusOn = (replica: Replica, id: string): request.Test => request(replica.app).get(`/api/v1/conversions/${id}`);
  const loseRedis = async (): Promise<void> => {
    proxy.cut();
    await statusOn(cut, 'probe');
    await eventually(async () => (await store(cut)) === 'degraded');
  };
  const recover = async (): Promise<void> => {
    proxy.restore();
    await eventually(async () => (await store(cut)) === 'ok');
  };

  before(async () => {
    zip = await articleReferenceZip();
    redis = await PrivateRedis.start();
    proxy = await TcpProxy.start(redis.port);
    const env = { REDIS_COMMAND_TIMEOUT_MS: '200', REDIS_PROBE_INTERVAL_MS: '100', JOB_SYNC_WAIT_MS: '100', CACHE_TTL_SECONDS: '0' };
    cut = await startReplica({ redisUrl: `redis://127.0.0.1:${proxy.port}`, prefix: 'replay:', env });
    other = await startReplica({ redisUrl: redis.url, prefix: 'replay:', env });
  });
  after(async () => {
    await Promise.all([cut.close(), other.close()]);
    await proxy.close();
    await redis.stop();
  });

  it("keeps the job another pod finished in Redis during the outage, not this pod's copy", async () => {
    await loseRedis();
    const mine = await eventuallyFinal(cut, 'twice');
    await eventuallyFinal(cut, 'marker');
    const theirs = await eventuallyFinal(other, 'twice');
    expect(theirs.startedAt).to.not.equal(mine.startedAt);
    const theirZip = (await request(other.app).get('/api/v1/conversions/twice/result.zip').buffer(true).parse(binary).expect(200)).body;

    await recover();
    // Replay runs oldest first: once the later job is in Redis, 'twice' was replayed too.
    await eventually(async () => (await statusOn(other, 'marker')).status === 200);
    expect((await statusOn(cut, 'twice').expect(200)).body).to.deep.equal(theirs);
    const kept = await request(cut.app).get('/api/v1/conversions/twice/result.zip').buffer(true).parse(binary).expect(200);
    expect((kept.body as Buffer).equals(theirZip as Buffer)).to.equal(true);
  });

  it('replays a delete made during the outage: the running record it left in Redis is gone', async () => {
    let open: () => void = () => undefined;
    cut.runner.gate = new Promise<void>((resolve) => (open = resolve));
    expect((await request(cut.app).post('/api/v1/conversions').send(job('gone')).expect(202)).body.state).to.equal('running');
    expect((await statusOn(other, 'gone').expect(200)).body.state).to.equal('running');
    await loseRedis();
    open();
    await eventually(async () => (await statusOn(cut, 'gone')).body.state === 'succeeded');
    await request(cut.app).delete('/api/v1/conversions/gone').expect(204);

    await recover();
    await eventually(async () => (await statusOn(other, 'gone')).status === 404);
    await request(other.app).get('/api/v1/conversions/gone/result.zip').expect(404);
  });

  async function eventuallyFinal(replica: Replica, id: string): Promise<ConversionJobStatus> {
    let status: ConversionJobStatus = (await request(replica.app).post('/api/v1/conversions').send(job(id))).body;
    await eventually(async () => (status = (await statusOn(replica, id)).body as ConversionJobStatus).state === 'succeeded');
    return status;
  }
});
