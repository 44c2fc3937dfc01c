# Shared helpers for the end-to-end tests. Source it first thing in a test_*.sh script:
#
#   source "$(dirname "$0")/lib.sh"
#
# CTest runs each script with KNEAD=<built binary> and KNEAD_SOURCE=<repo root>. Every
# script gets a private temporary HOME (and XDG directories) so it never touches the
# user's real log or routines, and the directory is removed when the script exits.
#
# Assertions print what was expected and what came, then end the script with status 1.
# The EXIT trap prints "<script>: N passed, M failed" and sets the exit status.

set -euo pipefail
set -E  # the ERR trap below also fires inside functions

export LC_ALL=C

: "${KNEAD:?set KNEAD to the knead binary (CTest does this)}"
: "${KNEAD_SOURCE:?set KNEAD_SOURCE to the repository root (CTest does this)}"
if [[ ! -x $KNEAD ]]; then
    echo "KNEAD=$KNEAD is not an executable file" >&2
    exit 1
fi

TEST_NAME=$(basename "$0" .sh)
PASSED=0
FAILED=0

TMP=$(mktemp -d "${TMPDIR:-/tmp}/knead-e2e.XXXXXXXX")

_finish() {
    local rc=$?
    if ((rc != 0 && FAILED == 0)); then
        FAILED=1
        echo "FAIL: $TEST_NAME: the script stopped with status $rc outside an assertion" >&2
    fi
    # A background session left running by a failed check must not outlive the test.
    local pid
    for pid in $(jobs -p); do kill "$pid" 2>/dev/null || true; done
    rm -rf "$TMP"
    echo "$TEST_NAME: $PASSED passed, $FAILED failed"
    ((FAILED == 0)) || exit 1
}
trap _finish EXIT
trap 'echo "FAIL: $TEST_NAME: line $LINENO: unexpected failure of: $BASH_COMMAND" >&2' ERR

# A private user: nothing from the caller's environment leaks in.
export HOME="$TMP/home"
export XDG_CONFIG_HOME="$TMP/config"
export XDG_DATA_HOME="$TMP/data"
export XDG_STATE_HOME="$TMP/state"
export XDG_CACHE_HOME="$TMP/cache"
mkdir -p "$HOME"
unset KNEAD_LOG KNEAD_ROUTINES NO_COLOR
umask 022
cd "$TMP"

# No test ever waits on a terminal: knead reads answers only from what a test gives it.
exec </dev/null

# Where expect_exit leaves the output of the command it ran.
OUT="$TMP/stdout"
ERR="$TMP/stderr"
LAST_CMD=""

# Routines written by the tests go here; pass --routines "$ROUTINES" to find them.
ROUTINES="$TMP/routines"
mkdir -p "$ROUTINES"

# ---------------------------------------------------------------------------------------
# Reporting

