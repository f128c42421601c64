#!/bin/bash
# Cold vs cached reruns as a user waits for them, on a fresh clone of the repository given (default: this one):
# docs/benchmarks.md, "Cached reruns as a user waits for them". Run it on a quiet machine. The 5,000-image part
# runs when /tmp/shapes5k exists: java -cp imacs-cli/target/test-classes:imacs-cli/target/imacs-cli.jar io.imacs.cli.ShapeImages /tmp/shapes5k 5000
set -u
SRC=${1:-$(cd "$(dirname "$0")/.." && pwd)}; W=$(mktemp -d /tmp/qb.XXXX); git clone -q $SRC $W/imacs; cd $W/imacs; git log --oneline -1
uptime
./imacs --version >/dev/null 2>&1   # builds the CLI
F="compare --model-a fixtures/models/classifier_a.pt --model-b fixtures/models/classifier_b.pt --embedder fixtures/models/embedder.onnx --data fixtures/data/labels.csv --class circle --images-per-model 20"
t() { local s=$(date +%s.%N); "$@" > $W/last.log 2>&1; local rc=$?; local e=$(date +%s.%N); printf "%6.2f s rc=%d  %s\n" $(echo "$e - $s" | bc) $rc "$(grep -o 'time: [0-9.]* s' $W/last.log)"; }
echo "== fixtures (README command), launcher"
echo -n "cold (also writes the CDS archive): "; t ./imacs $F --clusters 4 --out $W/fx --cache $W/c1
for i in 1 2 3; do echo -n "cached same: "; t ./imacs $F --clusters 4 --out $W/fx --cache $W/c1; done
for i in 1 2 3; do echo -n "cached --clusters 5: "; t ./imacs $F --clusters 5 --out $W/fx5 --cache $W/c1; done
echo -n "cold again (archive in place): "; t ./imacs $F --clusters 4 --out $W/fx2 --cache $W/c2
cmp $W/fx/result.json $W/fx2/result.json && echo "cold result.json identical with and without the archive at dump"
echo "== fixtures, plain JVM defaults (java -Xmx6g -jar, no C1, no archive)"
J=imacs-cli/target/imacs-cli.jar; export ONEDNN_MAX_CPU_ISA=SSE41
for i in 1 2 3; do echo -n "cached same, JVM defaults: "; t java -Xmx6g -Dai.djl.offline=true -jar $J $F --clusters 4 --out $W/fx --cache $W/c1; done
if [ -f /tmp/shapes5k/labels.csv ]; then
echo "== 5,000 generated images, 200 per model"
G="compare --model-a fixtures/models/classifier_a.pt --model-b fixtures/models/classifier_b.pt --embedder fixtures/models/embedder.onnx --data /tmp/shapes5k/labels.csv --class circle --images-per-model 200"
echo -n "cold: "; t ./imacs $G --clusters 8 --out $W/g --cache $W/g5
for k in 6 7 8; do echo -n "cached --clusters $k: "; t ./imacs $G --clusters $k --out $W/g$k --cache $W/g5; done
fi
uptime
