// The converter's logger: ECS JSON lines on stdout (common/logger.ts) and, when ELASTICSEARCH_URL
// is set, the same documents shipped by winston-elasticsearch. Shipping is buffered and
// asynchronous with a bounded buffer: when Elasticsearch is down, lines are dropped from that
// transport only — requests never wait for it and stdout keeps every line.
import type { Writable } from 'node:stream';
import type TransportStream from 'winston-transport';
import { ElasticsearchTransport, type LogData } from 'winston-elasticsearch';
import { delay } from '../../common/delay.ts';
import { createLogger, type Logger, type LogLevel } from '../../common/logger.ts';

export interface ConverterLoggerOptions {
  serviceName: string;
  serviceVersion: string;
  level: LogLevel;
  elasticsearch?: { url: string; index: string };
  stream?: Writable;
}

export interface ConverterLogger {
  logger: Logger;
  /** Flushes and closes the shipping transport (if any); resolves even when Elasticsearch is down. */
  close(): Promise<void>;
}

/** Documents shipped to Elasticsearch keep the ECS fields the stdout line has. */
export function toEcsDocument(data: LogData): Record<string, unknown> {
  const log = (data.meta as { log?: Record<string, unknown> } | undefined)?.log;
  return { ...data.meta, message: data.message, log: { ...log, level: data.level } };
}

export function createConverterLogger(options: ConverterLoggerOptions): ConverterLogger {
  const shipping = options.elasticsearch ? elasticsearchTransport(options.elasticsearch, options.level) : undefined;
  const logger = createLogger({
    serviceName: options.serviceName,
    serviceVersion: options.serviceVersion,
    level: options.level,
    stream: options.stream,
    transports: shipping ? [shipping] : [],
  });
  return {
    logger,
    async close(): Promise<void> {
      if (shipping) await Promise.race([shipping.flush().catch(() => undefined), delay(2000, { unref: true })]);
      logger.close();
    },
  };
}

function elasticsearchTransport(target: { url: string; index: string }, level: LogLevel): ElasticsearchTransport {
  const transport = new ElasticsearchTransport({
    level,
    indexPrefix: target.index,
    clientOpts: { node: target.url, requestTimeout: 5000, maxRetries: 1 },
    transformer: toEcsDocument,
    buffering: true,
    bufferLimit: 1000,
    retryLimit: 5,
    flushInterval: 1000,
    ensureIndexTemplate: false,
    // The transport's own complaints go to stderr once per failure, never into the log stream.
    internalLogger: reportShippingProblem,
  } as ConstructorParameters<typeof ElasticsearchTransport>[0] & { internalLogger: (...args: unknown[]) => void });
  (transport as TransportStream).on('error', reportShippingProblem);
  return transport;
}

function reportShippingProblem(...args: unknown[]): void {
  const first = args[0];
  const text = first instanceof Error ? first.message : String(first);
  process.stderr.write(
    `${JSON.stringify({ log: { level: 'warn' }, message: 'Failed to ship logs to Elasticsearch', error: { message: text } })}\n`,
  );
}