# The script line that called the assertion, for the failure message.
_where() {
    local i
    for ((i = 1; i < ${#BASH_SOURCE[@]}; i++)); do
        if [[ ${BASH_SOURCE[i]} != "${BASH_SOURCE[0]}" ]]; then
            echo "$(basename "${BASH_SOURCE[i]}"):${BASH_LINENO[i - 1]}"
            return
        fi
    done
    echo "$TEST_NAME"
}

_show() {  # FILE: its first lines, indented, for context
    local file=$1 max=${2:-25}
    if [[ ! -e $file ]]; then
        echo "    (no file $file)"
        return
    fi
    local n
    n=$(wc -l <"$file")
    echo "    --- $file ($n lines$( ((n > max)) && echo ", first $max shown")) ---"
    head -n "$max" "$file" | cut -c1-200 | LC_ALL=C sed 's/[^[:print:]\t]/?/g; s/^/    | /'
}

pass() { PASSED=$((PASSED + 1)); }

# fail WHAT [EXPECTED ACTUAL [FILE...]]
fail() {
    local what=$1
    shift
    {
        echo "FAIL: $(_where): $what"
        if (($# >= 2)); then
            echo "    expected: $1"
            echo "    actual:   $2"
            shift 2
        fi
        [[ -n $LAST_CMD ]] && echo "    last command: $LAST_CMD"
        local f
        for f in "$@"; do _show "$f"; done
    } >&2
    FAILED=$((FAILED + 1))
    exit 1
}

# ---------------------------------------------------------------------------------------
# Running commands

# expect_exit CODE CMD [ARGS...]: runs CMD with the caller's stdin, stdout to $OUT and
# stderr to $ERR, and checks its exit status.
expect_exit() {
    local want=$1
    shift
    LAST_CMD="$*"
    local rc=0
    "$@" >"$OUT" 2>"$ERR" || rc=$?
    if [[ $rc != "$want" ]]; then
        fail "wrong exit status" "$want" "$rc" "$OUT" "$ERR"
    fi
    # Under the sanitizers (the asan preset), a report fails the test whatever the status.
    # (An empty stderr holds none: no grep then, as for most commands.)
    if [[ -s $ERR ]] && _sanitizer_report "$ERR"; then
        fail "a sanitizer reported an error" "no report" "$(grep -aE -m1 'Sanitizer|runtime error' "$ERR")" "$ERR"
    fi
    pass
}

# _sanitizer_report FILE: FILE holds a report of ASan, LSan or UBSan. Read by bash (see
# _slurp), or by grep for a file that bash cannot hold.
_sanitizer_report() {
    local LC_ALL=C
    if _slurp "$1"; then
        [[ $_TEXT == *AddressSanitizer* || $_TEXT == *LeakSanitizer* ||
            $_TEXT == *UndefinedBehaviorSanitizer* || $_TEXT == *"runtime error: "* ]]
    else
        grep -aqE '(Address|Leak|UndefinedBehavior)Sanitizer|runtime error: ' "$1"
    fi
}

# answers A B C...: writes one answer per line to $TMP/answers (use: < "$ANSWERS").
ANSWERS="$TMP/answers"
answers() {
    if (($# == 0)); then
        : >"$ANSWERS"
    else
        printf '%s\n' "$@" >"$ANSWERS"
    fi
}

# repeat_answer N TEXT: N lines of TEXT in $ANSWERS.
repeat_answer() {
    local n=$1 text=$2 i
    : >"$ANSWERS"
    for ((i = 0; i < n; i++)); do printf '%s\n' "$text" >>"$ANSWERS"; done
}

# ---------------------------------------------------------------------------------------
# Assertions on files and values

# _slurp FILE: sets _TEXT to the whole file without a fork (the assertions below run
# hundreds of times per script, and a grep costs a fork and an exec each). Returns 1 when
# the file is not a readable regular file or holds a NUL byte (a bash string cannot): the
# caller then asks grep, as before. So it does for a file over 128 KiB, which bash reads
# more slowly than grep.
_slurp() {
    local fd limit=131072 LC_ALL=C
    _TEXT=""
    [[ -f $1 ]] || return 1
    { exec {fd}<"$1"; } 2>/dev/null || return 1
    # Reading stops at a NUL, at the limit or at the end; only the end means it is all here.
    if IFS= read -r -d '' -n "$limit" _TEXT <&"$fd"; then
        exec {fd}<&-
        _TEXT=""
        return 1
    fi
    exec {fd}<&-
}

# _has_text FILE TEXT: some line of FILE contains TEXT, as `grep -aqF -- TEXT FILE`
# answers. Without a newline in TEXT, a line holds it exactly when the file does.
_has_text() {
    local LC_ALL=C
    if [[ -n $2 && $2 != *$'\n'* ]] && _slurp "$1"; then
        [[ $_TEXT == *"$2"* ]]
    else
        grep -aqF -- "$2" "$1" 2>/dev/null
    fi
}

expect_contains() {  # FILE TEXT: a line contains TEXT (fixed string)
    local file=$1 text=$2
    _has_text "$file" "$text" ||
        fail "$(basename "$file") should contain the text" "$text" "(not found)" "$file"
    pass
}

expect_contains_ci() {  # FILE TEXT: same, ignoring case
    local file=$1 text=$2
    grep -aqiF -- "$text" "$file" 2>/dev/null ||
        fail "$(basename "$file") should contain the text (any case)" "$text" "(not found)" "$file"
    pass
}

expect_not_contains() {  # FILE TEXT
    local file=$1 text=$2
    if _has_text "$file" "$text"; then
        fail "$(basename "$file") should not contain the text" "no \"$text\"" \
            "found: $(grep -aF -m1 -- "$text" "$file" | cut -c1-160)" "$file"
    fi
    pass
}

expect_regex() {  # FILE ERE: a line matches the extended regular expression
    local file=$1 re=$2
    grep -aqE -- "$re" "$file" 2>/dev/null ||
        fail "$(basename "$file") should have a line matching /$re/" "a match" "(none)" "$file"
    pass
}

expect_no_regex() {  # FILE ERE
    local file=$1 re=$2
    if grep -aqE -- "$re" "$file" 2>/dev/null; then
        fail "$(basename "$file") should have no line matching /$re/" "no match" \
            "$(grep -aE -m1 -- "$re" "$file" | cut -c1-160)" "$file"
    fi
    pass
}

# expect_line_count FILE N [ERE]: the file has N lines (N lines matching ERE).
expect_line_count() {
    local file=$1 want=$2 re=${3:-} got
    if [[ -n $re ]]; then
        got=$(grep -acE -- "$re" "$file" || true)
    elif _slurp "$file"; then
        local newlines=${_TEXT//[^$'\n']/}  # wc -l counts newlines, so this does too
        got=${#newlines}
    else
        got=$(wc -l <"$file")
    fi
    [[ $got == "$want" ]] ||
        fail "number of lines in $(basename "$file")${re:+ matching /$re/}" "$want" "$got" "$file"
    pass
}

expect_eq() {  # ACTUAL EXPECTED WHAT
    local got=$1 want=$2 what=$3
    [[ $got == "$want" ]] || fail "$what" "$want" "$got"
    pass
}

expect_match() {  # VALUE ERE WHAT: the value matches the regular expression
    local got=$1 re=$2 what=$3
    [[ $got =~ $re ]] || fail "$what" "a value matching /$re/" "$got"
    pass
}

expect_empty() {  # FILE
    local file=$1
    [[ ! -s $file ]] || fail "$(basename "$file") should be empty" "(empty)" "$(wc -c <"$file") bytes" "$file"
    pass
}

expect_exists() {  # PATH
    [[ -e $1 ]] || fail "$1 should exist" "it exists" "(missing)"
    pass
}

expect_missing() {  # PATH
    [[ ! -e $1 ]] || fail "$1 should not exist" "(missing)" "$(ls -ld "$1")"
    pass
}

expect_mode() {  # PATH MODE: permission bits as stat -c %a prints them
    local got
    got=$(stat -c %a "$1")
    [[ $got == "$2" ]] || fail "mode of $1" "$2" "$got"
    pass
}

expect_first_line() {  # FILE TEXT: the first line is exactly TEXT
    local got=""
    if [[ -f $1 && -r $1 ]]; then
        IFS= read -r got <"$1" || true  # (a first line without a newline still counts)
    else
        got=$(head -n 1 "$1")
    fi
    [[ $got == "$2" ]] || fail "first line of $(basename "$1")" "$2" "$got" "$1"
    pass
}

expect_same_file() {  # A B: byte for byte
    cmp -s "$1" "$2" || fail "$(basename "$1") should be unchanged" "same bytes as $2" \
        "$(cmp "$1" "$2" 2>&1 | head -1)" "$1"
    pass
}

# _first_line_with FILE TEXT: sets _LINE to the number of the first line containing TEXT,
# as `grep -nF -m1` finds it, or to nothing. Counted by bash where _has_text can: no
# subshell, grep or cut.
_first_line_with() {
    local LC_ALL=C before newlines
    _LINE=""
    if [[ -n $2 && $2 != *$'\n'* ]] && _slurp "$1"; then
        [[ $_TEXT == *"$2"* ]] || return 0
        before=${_TEXT%%"$2"*}
        newlines=${before//[^$'\n']/}
        _LINE=$((${#newlines} + 1))
    else
        _LINE=$(grep -anF -m1 -- "$2" "$1" | cut -d: -f1)
    fi
}

# expect_before FILE FIRST SECOND: the first line containing FIRST comes before the first
# line containing SECOND.
expect_before() {
    local file=$1 a=$2 b=$3 la lb
    _first_line_with "$file" "$a"
    la=$_LINE
    _first_line_with "$file" "$b"
    lb=$_LINE
    [[ -n $la && -n $lb && $la -lt $lb ]] ||
        fail "in $(basename "$file"), \"$a\" should come before \"$b\"" \
            "line of first < line of second" "${la:-none} vs ${lb:-none}" "$file"
    pass
}

# expect_followed_by FILE FIRST NEXT: some line containing FIRST is followed directly by
# a line containing NEXT.
expect_followed_by() {
    local file=$1 a=$2 b=$3
    awk -v a="$a" -v b="$b" '
        prev && index($0, b) { found = 1; exit }
        { prev = index($0, a) > 0 }
        END { exit found ? 0 : 1 }' "$file" ||
        fail "in $(basename "$file"), a line with \"$a\" should be followed by one with \"$b\"" \
            "\"$a\" then \"$b\"" "(not so)" "$file"
    pass
}

# expect_no_escapes FILE: no ESC (0x1b) and no BEL (0x07) bytes.
expect_no_escapes() {
    local file=$1 hits
    hits=$(od -An -c "$file" | grep -cE '033|\\a' || true)
    [[ $hits == 0 ]] ||
        fail "$(basename "$file") should hold no escape or bell bytes" "none" \
            "$(grep -caP '\x1b|\x07' "$file") lines with them" "$file"
    pass
}

# ---------------------------------------------------------------------------------------
# The session log (logfmt: key=value pairs, values quoted when they hold blanks)

# The keys of each logfmt line, in order, or INVALID for a line that is not key=value pairs.
_LOGFMT_KEYS_AWK='
    function keys_of(line,   i, n, c, key, out, closed) {
        n = length(line); i = 1; out = ""
        while (i <= n) {
            while (i <= n && substr(line, i, 1) == " ") i++
            if (i > n) break
            key = ""
            while (i <= n && substr(line, i, 1) ~ /[A-Za-z0-9_.-]/) { key = key substr(line, i, 1); i++ }
            if (key == "" || substr(line, i, 1) != "=") return "INVALID"
            i++
            if (substr(line, i, 1) == "\"") {
                i++; closed = 0
                while (i <= n) {
                    c = substr(line, i, 1); i++
                    if (c == "\\") { i++; continue }
                    if (c == "\"") { closed = 1; break }
                }
                if (!closed) return "INVALID"
                if (i <= n && substr(line, i, 1) != " ") return "INVALID"
            } else {
                while (i <= n && substr(line, i, 1) != " ") {
                    if (substr(line, i, 1) == "\"") return "INVALID"
                    i++
                }
            }
            out = out (out == "" ? "" : " ") key
        }
        return out == "" ? "INVALID" : out
    }'

# logfmt_keys LINE: prints the keys of the line in order, or INVALID.
logfmt_keys() {
    printf '%s\n' "$1" | awk "$_LOGFMT_KEYS_AWK"' { print keys_of($0) }'
}

# expect_records_only FILE: every line is a whole logfmt record that starts with time=
# and session= (no header, no stray text, no half line).
expect_records_only() {
    local file=$1 bad
    bad=$(awk "$_LOGFMT_KEYS_AWK"'
        { k = keys_of($0); if (k !~ /^time session( |$)/) print "line " NR ": " $0 }' "$file")
    [[ -z $bad ]] ||
        fail "every line of $(basename "$file") should be a whole record" \
            "time=... session=... key=value..." "$(printf '%s\n' "$bad" | head -n 3)" "$file"
    pass
}

# expect_whole_records FILE: the header line, then only whole records.
expect_whole_records() {
    local file=$1
    expect_first_line "$file" "# knead log v1"
    tail -n +2 "$file" >"$TMP/records-after-header"
    expect_records_only "$TMP/records-after-header"
}

# log_field LINE KEY: prints the (unquoted) value of KEY; fails when there is none.
log_field() {
    local line=$1 key=$2 w
    local -a words
    read -ra words <<<"$line"
    for w in "${words[@]}"; do
        if [[ $w == "$key="* ]]; then
            printf '%s\n' "${w#*=}"
            return 0
        fi
    done
    return 1
}

# log_records FILE [ERE]: the non-comment lines (matching ERE).
log_records() {
    grep -av '^#' "$1" | grep -aE -- "${2:-.}" || true
}

# epoch ISO-TIME: seconds since the epoch, for comparing log times.
epoch() {
    date -d "$1" +%s
}

# ---------------------------------------------------------------------------------------
# Permissions

# unprivileged WHAT: sets AS_USER to the words that run a command as a user whom file
# permissions bind. Permissions do not bind root, so as root that is the user "nobody"
# (through setpriv or runuser), with $TMP opened to it (0755, and its HOME a directory
# of its own in $TMP); as anyone else, nothing. Returns 1, saying why WHAT is skipped,
# when neither can switch users or nobody cannot run $KNEAD.
unprivileged() {
    AS_USER=()
    (($(id -u) != 0)) && return 0
    local group
    group=$(id -gn nobody 2>/dev/null) || group=
    if [[ -n $group ]] && command -v setpriv >/dev/null &&
        setpriv --reuid=nobody --regid="$group" --clear-groups true 2>/dev/null; then
        AS_USER=(setpriv --reuid=nobody --regid="$group" --clear-groups)
    elif command -v runuser >/dev/null && runuser -u nobody -- true 2>/dev/null; then
        AS_USER=(runuser -u nobody --)
    else
        echo "$TEST_NAME: skipped: $1 (root, and neither setpriv nor runuser can switch to" \
            "the user nobody)"
        return 1
    fi
    chmod 755 "$TMP"
    mkdir -p "$TMP/nobody-home"
    chmod 777 "$TMP/nobody-home"
    AS_USER+=(env HOME="$TMP/nobody-home" XDG_STATE_HOME="$TMP/nobody-home/state"
        XDG_CONFIG_HOME="$TMP/nobody-home/config" XDG_DATA_HOME="$TMP/nobody-home/data")
    if ! "${AS_USER[@]}" test -x "$KNEAD"; then
        echo "$TEST_NAME: skipped: $1 (the user nobody cannot run $KNEAD)"
        return 1
    fi
}

# ---------------------------------------------------------------------------------------
# Routines

# write_routine FILE [SIDE] [REPS] [AREA] [NAME]: a valid one-point routine with
# distinctive texts. The point's dose is the built-in default: locate 15 s, press 10 s,
# hold 30 s (20-60), stretch 30 s, target pain 5-7.
write_routine() {
    local file=$1 side=${2:-right} reps=${3:-2} area=${4:-test area} name=${5:-Tiny} text
    # No fork unless the directory is new: tests write these in loops.
    [[ $file != */* || -d ${file%/*} ]] || mkdir -p "${file%/*}"
    IFS= read -r -d '' text <<EOF || true
schema = 1
name = "$name"
area = "$area"
summary = "A one-point routine for the end-to-end tests."
cautions = ["Tiny caution: stop on tingling."]

[[point]]
id = "tiny-point"
name = "Tiny point"
muscle = "tiny muscle"
refers_to = ["elbow", "wrist"]
tool = "thumb"
side = "$side"
reps = $reps
locate = "Find the tiny spot."
press = "Press the tiny spot."
stretch = "Stretch the tiny muscle."
EOF
    printf '%s' "$text" >"$file"
}

# The number of [[point]] tables in a built-in routine, and its area.
builtin_points() { grep -c '^\[\[point\]\]' "$KNEAD_SOURCE/routines/$1.toml"; }
builtin_area() { sed -n 's/^area = "\(.*\)"$/\1/p' "$KNEAD_SOURCE/routines/$1.toml"; }
