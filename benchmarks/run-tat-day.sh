#!/usr/bin/env bash
# The turnaround dashboard over a city's day (TatDay.cs, through run-day.sh): seeds a day of tubes with their stage
# times, then times GET /api/v1/dashboard/tat's handler over an hour and over the day.
#
#   benchmarks/run-tat-day.sh [--tubes 3000000] [--sites 500]
set -euo pipefail
exec "$(dirname "${BASH_SOURCE[0]}")/run-day.sh" tat-day "$@"
