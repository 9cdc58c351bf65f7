#!/bin/sh
# The speed benchmark: each figure next to the floor, `cat` of every directive file, measured
# in the same run. Not a test (no figure fails anything); the README's Performance section is
# its output.
#
#   benches/run.sh [SIZE...]          SIZE: directives, default 20000 200000
#
# Environment: DONDOC_BIN (default target/release/dondoc; build it first with
# `cargo build --release`), BENCH_DIR (where the workspaces are made, default target/bench:
# about 1 GB with 200000; not the temporary folder, where a workspace gets no cache), RUNS
# (runs per figure, the median is shown; default 5), TTYPROBE (the pty driver, default
# ../shared/tools/ttyprobe.py; the UI is skipped without it).
#
# Times are medians of RUNS: wall clock, and CPU (user + sys, every thread and child). On a
# machine shared with other work the wall times stretch; CPU time and the ratios less so.
set -eu

here=$(cd "$(dirname "$0")" && pwd)
repo=$(dirname "$here")
bin=${DONDOC_BIN:-$repo/target/release/dondoc}
dir=${BENCH_DIR:-$repo/target/bench}
runs=${RUNS:-5}
ttyprobe=${TTYPROBE:-$repo/../shared/tools/ttyprobe.py}
[ -f "$ttyprobe" ] || ttyprobe=/work/shared/tools/ttyprobe.py
sizes=${*:-20000 200000}
today=2023-10-15

[ -x "$bin" ] || { echo "no $bin: run cargo build --release first" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 2; }
mkdir -p "$dir"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# timed OUT CMD...: runs CMD and writes "wall_s user_s sys_s peak_kb" to OUT, the times to
# the microsecond (GNU time's %e and %U are in hundredths: a 30 ms floor would be ±15 %),
# the peak from GNU time (a child forked from Python would count Python's own memory). The
# times include every child CMD waited for, as GNU time's do.
cat >"$tmp/timed.py" <<'EOF'
import os, subprocess, sys, time
out, cmd = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
child = subprocess.Popen(["/usr/bin/time", "-f", "%M", "-o", out + ".rss", *cmd],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
_, _, usage = os.wait4(child.pid, 0)
wall = time.perf_counter() - start
peak = open(out + ".rss").read().split()[-1]
with open(out, "w") as f:
    f.write(f"{wall:.6f} {usage.ru_utime:.6f} {usage.ru_stime:.6f} {peak}\n")
EOF
timed() {
    python3 "$tmp/timed.py" "$@"
}

# median: the middle of the numbers on stdin.
median() {
    sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'
}

# figures FILE: lines of "wall_s user_s sys_s peak_kb" to "wall_ms cpu_ms peak_kb" (medians;
# the peak is the largest).
figures() {
    w=$(awk '{ print $1 * 1000 }' "$1" | median)
    c=$(awk '{ print ($2 + $3) * 1000 }' "$1" | median)
    m=$(awk '{ print $4 }' "$1" | sort -n | tail -1)
    echo "$w $c $m"
}

# measure CMD...: RUNS runs after one warm-up.
measure() {
    "$@" >/dev/null 2>&1 || true
    : >"$tmp/m"
    i=0
    while [ "$i" -lt "$runs" ]; do
        timed "$tmp/t" "$@" || true
        cat "$tmp/t" >>"$tmp/m"
        i=$((i + 1))
    done
    figures "$tmp/m"
}

row() { # NAME "wall cpu peak" FLOOR_WALL FLOOR_CPU FILES_KB
    set -- "$1" $2 "$3" "$4" "$5"
    awk -v n="$1" -v w="$2" -v c="$3" -v m="$4" -v fw="$5" -v fc="$6" -v fk="$7" 'BEGIN {
        fw = fw < 1 ? 1 : fw; fc = fc < 1 ? 1 : fc;
        printf "| %s | %d ms | %.1f× | %d ms | %.1f× | %.0f MB | %.1f× |\n",
            n, w, w / fw, c, c / fc, m / 1024, m / fk }'
}

echo "dondoc benchmark, $(date -u +%Y-%m-%dT%H:%MZ), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $bin; medians of $runs runs; memory = peak RSS, and its ratio to the files' size"

