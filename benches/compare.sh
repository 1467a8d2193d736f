#!/usr/bin/env bash
# Whole processes side by side, as a person meets them: chronoscope cold
# (no cache), chronoscope warm (from its cache) and lnav, each opening the
# same synthetic events in tmux, timed from launch to the first frame that
# shows them; peak memory from /usr/bin/time; `check` against the toml
# crate's own parse of the same files.
#
#   bash benches/compare.sh [EVENTS...]      (default: 10000 100000)
#
# Needs tmux, lnav (apt-get install lnav) and GNU time (apt-get install
# time). Writes the timelines under ${WORK:-/tmp/chronoscope-compare} and
# the cache under a folder of its own, so the person's cache is untouched.
# Every figure is the median of ROUNDS (default 5) interleaved runs, with
# the lowest and highest beside it: this is a shared machine's noise.
# "cold" is a first open that also writes the cache (in the background,
# after the first frame); "--no-cache" opens from the files alone.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benches/common.sh
. benches/common.sh
WORK=${WORK:-/tmp/chronoscope-compare}
ROUNDS=${ROUNDS:-5}
SIZES=("${@:-10000 100000}")
read -r -a SIZES <<<"${SIZES[*]}"
export XDG_CACHE_HOME="$WORK/cache"
cargo build --release --quiet --bin chronoscope --example synth --example floor
BIN=$PWD/target/release/chronoscope
SYNTH=$PWD/target/release/examples/synth
FLOOR=$PWD/target/release/examples/floor
mkdir -p "$WORK"

# Milliseconds from launching "$2" until the screen matches "$1".
first_frame() {
	first_frame_in compare "$1" "$XDG_CACHE_HOME" "$2"
}

# Peak resident memory in MB of a command run to its end.
peak_mb() {
	/usr/bin/time -f "%M" "$@" 2>&1 >/dev/null | tail -1 | awk '{printf "%d", $1 / 1024}'
}

# Milliseconds of a command run to its end.
wall_ms() {
	local start end
	start=$(date +%s%N)
	"$@" >/dev/null 2>&1 || true
	end=$(date +%s%N)
	echo $(((end - start) / 1000000))
}

echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo), $(uname -sr)"
echo "lnav: $(lnav -V 2>/dev/null | head -1)"
for n in "${SIZES[@]}"; do
	dir=$WORK/t$n
	if [ ! -d "$dir" ]; then
		"$SYNTH" "$n" "$dir/" --log "$WORK/t$n.log" 2>/dev/null
	fi
	bare=() cold=() warm=() lnav_ms=() check=() floor1=() floor2=() grep_warm=() grep_lnav=()
	for _ in $(seq "$ROUNDS"); do
		bare+=("$(first_frame 'Synthetic chronology' "$BIN --no-cache $dir")")
		"$BIN" cache --clear >/dev/null
		cold+=("$(first_frame 'Synthetic chronology' "$BIN $dir")")
		warm+=("$(first_frame 'Synthetic chronology' "$BIN $dir")")
		lnav_ms+=("$(first_frame 'T00:00:00Z \[' "lnav $WORK/t$n.log")")
		grep_warm+=("$(wall_ms "$BIN" list "$dir" --search peshawar --format csv)")
		grep_lnav+=("$(wall_ms lnav -n -c ':filter-in (?i)peshawar' "$WORK/t$n.log")")
		check+=("$(wall_ms "$BIN" check "$dir")")
		floor1+=("$(wall_ms "$FLOOR" "$dir" 1)")
		floor2+=("$(wall_ms "$FLOOR" "$dir" 2)")
	done
	echo
	echo "$n events ($(du -sh "$dir" | cut -f1) of TOML, $(du -h "$WORK/t$n.log" | cut -f1) of log), ms to the first frame:"
	echo "  chronoscope --no-cache  $(printf '%s\n' "${bare[@]}" | summary)"
	echo "  chronoscope cold  $(printf '%s\n' "${cold[@]}" | summary)"
	echo "  chronoscope warm  $(printf '%s\n' "${warm[@]}" | summary)"
	echo "  lnav              $(printf '%s\n' "${lnav_ms[@]}" | summary)"
	echo "  headless search for peshawar: list (warm) $(printf '%s\n' "${grep_warm[@]}" | summary) ms, lnav -n $(printf '%s\n' "${grep_lnav[@]}" | summary) ms"
	echo "  check $(printf '%s\n' "${check[@]}" | summary) ms; toml's own parse on 1 thread $(printf '%s\n' "${floor1[@]}" | summary), on 2 $(printf '%s\n' "${floor2[@]}" | summary)"
	"$BIN" cache --clear >/dev/null
	echo "  peak MB: list cold $(peak_mb "$BIN" list "$dir" --search zzqqxx), list warm $(peak_mb "$BIN" list "$dir" --search zzqqxx), check $(peak_mb "$BIN" check "$dir"), lnav headless $(peak_mb lnav -n -c ':filter-in zzqqxx' "$WORK/t$n.log")"
done
