#!/usr/bin/env node
// Shim for the `docc2context` bin: the CLI is TypeScript, run by Node 22's type stripping.
import process from 'node:process';
import { main } from '../converter/cli/main.ts';

process.exitCode = await main(process.argv.slice(2));
