#!/usr/bin/env bash
# Every test tier, in order: type check, lint with the dependency rules, unit, integration (real
# PostgreSQL, PGlite files, Redis), end-to-end. Each jest tier prints every describe block (--verbose), so
# the contract suites that ran can be read in the output. Ends with one line: "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

# PGlite loads its WebAssembly with a dynamic import(), which jest's CommonJS runtime allows only with this flag.
export NODE_OPTIONS="${NODE_OPTIONS:-} --experimental-vm-modules --disable-warning=ExperimentalWarning"
results=$(mktemp -d)
trap 'rm -rf "$results"' EXIT

echo "== type check"; npx tsc -p tsconfig.json --noEmit
echo "== lint and dependency rules"; npx eslint .
echo "== format"; npx prettier --check . >/dev/null || { npx prettier --check . ; exit 1; }

# The integration tier talks to real PostgreSQL, Redis and Kafka: start whichever is down (each is a no-op
# when the service already answers), so `npm test` alone works on a fresh machine of this kind.
bash scripts/services.sh
bash scripts/kafka.sh start

status=0
for tier in unit int e2e; do
  echo "== $tier tests"
  band=""; [ "$tier" = unit ] || band="--runInBand"
  npx jest --selectProjects "$tier" $band --verbose --passWithNoTests --json --outputFile "$results/$tier.json" || status=1
done

node -e '
const fs = require("fs"); let p = 0, f = 0, s = 0;
for (const t of ["unit", "int", "e2e"]) {
  const file = process.argv[1] + "/" + t + ".json";
  if (!fs.existsSync(file)) { f += 1; continue; }
  const r = JSON.parse(fs.readFileSync(file, "utf8"));
  p += r.numPassedTests; f += r.numFailedTests; s += r.numPendingTests + r.numTodoTests;
  console.log(`${t}: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests} skipped`);
}
console.log(`${p} passed, ${f} failed, ${s} skipped`);
' "$results"
exit $status
