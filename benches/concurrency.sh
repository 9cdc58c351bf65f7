#!/usr/bin/env bash
# Concurrency run: several `dondoc set` processes edit one file while a "hand writer" (an
# editor, `cp`, git: no lock) saves the same file, alternately atomically (write a copy,
# rename it over) and in place (truncate, write half, pause, write the rest).
#
#   benches/concurrency.sh [SECONDS] [PROCESSES]      (defaults: 180 s, 4 processes)
#
# Needs a release build (cargo build --release) and python3. Prints: edits made, edits
# refused, hand saves made, hand saves lost (must be 0: a dondoc write never replaces a hand
# save it did not see), files cut (must be 0: never fewer directives on disk than written).
set -euo pipefail
SECONDS_TO_RUN=${1:-180}
PROCS=${2:-4}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${DONDOC_BIN:-$ROOT/target/release/dondoc}
[ -x "$BIN" ] || { echo "build first: cargo build --release" >&2; exit 2; }
WS=$(mktemp -d)
trap 'rm -rf "$WS"' EXIT
N=20
cat > "$WS/dondoc.toml" <<'TOML'
title = "Concurrency"
[[owner]]
id = "a"
name = "Đơn vị A"
group = "G"
TOML
{
  printf '[source]\ntitle = "Giao ban"\ndate = 2023-08-25\n'
  for i in $(seq -w 1 $N); do
    printf '\n[[directive]]\nid = "c-%s"\ntext = "Việc %s"\nowner = "a"\nstatus = "open"\nnote = "start"\n' "$i" "$i"
  done
} > "$WS/f.toml"
FILE="$WS/f.toml"
END=$(( $(date +%s) + SECONDS_TO_RUN ))

for p in $(seq 1 "$PROCS"); do
  (
    made=0; refused=0; failed=0; n=0
    id=$(printf 'c-%02d' "$p")
    while [ "$(date +%s)" -lt "$END" ]; do
      n=$((n + 1))
      set +e
      DONDOC_USER="p$p" "$BIN" --data "$WS" set "$id" --note "p$p-$n" >/dev/null 2>>"$WS/err-$p.log"
      rc=$?
      set -e
      case $rc in
        0) made=$((made + 1)) ;;
        1) refused=$((refused + 1)) ;;
        *) failed=$((failed + 1)) ;;
      esac
    done
    echo "$made $refused $failed" > "$WS/result-$p"
  ) &
done

python3 - "$FILE" "$END" "$N" > "$WS/hand" <<'PY'
import os, re, sys, time
path, end, n = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
pattern = re.compile(r'(id = "c-%02d"\ntext = "[^"]*"\nowner = "a"\nstatus = "open"\nnote = ")([^"]*)(")' % n)
saves = lost = cut = 0
lost_in_place = 0
last = None
i = 0
while time.time() < end:
    with open(path, encoding="utf-8") as f:
        text = f.read()
    if text.count("[[directive]]") < n:
        cut += 1
    m = pattern.search(text)
    if m is None:
        cut += 1
        time.sleep(0.025)
        continue
    if last is not None and m.group(2) != last:
        lost += 1
        lost_in_place += i % 2 == 0
    i += 1
    last = "hand-%d" % i
    new = text[:m.start(2)] + last + text[m.end(2):]
    data = new.encode("utf-8")
    if i % 2:
        tmp = path + ".swp"
        with open(tmp, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    else:
        with open(path, "r+b") as f:
            f.truncate(0)
            half = len(data) // 2
            f.write(data[:half]); f.flush()
            time.sleep(0.002)
            f.write(data[half:])
    saves += 1
    time.sleep(0.025)
print(saves, lost, cut, lost_in_place)
PY
wait
made=0; refused=0; failed=0
for p in $(seq 1 "$PROCS"); do
  read -r m r f < "$WS/result-$p"
  made=$((made + m)); refused=$((refused + r)); failed=$((failed + f))
done
read -r saves lost cut lost_in_place < "$WS/hand"
count=$(grep -c '^\[\[directive\]\]' "$FILE")
[ "$count" -lt "$N" ] && cut=$((cut + 1))
echo "seconds:            $SECONDS_TO_RUN, dondoc processes: $PROCS"
echo "edits made:         $made"
echo "edits refused:      $refused (exit 1: changed on disk, busy, half-saved file)"
echo "edits failed:       $failed (other errors)"
echo "hand saves:         $saves"
echo "hand saves lost:    $lost (of which saved in place: $lost_in_place)"
echo "files cut:          $cut (directives at the end: $count of $N)"
"$BIN" --data "$WS" validate | tail -1
echo "refusal reasons:"
cat "$WS"/err-*.log | sed -E 's/"c-[0-9]+"/"c-NN"/; s/[0-9]+ directives?/N directives/' | sed -E 's/^(.{0,110}).*/\1/' | sort | uniq -c | sort -rn | head -8
