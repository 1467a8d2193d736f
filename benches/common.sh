# What benches/compare.sh and benches/reload.sh share; sourced, not run.

# Quits the program in the tmux session "$1" with q, as a person would,
# waits up to a minute for it to finish (a first open writes the cache as
# it goes), then closes the session.
quit_session() {
	tmux send-keys -t "$1" q
	for _ in $(seq 600); do
		tmux has-session -t "$1" 2>/dev/null || break
		sleep 0.1
	done
	tmux kill-session -t "$1" 2>/dev/null || true
}

# "median (low–high)" of the numbers on standard input.
summary() {
	sort -n | awk '{v[NR] = $1} END {printf "%s (%s–%s)", v[int((NR + 1) / 2)], v[1], v[NR]}'
}

# The median of the numbers on standard input.
median() {
	sort -n | awk '{v[NR] = $1} END {print v[int((NR + 1) / 2)]}'
}

# The binaries to measure: the arguments, else target/release/chronoscope
# (built first); in BINS. The synthetic generator is built too.
binaries() {
	BINS=("$@")
	if [ ${#BINS[@]} -eq 0 ]; then
		cargo build --release --quiet --bin chronoscope
		BINS=("$PWD/target/release/chronoscope")
	fi
	cargo build --release --quiet --example synth
}

# Milliseconds from launching "$4" in a 200x50 tmux session "$1", with
# the cache folder "$3", until the screen matches the pattern "$2"; then
# the program is quit with q, as a person would, and waited for. The
# folder is passed through tmux: a tmux server already running would
# otherwise give the program its own environment.
first_frame_in() {
	local session=$1 pattern=$2 cache=$3 cmd=$4 start end
	tmux kill-session -t "$session" 2>/dev/null || true
	start=$(date +%s%N)
	tmux new-session -d -s "$session" -x 200 -y 50 -e "XDG_CACHE_HOME=$cache" "$cmd"
	until tmux capture-pane -p -t "$session" 2>/dev/null | grep -qE "$pattern"; do
		sleep 0.005
	done
	end=$(date +%s%N)
	quit_session "$session"
	echo $(((end - start) / 1000000))
}
