# Free TCP ports on 127.0.0.1 for the test engines; sourced by cluster.sh and pglite.sh.
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
