#!/usr/bin/env bash
# `knead plan`: every step with its start and length, totals per point and per session,
# and the same numbers as `knead show` and `knead list`.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

to_seconds() {  # M:SS -> seconds
    echo $((10#${1%:*} * 60 + 10#${1#*:}))
}

# check_plan FILE: each step starts where the one before ended, each point total is the
# sum of its steps, and the session total is the sum of all of them.
check_plan() {
    local bad
    bad=$(awk '
        function secs(t,   p) { split(t, p, ":"); return p[1] * 60 + p[2] }
        /^ +[0-9]+:[0-9][0-9]  (locate|press|hold|stretch) / {
            if (secs($1) != at) print "line " NR ": starts at " $1 ", expected " at
            at += $(NF - 1); point += $(NF - 1); steps++; next
        }
        /^ +point total +[0-9]+:[0-9][0-9]$/ {
            if (secs($NF) != point) print "line " NR ": point total " $NF ", steps add up to " point
            point = 0; points++; next
        }
        /end of session, total/ {
            if (secs($1) != at || secs($NF) != at) print "line " NR ": total " $NF ", steps add up to " at
            ended = 1
        }
        END {
            if (!ended) print "no end line"
            if (steps == 0 || points == 0) print "no steps or no points"
        }' "$1")
    [[ -z $bad ]] || fail "the plan in $(basename "$1") should add up" "consistent times" "$bad" "$1"
    pass
}

# --- One routine --------------------------------------------------------------------------
expect_exit 0 "$KNEAD" plan neck
cp "$OUT" "$TMP/neck.plan"
P="$TMP/neck.plan"
expect_empty "$ERR"
expect_regex "$P" '^Plan for neck: 4 points, [0-9]+:[0-9]{2} \(about [0-9]+ minutes\) plus the time you take to answer\.$'
expect_contains "$P" "neck.upper-trapezius: Upper trapezius, both sides"
expect_contains "$P" "neck.suboccipitals: Suboccipitals, center side"
expect_regex "$P" '^ +0:00  locate   left    rep 1/2 +15 s$'
expect_regex "$P" '^ +[0-9]+:[0-9]{2}  stretch  right +30 s$'
expect_line_count "$P" 4 '^ +point total '
# 7 sides x (2 reps x 3 steps + a stretch) = 49 steps, as a session of neck asks 49 answers.
expect_line_count "$P" 49 '^ +[0-9]+:[0-9]{2}  (locate|press|hold|stretch) '
# The sternocleidomastoid holds start at its own 30 s, not the routine's 60 s.
expect_followed_by "$P" "neck.sternocleidomastoid:" "locate   left    rep 1/2"
expect_regex "$P" '^ +[0-9]+:[0-9]{2}  hold     left    rep 1/2 +30 s$'
check_plan "$P"
TOTAL=$(sed -n 's/^ *\([0-9]*:[0-9][0-9]\)  end of session, total .*/\1/p' "$P")

# `show` and `list` agree with it.
expect_exit 0 "$KNEAD" show neck
expect_regex "$OUT" "^ +$TOTAL  end \\(about [0-9]+ minutes"
expect_exit 0 "$KNEAD" list
LIST_MIN=$(awk '$1 == "neck" { print $NF }' "$OUT")
expect_eq "$LIST_MIN" "$(( ($(to_seconds "$TOTAL") + 30) / 60 ))" "minutes of neck in list"

# --- Several routines: one timeline, totals add up ---------------------------------------
expect_exit 0 "$KNEAD" plan upper-back
UB=$(sed -n 's/^ *\([0-9]*:[0-9][0-9]\)  end of session, total .*/\1/p' "$OUT")
expect_exit 0 "$KNEAD" plan neck upper-back
cp "$OUT" "$TMP/two.plan"
expect_regex "$TMP/two.plan" '^Plan for neck \+ upper-back: 6 points, '
expect_before "$TMP/two.plan" "neck.sternocleidomastoid:" "upper-back.rhomboids:"
check_plan "$TMP/two.plan"
BOTH=$(sed -n 's/^ *\([0-9]*:[0-9][0-9]\)  end of session, total .*/\1/p' "$TMP/two.plan")
expect_eq "$(to_seconds "$BOTH")" "$(($(to_seconds "$TOTAL") + $(to_seconds "$UB")))" \
    "total of neck + upper-back"

# --- A file, a composed routine, and a point without a stretch ---------------------------
cat >"$ROUTINES/nostretch.toml" <<'TOML'
schema = 1
name = "No stretch"
area = "test"

[[point]]
id = "only"
name = "Only"
muscle = "m"
refers_to = ["x"]
side = "right"
reps = 1
locate_seconds = 7
press_seconds = 3
hold = 25
locate = "L."
press = "P."
TOML
expect_exit 0 "$KNEAD" plan "$ROUTINES/nostretch.toml"
expect_line_count "$OUT" 3 '^ +[0-9]+:[0-9]{2}  (locate|press|hold|stretch) '
expect_regex "$OUT" '^ +0:10  hold     right   rep 1/1 +25 s$'
expect_regex "$OUT" '^ +0:35  end of session, total +0:35$'
expect_no_regex "$OUT" ' stretch '
expect_exit 0 "$KNEAD" plan desk-worker
expect_contains "$OUT" "desk-worker.upper-trapezius (from neck): Upper trapezius, both sides"
check_plan "$OUT"

# --- Mistakes -----------------------------------------------------------------------------
expect_exit 2 "$KNEAD" plan nek
expect_contains "$ERR" "Did you mean \`neck\`?"
expect_empty "$OUT"
expect_exit 2 "$KNEAD" plan
expect_exit 2 "$KNEAD" plan "$TMP/missing.toml"
expect_contains "$ERR" "$TMP/missing.toml: error: no such file"
printf 'schema = 1\nname = "x"\n' >"$TMP/broken.toml"
expect_exit 2 "$KNEAD" plan "$TMP/broken.toml"
expect_regex "$ERR" "^$TMP/broken.toml:1:1: error: "
expect_exit 0 "$KNEAD" plan --help
expect_contains "$OUT" "timeline"
