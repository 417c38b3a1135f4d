// Structured logging shared by the converter and the operator: winston JSON in Elastic Common
// Schema shape on stdout, with fixed keys, every field nested (`log: {level}`, never `log.level`).
// Callers make child loggers per request / reconcile.
import winston from 'winston';
import { ecsFields, ecsStringify } from '@elastic/ecs-winston-format';
import type { Writable } from 'node:stream';
import { nestDottedKeys } from './nested-fields.ts';

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

const LEVEL_RANKS: Readonly<Record<string, number>> = { error: 0, warn: 1, info: 2, debug: 3 };

const nested = winston.format((info) => {
  nestDottedKeys(info as Record<string, unknown>);
  return info;
});

export function createLogger(options: LoggerOptions): Logger {
  const stream = options.stream ?? process.stdout;
  // winston runs the format on every entry and only then lets the transports drop those below
  // the level; dropping them first spares the ECS formatting of every disabled debug/info line.
  const enabledOnly = winston.format((info) => ((LEVEL_RANKS[info.level] ?? 0) <= (LEVEL_RANKS[logger.level] ?? 0) ? info : false));
  const logger: Logger = winston.createLogger({
    level: options.level,
    levels: { ...LEVEL_RANKS },
    format: winston.format.combine(
      enabledOnly(),
      ecsFields({
        serviceName: options.serviceName,
        serviceVersion: options.serviceVersion,
        convertReqRes: false,
      }),
      nested(),
      ecsStringify(),
    ),
    transports: [new winston.transports.Stream({ stream }), ...(options.transports ?? [])],
  });
  return logger;
}

/** A logger that drops everything: for pure code paths under test that require one. */
export function silentLogger(): Logger {
  return winston.createLogger({ silent: true, transports: [new winston.transports.Console({ silent: true })] });
}
