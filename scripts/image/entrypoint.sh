#!/bin/sh
# The image's entry point (run under tini): the first argument picks the program.
#   converter             the converter service (configured by environment variables only)
#   operator [flags...]   the operator; flags as in docs/configuration-operator.md, e.g. --help
# The two entry paths below are the only place the image names them.
set -eu

CONVERTER_MAIN=/app/dist/converter/app/main.js
OPERATOR_MAIN=/app/dist/operator/main.js

usage() {
  echo "usage: docc2context-image converter | operator [--help | operator flags]" >&2
  exit 64 # EX_USAGE
}

[ "$#" -ge 1 ] || usage
program=$1
shift
case "$program" in
  converter)
    if [ "$#" -gt 0 ]; then
      echo "the converter takes no arguments: configure it with environment variables (docs/configuration.md)" >&2
      exit 64
    fi
    exec node "$CONVERTER_MAIN"
    ;;
  operator) exec node "$OPERATOR_MAIN" "$@" ;;
  *) usage ;;
esac
