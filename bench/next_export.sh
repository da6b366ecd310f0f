#!/bin/bash
# One more export into a team's home against the same export into an empty home, alternating, as a user runs them:
#   bash bench/next_export.sh HOME EXPORT.zip [ROUNDS]
# Each round: `linkedin-ssi ingest EXPORT --reload --home HOME` (the member computed again, the team's parts reused),
# then `linkedin-ssi ingest EXPORT` into a new empty home. Prints each command's wall and CPU seconds (GNU time) and
# the publish line; compare the two of a round (the machine is shared).
set -euo pipefail
home=$1 export=$2 rounds=${3:-3}
root=$(cd "$(dirname "$0")/.." && pwd)
empty=$(mktemp -d)
trap 'rm -rf "$empty"' EXIT
for _ in $(seq "$rounds"); do
  rm -rf "$empty/home"
  /usr/bin/time -f "team %e s wall %U+%S s CPU" "$root/.venv/bin/linkedin-ssi" ingest "$export" --reload --home "$home" \
    2>&1 | grep -E "wall|^published|rror" | cut -c1-80
  /usr/bin/time -f "empty %e s wall %U+%S s CPU" "$root/.venv/bin/linkedin-ssi" ingest "$export" --home "$empty/home" \
    2>&1 | grep -E "wall|^published|rror" | cut -c1-80
done
uptime
