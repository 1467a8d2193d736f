#!/usr/bin/env bash
# A live reload as a person meets it: the explorer open on a synthetic
# timeline of 11 files in a 200x50 tmux window, one file edited (a comment
# appended, as an editor's save would), and the milliseconds from the
# write until the screen says "Reloaded". Beside it, the same program's
# first frame from the files alone (--no-cache), the cold start a reload
# is compared with.
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
WORK=${WORK:-/tmp/chronoscope-compare}
ROUNDS=${ROUNDS:-5}
N=${1:-100000}
shift || true
BINS=("$@")
if [ ${#BINS[@]} -eq 0 ]; then
	cargo build --release --quiet --bin chronoscope
	BINS=("$PWD/target/release/chronoscope")
fi
cargo build --release --quiet --example synth
SYNTH=$PWD/target/release/examples/synth
dir=$WORK/t$N
[ -d "$dir" ] || "$SYNTH" "$N" "$dir/" --log "$WORK/t$N.log" >/dev/null 2>&1
edited=$dir/events-005.toml
[ -f "$edited" ] || edited=$(find "$dir" -name '*.toml' | sort | tail -1)
cp "$edited" "$WORK/edited.orig"
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

# "first-frame-ms reload-ms" for the binary "$1".
one_round() {
	local start first edit done
	tmux kill-session -t reload 2>/dev/null || true
	start=$(now_ms)
	tmux new-session -d -s reload -x 200 -y 50 "$1 --no-cache $dir"
	wait_for 'Synthetic chronology'
	first=$(($(now_ms) - start))
	sleep 1
	edit=$(now_ms)
	echo "# edited" >>"$edited"
	wait_for 'Reloaded'
	done=$(($(now_ms) - edit))
	tmux send-keys -t reload q
	for _ in $(seq 600); do
		tmux has-session -t reload 2>/dev/null || break
		sleep 0.1
	done
	tmux kill-session -t reload 2>/dev/null || true
	cp "$WORK/edited.orig" "$edited"
	echo "$first $done"
}

summary() {
	sort -n | awk '{v[NR] = $1} END {printf "%s (%s–%s)", v[int((NR + 1) / 2)], v[1], v[NR]}'
}

declare -A firsts reloads
for _ in $(seq "$ROUNDS"); do
	for bin in "${BINS[@]}"; do
		read -r first done < <(one_round "$bin")
		firsts[$bin]+="$first "
		reloads[$bin]+="$done "
	done
done
echo "machine: $(nproc) cores, $(uname -sr); $N events in $(find "$dir" -name '*.toml' | wc -l) files, $(basename "$edited") edited"
for bin in "${BINS[@]}"; do
	f=$(printf '%s\n' ${firsts[$bin]} | summary)
	r=$(printf '%s\n' ${reloads[$bin]} | summary)
	ratio=$(printf '%s\n' ${reloads[$bin]} | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
	base=$(printf '%s\n' ${firsts[$bin]} | sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}')
	echo "$bin: first frame (--no-cache) $f ms; reload $r ms; reload ÷ first frame $(awk -v a="$ratio" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done
