#!/usr/bin/env bash
# A warm open, one build against another: for each binary given, each
# with a cache folder of its own (written by one open first), the
# milliseconds from launching the explorer in a 200x50 tmux window to its
# first frame, and a warm headless `list --search zzqqxx` (a word no event
# holds) in seconds with its peak resident memory.
#
#   bash benches/warm.sh [EVENTS] BINARY...
#
# EVENTS defaults to 100000; BINARY to target/release/chronoscope (built
# first). Every figure is the median of ROUNDS (default 9) interleaved
# rounds, with the lowest and highest beside it. The timeline is written
# under ${WORK:-/tmp/chronoscope-compare}, the caches under warm-cache-K.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benches/common.sh
. benches/common.sh
WORK=${WORK:-/tmp/chronoscope-compare}
ROUNDS=${ROUNDS:-9}
N=${1:-100000}
shift || true
binaries "$@"
dir=$WORK/t$N
[ -d "$dir" ] || target/release/examples/synth "$N" "$dir/" --log "$WORK/t$N.log" >/dev/null 2>&1

# Milliseconds from launching binary number "$1" until its first frame.
first_frame() {
	first_frame_in warm 'Synthetic chronology' "$WORK/warm-cache-$1" "${BINS[$1]} $dir"
}

# "seconds peak-KB" of a warm list by binary number "$1".
warm_list() {
	XDG_CACHE_HOME=$WORK/warm-cache-$1 /usr/bin/time -f "%e %M" \
		"${BINS[$1]}" list "$dir" --search zzqqxx 2>&1 >/dev/null | tail -1
}

for k in "${!BINS[@]}"; do
	warm_list "$k" >/dev/null
done
declare -A frames lists peaks
for _ in $(seq "$ROUNDS"); do
	for k in "${!BINS[@]}"; do
		frames[$k]+="$(first_frame "$k") "
		read -r secs kb <<<"$(warm_list "$k")"
		lists[$k]+="$secs "
		peaks[$k]+="$((kb / 1024)) "
	done
done
echo "$N events, $ROUNDS rounds: first frame ms, warm list s, warm list peak MB"
for k in "${!BINS[@]}"; do
	printf '%s\n  frame %s  list %s  peak %s\n' "${BINS[$k]}" \
		"$(tr ' ' '\n' <<<"${frames[$k]}" | grep . | summary)" \
		"$(tr ' ' '\n' <<<"${lists[$k]}" | grep . | summary)" \
		"$(tr ' ' '\n' <<<"${peaks[$k]}" | grep . | summary)"
done
