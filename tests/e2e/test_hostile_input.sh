#!/usr/bin/env bash
# Hostile things around knead rather than in a routine's values: a routine that crashed
# the TOML parser on the search path, a FIFO as the log or as a routine, a kill that left
# a half-made log behind, a missing or relative HOME, paths in the config file.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

guard=()
command -v timeout >/dev/null && guard=(timeout 20)
write_routine "$ROUTINES/tiny.toml" right 1
answers q

# --- A routine that crashed toml11 (SIGSEGV) sits beside a good one ---------------------
# Every command that reads the whole search path reports it in one line and goes on.
printf 'a=[]\na.b=1' >"$ROUTINES/crash.toml"
printf 'schema = 1\npoint = []\n[point.x]\n' >"$ROUTINES/crash-header.toml"
expect_exit 2 "$KNEAD" validate "$ROUTINES/crash.toml"
expect_regex "$OUT" "^$ROUTINES/crash.toml:2:1: error: the key \`a.b\` adds to \`a\`, which line 1 sets to an array"
expect_exit 2 "$KNEAD" validate "$ROUTINES"
expect_regex "$OUT" "^$ROUTINES/crash.toml:2:1: error: "
expect_regex "$OUT" "^$ROUTINES/crash-header.toml:3:1: error: the header \[point.x\] adds to \`point\`"
expect_regex "$OUT" '^3 routines checked: 1 valid, 2 invalid'
expect_exit 0 "$KNEAD" --routines "$ROUTINES" list
expect_regex "$OUT" '^tiny '
expect_regex "$OUT" '^crash +\(invalid: run `knead validate '
expect_line_count "$ERR" 1
expect_contains "$ERR" "2 routines could not be loaded"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" where elbow
expect_contains "$OUT" "tiny"
expect_line_count "$ERR" 2 '^knead: warning: skipping the invalid routine '
# Whether a built-in routine is due does not matter here: that due ran, and said once.
rc=0
"$KNEAD" --routines "$ROUTINES" due >"$OUT" 2>"$ERR" || rc=$?
expect_match "$rc" '^[01]$' "due's exit status beside a crashing routine"
expect_line_count "$ERR" 1
expect_contains "$ERR" "2 routines could not be loaded"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" show tiny
expect_exit 2 "$KNEAD" --routines "$ROUTINES" show crash
expect_regex "$ERR" "^$ROUTINES/crash.toml:2:1: error: "
rm "$ROUTINES"/crash*.toml

# --- A FIFO as the log: refused at once, never waited on -------------------------------
mkfifo "$TMP/fifo.log"
expect_exit 1 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/fifo.log" <"$ANSWERS"
expect_contains "$ERR" "cannot use the log $TMP/fifo.log: it is a FIFO, not a regular file"
expect_not_contains "$OUT" "Point 1/1"
# With a reader at the other end, too (open() would then succeed).
(cat "$TMP/fifo.log" >/dev/null &)
expect_exit 1 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$TMP/fifo.log" <"$ANSWERS"
expect_contains "$ERR" "it is a FIFO"
: >"$TMP/fifo.log" &  # let the reader go

