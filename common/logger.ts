// Structured logging shared by the converter and the operator: winston JSON in Elastic Common
// Schema shape on stdout, with fixed keys. Callers make child loggers per request / reconcile.
import winston from 'winston';
import { ecsFormat } from '@elastic/ecs-winston-format';
import type { Writable } from 'node:stream';

export type Logger = winston.Logger;

export interface LoggerOptions {
  /** `service.name` on every line, e.g. "docc2context-converter". */
  serviceName: string;
  serviceVersion?: string;
  level: LogLevel;
  /** Where lines go; stdout by default. Tests pass a capturing stream. */
  stream?: Writable;
  /** Extra transports (e.g. direct shipping to Elasticsearch). */
  transports?: winston.transport[];
}

export const LOG_LEVELS = ['error', 'warn', 'info', 'debug'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stdout;
  return winston.createLogger({
    level: options.level,
    levels: { error: 0, warn: 1, info: 2, debug: 3 },
    format: ecsFormat({
      serviceName: options.serviceName,
      serviceVersion: options.serviceVersion,
      convertReqRes: false,
    }),
    transports: [new winston.transports.Stream({ stream }), ...(options.transports ?? [])],
  });
}

/** A logger that drops everything: for pure code paths under test that require one. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
