#!/usr/bin/env bash
# A live reload as a person meets it: the explorer open on a synthetic
# timeline of 11 files in a 200x50 tmux window, one file edited (an event
# appended, as an editor's save would), and the milliseconds from the
# write until the screen says "Reloaded" with the new count; then the
# same file edited again, a reload with the last one's timeline behind it.
# Beside them, the same program's first frame from the files alone
# (--no-cache), the cold start a reload is compared with.
#
#   bash benches/reload.sh [EVENTS] [BINARY...]
#
# EVENTS defaults to 100000; BINARY to target/release/chronoscope (built
# first). Several binaries, say a build before and after a change, are
# measured in interleaved rounds (ROUNDS, default 5), each figure the
# median with the lowest and highest beside it. The timeline is written
# under ${WORK:-/tmp/chronoscope-compare}; the edited file is put back after
# each round.
#
# On a virtual machine the first touch of memory the guest has never used
# costs a fault in the host too: a second timeline loaded beside the first,
# which is what a reload is, measured 40-60 % slower than the first until
# the memory had been touched once. The script touches TOUCH_GB (default 3)
# first, with dd's buffer, so that the cold start and the reload meet
# memory alike; TOUCH_GB=0 skips it.
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=benches/common.sh
. benches/common.sh
WORK=${WORK:-/tmp/chronoscope-compare}
ROUNDS=${ROUNDS:-5}
N=${1:-100000}
shift || true
binaries "$@"
SYNTH=$PWD/target/release/examples/synth
dir=$WORK/t$N
[ -d "$dir" ] || "$SYNTH" "$N" "$dir/" --log "$WORK/t$N.log" >/dev/null 2>&1
edited=$dir/events-005.toml
[ -f "$edited" ] || edited=$(find "$dir" -name '*.toml' | sort | tail -1)
# The file as generated, kept once; put back after each round and on exit,
# even from a run cut short.
orig=$WORK/edited-$N.orig
if [ -f "$orig" ]; then cp "$orig" "$edited"; else cp "$edited" "$orig"; fi
trap 'cp "$orig" "$edited"; tmux kill-session -t reload 2>/dev/null || true' EXIT
# Seconds between the first reload and the second edit: a person reads the
# screen before saving again, and the explorer keeps the files' records for
# the next reload meanwhile (half a second after a reload, a file at a time).
PAUSE=${PAUSE:-5}
TOUCH_GB=${TOUCH_GB:-3}
if [ "$TOUCH_GB" -gt 0 ]; then
	dd if=/dev/zero of=/dev/null bs="${TOUCH_GB}G" count=1 iflag=fullblock 2>/dev/null
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Waits until the pane shows the pattern "$1"; gives up after 120 s.
wait_for() {
	for _ in $(seq 24000); do
		tmux capture-pane -p -t reload 2>/dev/null | grep -qE "$1" && return 0
		sleep 0.005
	done
	return 1
}

# Appends event number "$1" to the edited file.
append_event() {
	printf '\n[[events]]\nid = "reload-bench-%s"\ndate = "2010"\ntitle = "Edited"\nsummary = "An event added while the explorer watches."\n[[events.sources]]\npublisher = "Bench"\ntitle = "reload.sh"\n' "$1" >>"$edited"
}

# "first-frame-ms first-reload-ms later-reload-ms" for the binary "$1".
one_round() {
	local start first edit once twice
	tmux kill-session -t reload 2>/dev/null || true
	start=$(now_ms)
	tmux new-session -d -s reload -x 200 -y 50 "$1 --no-cache $dir"
	wait_for 'Synthetic chronology'
	first=$(($(now_ms) - start))
	sleep 1
	edit=$(now_ms)
	append_event 1
	wait_for "Reloaded: $((N + 1)) events"
	once=$(($(now_ms) - edit))
	sleep "$PAUSE"
	edit=$(now_ms)
	append_event 2
	wait_for "Reloaded: $((N + 2)) events"
	twice=$(($(now_ms) - edit))
	quit_session reload
	cp "$orig" "$edited"
	echo "$first $once $twice"
}

declare -A firsts onces twices
for _ in $(seq "$ROUNDS"); do
	for bin in "${BINS[@]}"; do
		read -r first once twice < <(one_round "$bin")
		firsts[$bin]+="$first "
		onces[$bin]+="$once "
		twices[$bin]+="$twice "
	done
done
echo "machine: $(nproc) cores, $(uname -sr); $N events in $(find "$dir" -name '*.toml' | wc -l) files, $(basename "$edited") edited"
for bin in "${BINS[@]}"; do
	base=$(printf '%s\n' ${firsts[$bin]} | median)
	echo "$bin:"
	echo "  first frame (--no-cache) $(printf '%s\n' ${firsts[$bin]} | summary) ms"
	for which in onces twices; do
		declare -n got=$which
		label=$([ "$which" = onces ] && echo "first reload" || echo "later reload")
		m=$(printf '%s\n' ${got[$bin]} | median)
		echo "  $label $(printf '%s\n' ${got[$bin]} | summary) ms, $(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}') of the first frame"
	done
done
