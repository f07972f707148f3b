#!/usr/bin/env bash
# A city's day of collection pools deconvolved and persisted (RecallDay.cs, through run-day.sh): seeds the day's
# interpreted pools, then times the in-memory pass and the opening of every recall case, in --repeat rounds.
# Tiered compilation is off in the probe, so that its warm-up compiles every method of the path optimised and none is
# recompiled during a timed pass (as in a server that has run the recall job all day).
#
#   benchmarks/run-recall-day.sh [--pools 2600000] [--positive-rate 0.01] [--people 10] [--repeat 3]
set -euo pipefail
PROBE_ENV="DOTNET_TieredCompilation=0" exec "$(dirname "${BASH_SOURCE[0]}")/run-day.sh" recall-day "$@"
