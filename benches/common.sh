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