# --- A FIFO, or a file it may not read, in a routine's place ---------------------------
mkfifo "$ROUTINES/fifo.toml"
expect_exit 2 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" show fifo
expect_contains "$ERR" "$ROUTINES/fifo.toml: error: is a FIFO, not a routine file"
expect_not_contains "$ERR" "no routine named"
expect_exit 0 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" list
expect_regex "$OUT" '^fifo +\(invalid'
expect_exit 2 "${guard[@]}" "$KNEAD" validate "$ROUTINES"
expect_contains "$OUT" "$ROUTINES/fifo.toml: error: is a FIFO, not a routine file"
rm "$ROUTINES/fifo.toml"
# Permissions do not bind root: as root, this runs as the user nobody.
if unprivileged "unreadable directories and files"; then
    mkdir "$TMP/locked"
    write_routine "$TMP/locked/x.toml"
    chmod 000 "$TMP/locked"
    expect_exit 2 "${AS_USER[@]}" "$KNEAD" validate "$TMP/locked"
    expect_contains "$OUT" "$TMP/locked: error: cannot read this directory: Permission denied"
    expect_not_contains "$OUT" "no .toml routines"
    expect_exit 0 "${AS_USER[@]}" "$KNEAD" --routines "$TMP/locked" --routines "$ROUTINES" list
    expect_contains "$ERR" "$TMP/locked: warning: cannot read this routine directory: Permission denied"
    expect_regex "$OUT" '^tiny '
    # A directory it may list but not enter (r--): its files cannot be opened.
    chmod 444 "$TMP/locked"
    expect_exit 2 "${AS_USER[@]}" "$KNEAD" validate "$TMP/locked"
    expect_contains "$OUT" "Permission denied"
    expect_not_contains "$OUT" "no .toml routines"
    chmod 700 "$TMP/locked"
    chmod 000 "$ROUTINES/tiny.toml"
    expect_exit 2 "${AS_USER[@]}" "$KNEAD" validate "$ROUTINES/tiny.toml"
    expect_contains "$OUT" "tiny.toml: error: cannot be read: Permission denied"
    expect_exit 2 "${AS_USER[@]}" "$KNEAD" --routines "$ROUTINES" show tiny
    expect_contains "$ERR" "tiny.toml: error: cannot be read: Permission denied"
    expect_not_contains "$ERR" "no routine named"
    chmod 644 "$ROUTINES/tiny.toml"
fi

# --- Other things that are not routine files, in a routine's place -----------------------
# Each is named for what it is, never read (a device never ends, a socket cannot be
# opened), and never taken for a missing routine.
mkdir "$ROUTINES/dir.toml"
ln -s /dev/zero "$ROUTINES/zero.toml"
truncate -s 5G "$ROUTINES/huge.toml"  # sparse: no disk used
made_socket=0
if command -v python3 >/dev/null &&
    python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
        "$ROUTINES/sock.toml" 2>/dev/null; then
    made_socket=1
fi
expect_exit 2 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" show dir
expect_contains "$ERR" "$ROUTINES/dir.toml: error: is a directory, not a routine file"
expect_not_contains "$ERR" "no routine named"
expect_exit 2 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" show zero
expect_contains "$ERR" "$ROUTINES/zero.toml: error: is a device (such as /dev/zero), not a routine file"
expect_exit 2 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" show huge
expect_contains "$ERR" "$ROUTINES/huge.toml: error: too large for a routine (5368709120 bytes"
if ((made_socket)); then
    expect_exit 2 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" show sock
    expect_contains "$ERR" "$ROUTINES/sock.toml: error: is a socket, not a routine file"
fi
expect_exit 2 "${guard[@]}" "$KNEAD" validate "$ROUTINES"
expect_contains "$OUT" "$ROUTINES/dir.toml: error: is a directory"
expect_contains "$OUT" "$ROUTINES/zero.toml: error: is a device"
expect_exit 0 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" where elbow
expect_contains "$OUT" "tiny"
expect_exit 0 "${guard[@]}" "$KNEAD" --routines "$ROUTINES" list
expect_regex "$OUT" '^tiny '
rm -r "$ROUTINES/dir.toml" "$ROUTINES/zero.toml" "$ROUTINES/huge.toml" "$ROUTINES/sock.toml" 2>/dev/null || true

# --- The config file: a FIFO or a device there is refused, never waited on ---------------
mkdir -p "$XDG_CONFIG_HOME/knead"
mkfifo "$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 2 "${guard[@]}" "$KNEAD" config
expect_contains "$ERR" "config.toml: error: is not a regular file, so not a config file"
rm "$XDG_CONFIG_HOME/knead/config.toml"
ln -s /dev/zero "$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 2 "${guard[@]}" "$KNEAD" config
expect_contains "$ERR" "is not a regular file"
rm "$XDG_CONFIG_HOME/knead/config.toml"