for n in $sizes; do
    ws=$dir/ws$n
    if [ ! -f "$ws/dondoc.toml" ]; then
        python3 "$here/gen_workspace.py" "$ws" --directives "$n" >/dev/null
    fi
    find "$ws" -name '*.toml' ! -path "$ws/dondoc.toml" -print0 >"$tmp/files"
    nfiles=$(tr -cd '\0' <"$tmp/files" | wc -c)
    kb=$(xargs -0 cat <"$tmp/files" | wc -c | awk '{ printf "%d", $1 / 1024 }')
    echo
    echo "### $n directives, $nfiles files, $((kb / 1024)) MB"
    echo
    echo "| what | wall | × floor | CPU | × floor | peak memory | × files |"
    echo "| --- | --- | --- | --- | --- | --- | --- |"
    floor=$(measure sh -c "xargs -0 cat <'$tmp/files'")
    fw=${floor%% *}
    rest=${floor#* }
    fc=${rest%% *}
    row '`cat` of every directive file (the floor)' "$floor" "$fw" "$fc" "$kb"
    d="$bin --data $ws --today $today"
    row '`list --format json`' "$(measure $d list --format json)" "$fw" "$fc" "$kb"
    row '`validate`' "$(measure $d validate)" "$fw" "$fc" "$kb"
    row '`report --format json`' "$(measure $d report --format json)" "$fw" "$fc" "$kb"
    row '`validate`, no cache (`DONDOC_NO_CACHE=1`)' \
        "$(measure env DONDOC_NO_CACHE=1 $d validate)" "$fw" "$fc" "$kb"
    row '`list --format json`, no cache' \
        "$(measure env DONDOC_NO_CACHE=1 $d list --format json)" "$fw" "$fc" "$kb"
    # A set on a copy: it writes.
    rm -rf "$ws-set" && cp -r "$ws" "$ws-set"
    # Copied files are new: let them settle (the cache trusts no file changed in the last 2 s)
    # and fill the copy's cache, as a workspace in use has it.
    sleep 3
    $bin --data "$ws-set" validate >/dev/null 2>&1 || true
    id=$(grep -m1 -h '^id = ' "$(find "$ws-set" -name 'giao-ban-00001.toml')" | cut -d'"' -f2)
    s="$bin --data $ws-set --today $today set $id --by Bench --note"
    : >"$tmp/m"
    i=0
    while [ "$i" -lt "$runs" ]; do
        timed "$tmp/t" $s "lần $i" || true
        cat "$tmp/t" >>"$tmp/m"
        i=$((i + 1))
    done
    set_fig=$(figures "$tmp/m")
    row '`set ID --note …` (one file read and written)' "$set_fig" "$fw" "$fc" "$kb"
    # What any command pays before its work, through the same timer: `set`'s 10 ms target is
    # for its work, on top of this.
    row '`dondoc --version` (starting the program, the timer included)' \
        "$(measure $bin --version)" "$fw" "$fc" "$kb"
    rm -rf "$ws-set"

    if [ -f "$ttyprobe" ]; then
        : >"$tmp/ui"
        i=0
        while [ "$i" -lt "$runs" ]; do
            python3 "$ttyprobe" --cols 120 --rows 40 --wait-for "most urgent first" \
                --timeout 60 --keys "20*j q" --json "$tmp/ui.json" -- \
                /usr/bin/time -f "%M" -o "$tmp/ui.rss" $d --lang en >/dev/null 2>&1 || true
            python3 - "$tmp/ui.json" "$tmp/ui.rss" >>"$tmp/ui" <<'EOF'
import json, statistics, sys
r = json.load(open(sys.argv[1]))
keys = [k for k in r["per_key"] if k["key"] == "j" and k["ms"] is not None]
rss = open(sys.argv[2]).read().split()[-1] if open(sys.argv[2]).read().split() else "0"
print(r["startup_ms"], statistics.median(k["ms"] for k in keys),
      statistics.median(k["bytes"] for k in keys), rss)
EOF
            i=$((i + 1))
        done
        start=$(awk '{ print $1 }' "$tmp/ui" | median)
        key=$(awk '{ print $2 }' "$tmp/ui" | median)
        bytes=$(awk '{ print $3 }' "$tmp/ui" | median)
        peak=$(awk '{ print $4 }' "$tmp/ui" | sort -n | tail -1)
        awk -v s="$start" -v k="$key" -v b="$bytes" -v m="$peak" -v fw="$fw" -v fk="$kb" 'BEGIN {
            fw = fw < 1 ? 1 : fw;
            printf "| UI, first screen (pty, 120×40) | %d ms | %.1f× | | | %.0f MB | %.1f× |\n", s, s / fw, m / 1024, m / fk;
            printf "| UI, `j` (one-row move), median of 20 | %.2f ms, %d bytes | | | | | |\n", k, b }'
        # Search as you type: `/`, then "giai ngan" a key at a time, a Backspace, `n`, `Esc`.
        # ttyprobe sends a key once the screen has been quiet for 60 ms, as a fast typist
        # would; the search index is made in that time after `/`.
        : >"$tmp/search"
        i=0
        while [ "$i" -lt "$runs" ]; do
            python3 "$ttyprobe" --cols 120 --rows 40 --wait-for "most urgent first" \
                --timeout 60 --keys "/ g i a i <Space> n g a n <Backspace> n <Esc> q" \
                --json "$tmp/search.json" -- \
                /usr/bin/time -f "%M" -o "$tmp/search.rss" $d --lang en >/dev/null 2>&1 || true
            python3 - "$tmp/search.json" "$tmp/search.rss" >>"$tmp/search" <<'EOF2'
import json, sys
r = json.load(open(sys.argv[1]))
ms = [k["ms"] for k in r["per_key"][:-1]]
rss = open(sys.argv[2]).read().split()
typed = ms[1:-1]
print(ms[0], ms[1], max(typed), sorted(typed)[len(typed) // 2], ms[-1], rss[-1] if rss else 0)
EOF2
            i=$((i + 1))
        done
        awk -v runs="$runs" -v fk="$kb" '
            { for (f = 1; f <= 6; f++) v[f, NR] = $f }
            END {
                for (f = 1; f <= 6; f++) {
                    n = 0; for (r = 1; r <= NR; r++) a[++n] = v[f, r];
                    for (x = 1; x <= n; x++) for (y = x + 1; y <= n; y++) if (a[y] < a[x]) { t = a[x]; a[x] = a[y]; a[y] = t }
                    m[f] = (f == 6) ? a[n] : a[int((n + 1) / 2)]
                }
                printf "| UI, search: `/` | %.1f ms | | | | %.0f MB | %.1f× |\n", m[1], m[6] / 1024, m[6] / fk;
                printf "| UI, search: first letter; slowest of the 11 keys typed; their median | %.1f ms; %.1f ms; %.1f ms | | | | | |\n", m[2], m[3], m[4];
                printf "| UI, search: `Esc` (all rows back) | %.1f ms | | | | | |\n", m[5] }' "$tmp/search"
    else
        echo "| UI | skipped: no ttyprobe.py (set TTYPROBE) | | | | | |"
    fi
done
