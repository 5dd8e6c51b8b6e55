# Shared by cluster.sh and pglite.sh (sourced): free ports and live processes.

# Other processes may hold any port (5432 and 55432 often): pick at random and check.

port_is_free() {
  local port=$1
  if command -v ss >/dev/null 2>&1; then
    [ -z "$(ss -Hltn "sport = :$port" 2>/dev/null)" ] || return 1
  fi
  # Also try to connect: anything answering on 127.0.0.1:port means it is taken.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    return 1
  fi
  return 0
}

pick_port() {
  local port tries
  for ((tries = 0; tries < 200; tries++)); do
    port=$((20000 + (RANDOM * 32768 + RANDOM) % 40000))
    [ "$port" -eq 55432 ] && continue
    if port_is_free "$port"; then
      echo "$port"
      return 0
    fi
  done
  die "no free TCP port found"
}

# Is PID a live (running, not zombie) process? A killed process can stay a zombie for a while
# in this sandbox: it holds no port and no files.
alive() {
  local pid=$1 state
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  state=$(sed -E 's/^[0-9]+ \(.*\) ([A-Za-z]).*/\1/' "/proc/$pid/stat" 2>/dev/null) || return 1
  [ -n "$state" ] && [ "$state" != Z ] && [ "$state" != X ]
}