# --- LOG.new-PID files left by a kill during the log's creation ------------------------
LOG="$TMP/new/knead.log"
mkdir -p "$TMP/new"
echo "# knead log v1" >"$LOG.new-4194303"           # no such process
echo "# knead log v1" >"$LOG.new-$$"                 # alive and recent: still making it
echo "# knead log v1" >"$LOG.new-1"                  # alive, but hours old: its PID is reused
touch -d '2 hours ago' "$LOG.new-1"
echo "keep" >"$TMP/new/other.log.new-4194303"         # another file's: not ours to remove
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait --log "$LOG" <"$ANSWERS"
expect_missing "$LOG.new-4194303"
expect_missing "$LOG.new-1"
expect_exists "$LOG.new-$$"
expect_exists "$TMP/new/other.log.new-4194303"
expect_first_line "$LOG" "# knead log v1"

# --- HOME: never the current directory, never created ----------------------------------
pw_home=$(getent passwd "$(id -u)" | cut -d: -f6)
unset XDG_DATA_HOME XDG_CONFIG_HOME XDG_STATE_HOME
mkdir -p "$TMP/cwd"
cd "$TMP/cwd"
for home in unset empty; do
    if [[ $home == unset ]]; then
        expect_exit 0 env -u HOME "$KNEAD" config
    else
        expect_exit 0 env HOME= "$KNEAD" config
    fi
    expect_regex "$OUT" "^  log +$pw_home/.local/share/knead/sessions.log "
    expect_regex "$OUT" "^Config file: $pw_home/.config/knead/config.toml"
done
expect_exit 1 env HOME=relative/home "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_contains "$ERR" "knead: error: HOME is a relative path (relative/home): set it to"
expect_missing "$TMP/cwd/relative"
expect_exit 1 env HOME=relative "$KNEAD" list
expect_exit 1 env HOME="$TMP/nonexistent/home" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_exit 1 env HOME="$TMP/nonexistent/home/" "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_contains "$ERR" "$TMP/nonexistent/home/.local/share/knead"
expect_missing "$TMP/nonexistent"
expect_eq "$(find "$TMP/cwd" -mindepth 1 | wc -l | tr -d ' ')" 0 "files made in the current directory"
cd "$TMP"
export XDG_CONFIG_HOME="$TMP/config" XDG_DATA_HOME="$TMP/data" XDG_STATE_HOME="$TMP/state"

# --- Paths in the config: ~ is the home directory; relative is the config's directory --
mkdir -p "$XDG_CONFIG_HOME/knead" "$TMP/elsewhere"
echo 'log = "~/notes/knead.log"' >"$XDG_CONFIG_HOME/knead/config.toml"
cd "$TMP/elsewhere"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_exists "$HOME/notes/knead.log"
expect_missing "$TMP/elsewhere/~"
expect_exit 0 "$KNEAD" history
expect_not_contains "$OUT" "No sessions yet"
expect_exit 0 "$KNEAD" config
expect_regex "$OUT" "^  log +$HOME/notes/knead.log +$XDG_CONFIG_HOME/knead/config.toml:1"
echo 'log = "logs/knead.log"' >"$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 3 "$KNEAD" --routines "$ROUTINES" run tiny --no-wait <"$ANSWERS"
expect_exists "$XDG_CONFIG_HOME/knead/logs/knead.log"
expect_missing "$TMP/elsewhere/logs"
echo 'log = "~"' >"$XDG_CONFIG_HOME/knead/config.toml"
expect_exit 0 "$KNEAD" config
expect_regex "$OUT" "^  log +$HOME "
cd "$TMP"
rm "$XDG_CONFIG_HOME/knead/config.toml"

# --- A log from a far newer knead: said so, whatever the number -------------------------
printf '# knead log v99999999999999999999\n' >"$TMP/newer.log"
expect_exit 0 "$KNEAD" history --log "$TMP/newer.log"
expect_contains "$ERR" "was written by a newer knead (log v99999999999999999999;"
