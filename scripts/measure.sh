#!/usr/bin/env bash
# Re-measures every quality and speed figure the README quotes, on the current commit, from the
# public datasets beside the project (../shared/data, which users of slant do not have).
#   bash scripts/measure.sh [data-dir] > measurements.txt        (after npm install)
set -euo pipefail
cd "$(dirname "$0")/.."
D=${1:-../shared/data}
G=$D/events/gold
slant() { node dist/cli/main.js "$@"; }
echo "# slant measurements at commit $(git rev-parse --short HEAD) on $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), node $(node --version), $(date -u +%FT%TZ)"
echo; echo "## eval techniques (5-fold CV by article on PTC train)"
slant eval techniques --data "$D/ptc/train" --folds 5 | sed -n '1,9p'
echo; echo "## eval extraction"
slant eval extraction --html "$D/extraction/html" --truth "$D/extraction/ground-truth.json" --dates bench/extraction-dates.json | sed -n '1,12p'
echo; echo "## eval events"
for set in plover/PLOVER_GSR_CAMEO.dev.jsonl petrarch2_unittest/unittest.gold.jsonl petrarch1_validation/validate140226.gold.jsonl; do
  echo "### $set"; slant eval events --gold "$G/$set"
done
echo "### udpetrarch/validate_2_02.gold.jsonl"
slant eval events --gold "$G/udpetrarch/validate_2_02.gold.jsonl" --actors "$G/petrarch2_unittest/PETR.Validate.actors.txt" \
  --agents "$G/petrarch2_unittest/PETR.Validate.agents.txt" --verbs "$G/udpetrarch/PETR_Validate_verbs_2xx_02.txt" \
  --discards "$G/petrarch2_unittest/PETR.Validate.discards.txt"
echo; echo "## eval actors"
slant eval actors --gold "$G/ngec/actor_resolution_cases.dev.json"
echo; echo "## speed (medians; the machine may be shared: see load averages)"
uptime
node bench/techniques.mjs --runs 5
taskset -c 0 node bench/extract.mjs "$D/extraction/html/" 5
node bench/events.mjs
echo; echo "## extraction: held-out halves and the Readability.js baseline (slower)"
node bench/extraction-cv.mjs "$D/extraction/html/" "$D/extraction/ground-truth.json" | tail -1
node bench/readability-baseline.mjs "$D/extraction/html/" > /tmp/slant-readability.json
slant eval extraction --html "$D/extraction/html" --truth "$D/extraction/ground-truth.json" --pred /tmp/slant-readability.json | head -1
