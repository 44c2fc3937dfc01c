#!/usr/bin/env bash
# `knead where`: which points can send pain to a place, its ranking, the list of known
# places, user routines, invalid routines, exit codes, and --json.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# The numbered hits, "N. NAME, routine ID (KIND: AREA)", one per line, in order.
hits() {  # FILE
    grep -aE '^ ?[0-9]+\. ' "$1" | sed -E 's/^ ?[0-9]+\. //'
}

# expect_valid_json FILE: the whole file is one JSON value. A small recursive-descent
# checker in awk, since the machines the tests run on need not have a JSON tool.
_JSON_AWK='
    function fail(msg) { if (!bad) print "invalid JSON at byte " pos ": " msg; bad = 1 }
    function ws() { while (pos <= n && index(" \t\r\n", substr(s, pos, 1))) pos++ }
    function str(   c) {
        if (substr(s, pos, 1) != "\"") { fail("expected a string"); return }
        pos++
        while (pos <= n) {
            c = substr(s, pos, 1)
            if (c == "\"") { pos++; return }
            if (c == "\\") {
                c = substr(s, pos + 1, 1)
                if (c != "" && index("\"\\/bfnrt", c)) pos += 2
                else if (c == "u" && substr(s, pos + 2, 4) ~ /^[0-9a-fA-F][0-9a-fA-F][0-9a-fA-F][0-9a-fA-F]$/) pos += 6
                else { fail("bad escape"); return }
            } else if (c < " ") { fail("raw control character in a string"); return }
            else pos++
        }
        fail("unterminated string")
    }
    function value(   c) {
        ws()
        c = substr(s, pos, 1)
        if (c == "{") members("}", 1)
        else if (c == "[") members("]", 0)
        else if (c == "\"") str()
        else if (substr(s, pos, 4) == "true" || substr(s, pos, 4) == "null") pos += 4
        else if (substr(s, pos, 5) == "false") pos += 5
        else if (match(substr(s, pos), /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?/)) pos += RLENGTH
        else fail("unexpected \"" c "\"")
        ws()
    }
    function members(closer, keyed,   c) {
        pos++
        ws()
        if (substr(s, pos, 1) == closer) { pos++; return }
        while (!bad) {
            if (keyed) {
                ws(); str(); ws()
                if (substr(s, pos, 1) != ":") { fail("expected :"); return }
                pos++
            }
            value()
            c = substr(s, pos, 1)
            pos++
            if (c == closer) return
            if (c != ",") { fail("expected , or " closer); return }
        }
    }
    { s = s $0 "\n" }
    END { n = length(s); pos = 1; bad = 0; value(); if (!bad && pos <= n) fail("text after the value"); exit bad }'

expect_valid_json() {
    local file=$1
    awk "$_JSON_AWK" "$file" >"$TMP/json.why" ||
        fail "$(basename "$file") should be valid JSON" "valid JSON" "$(cat "$TMP/json.why")" "$file"
    pass
}

# The checker itself must be able to fail, or the checks below would prove nothing.
for bad in '{"a":"b}' '{"a" "b"}' '["a",]x' '{"a":"\q"}' '[1 2]' "$(printf '["a\tb"]')"; do
    printf '%s\n' "$bad" >"$TMP/bad.json"
    if awk "$_JSON_AWK" "$TMP/bad.json" >/dev/null; then
        fail "the JSON checker should reject $bad" "rejected" "accepted"
    fi
    pass
done
printf '%s\n' '{"a":[1,-2.5e3,true,false,null,"x\"\\\u00e9"],"b":{}}' >"$TMP/good.json"
expect_valid_json "$TMP/good.json"

# --- An exact match, across routines, in routine order ----------------------------------
expect_exit 0 "$KNEAD" where temple
expect_empty "$ERR"
expect_first_line "$OUT" 'Points that can send pain to "temple", best match first:'
hits "$OUT" >"$TMP/hits"
expect_line_count "$TMP/hits" 3
# Its main referral first: the temple is the temporalis' first area, the others' later one.
expect_first_line "$TMP/hits" "Temporalis, routine jaw (refers to: temple)"
expect_contains "$TMP/hits" "Semispinalis capitis, routine head (refers to: temple)"
expect_contains "$TMP/hits" "Upper trapezius, routine neck (refers to: temple)"
# Each hit has its locate cue, taken from the routine file.
expect_line_count "$OUT" 3 '^    Locate: '
cue=$(sed -n '/^id = "temporalis"/,/^locate/s/^locate = "\(.*\)"$/\1/p' "$KNEAD_SOURCE/routines/jaw.toml")
expect_contains "$OUT" "    Locate: ${cue:0:40}"
expect_contains "$OUT" 'knead run jaw'

# Case, plurals and filler words do not matter.
cp "$OUT" "$TMP/temple.out"
expect_exit 0 "$KNEAD" where "My TEMPLES"
expect_eq "$(hits "$OUT")" "$(hits "$TMP/temple.out")" "hits for \"My TEMPLES\" and \"temple\""
expect_exit 0 "$KNEAD" where pain in my left heel
hits "$OUT" >"$TMP/hits"
expect_contains "$TMP/hits" "Soleus, routine calf (refers to: heel)"
expect_contains "$TMP/hits" "Abductor hallucis, routine foot (refers to: heel)"
expect_contains "$TMP/hits" "Quadratus plantae, routine foot (refers to: heel)"
expect_line_count "$TMP/hits" 4

# --- A word within a phrase; several words without quotes ------------------------------
expect_exit 0 "$KNEAD" where eye
hits "$OUT" >"$TMP/hits"
expect_first_line "$TMP/hits" "Splenius cervicis, routine deep-neck (refers to: behind the eye)"
expect_contains "$TMP/hits" "Suboccipitals, routine neck (refers to: behind the eye)"
expect_contains "$TMP/hits" "Sternocleidomastoid, routine neck (refers to: behind the eye)"
expect_line_count "$TMP/hits" 5
expect_not_contains "$TMP/hits" "eyebrow"  # "eye" is a word, not the start of "eyebrow"

expect_exit 0 "$KNEAD" where back of head
hits "$OUT" >"$TMP/hits"
expect_first_line "$TMP/hits" "Semispinalis capitis, routine head (refers to: back of the head)"
expect_contains "$TMP/hits" "Suboccipitals, routine neck (refers to: back of the head)"
expect_contains "$TMP/hits" "Sternocleidomastoid, routine neck (refers to: back of the head)"
# Exact matches first; a point that shares only "head" comes after, marked as close.
expect_contains "$OUT" "Partial and close matches:"
expect_before "$OUT" "Sternocleidomastoid, routine neck" "Partial and close matches:"
expect_before "$OUT" "Partial and close matches:" "Temporalis, routine jaw (close match: side of the head)"

# A general place finds the areas inside it.
expect_exit 0 "$KNEAD" where upper back
hits "$OUT" >"$TMP/hits"
expect_contains "$TMP/hits" "Rhomboids, routine upper-back (refers to: between the shoulder blades)"
expect_contains "$TMP/hits" "Infraspinatus, routine shoulder (refers to: shoulder blade)"

# --- A typo -----------------------------------------------------------------------------
expect_exit 0 "$KNEAD" where tempel
expect_first_line "$OUT" 'Nothing refers pain to "tempel" exactly; the closest matches:'
hits "$OUT" >"$TMP/hits"
expect_first_line "$TMP/hits" "Temporalis, routine jaw (close match: temple)"
expect_line_count "$TMP/hits" 3

# --- Nothing found: exit 1, like grep, and the places knead knows -----------------------
expect_exit 1 "$KNEAD" where xyzzy
expect_empty "$ERR"
expect_first_line "$OUT" 'No point refers pain to "xyzzy".'
expect_line_count "$OUT" 0 '^ ?[0-9]+\. '
expect_followed_by "$OUT" "head and face" "temple"
expect_contains "$OUT" "feet"

expect_exit 1 "$KNEAD" where "the pain"
expect_first_line "$OUT" '"the pain" names no place on the body.'
expect_contains "$OUT" "head and face"

# --- No text: the known places, grouped by region, head to feet -------------------------
expect_exit 0 "$KNEAD" where
expect_empty "$ERR"
cp "$OUT" "$TMP/places"
regions=("head and face" "neck and shoulders" "arms and hands" "back and trunk" "hips and legs" "feet")
for ((i = 0; i < ${#regions[@]}; i++)); do
    expect_line_count "$TMP/places" 1 "^${regions[i]}\$"
    ((i == 0)) || expect_before "$TMP/places" "${regions[i - 1]}" "${regions[i]}"
done
expect_followed_by "$TMP/places" "head and face" "  forehead, temple,"
expect_followed_by "$TMP/places" "feet" "heel, arch of the foot, ball of the foot"
expect_not_contains "$TMP/places" "other"
# Every referral area of every built-in routine is listed (lines wrap between words).
tr '\n' ' ' <"$TMP/places" | tr -s ' ' >"$TMP/places.joined"
while IFS= read -r area; do
    expect_contains "$TMP/places.joined" "$area"
done < <(sed -n 's/^refers_to = \[\(.*\)\]$/\1/p' "$KNEAD_SOURCE"/routines/*.toml | tr ',' '\n' |
    sed 's/^ *"//; s/"$//' | sort -u)
expect_exit 0 "$KNEAD" where ""  # blank text is no text
expect_same_file "$OUT" "$TMP/places"

# --- The user's routines are searched too; unknown words go to "other" -------------------
mkdir -p "$XDG_CONFIG_HOME/knead/routines"
cat >"$XDG_CONFIG_HOME/knead/routines/desk.toml" <<'EOF'
schema = 1
name = "Desk"
area = "desk"

[[point]]
id = "desk-wrist"
name = "Desk wrist"
muscle = "wrist flexors"
refers_to = ["front of the wrist", "aura"]
tool = "thumb"
locate = 'The "soft" side of the forearm \ near the wrist.'
press = "Press slowly."
EOF
expect_exit 0 "$KNEAD" where wrist
hits "$OUT" >"$TMP/hits"
expect_contains "$TMP/hits" "Desk wrist (wrist flexors), routine desk (refers to: front of the wrist)"
expect_contains "$TMP/hits" "Wrist extensors (extensor carpi radialis), routine forearm (refers to: back of the wrist)"
expect_exit 0 "$KNEAD" where aura
expect_first_line "$OUT" 'Points that can send pain to "aura", best match first:'
expect_exit 0 "$KNEAD" where
expect_followed_by "$OUT" "other" "  aura"

# --- The routine cache: private, and an edited file is never served from it -------------
expect_mode "$XDG_CACHE_HOME/knead/routines.cache" 600
desk=$XDG_CONFIG_HOME/knead/routines/desk.toml
touch -d '1 minute ago' "$desk"
expect_exit 0 "$KNEAD" where wrist  # now in the cache as it is
touch -r "$desk" "$TMP/desk.stamp"
# The same size, the same inode and, given back, the same modification time.
text=$(sed 's/Desk wrist/Dusk wrist/' "$desk")
printf '%s\n' "$text" >"$desk"
touch -r "$TMP/desk.stamp" "$desk"
expect_exit 0 "$KNEAD" where wrist
expect_contains "$OUT" "Dusk wrist (wrist flexors), routine desk"
expect_not_contains "$OUT" "Desk wrist"
# A damaged cache is read past, and rebuilt.
printf 'damaged' >"$XDG_CACHE_HOME/knead/routines.cache"
expect_exit 0 "$KNEAD" where wrist
expect_empty "$ERR"
expect_contains "$OUT" "Dusk wrist (wrist flexors), routine desk"
expect_not_contains "$XDG_CACHE_HOME/knead/routines.cache" "damaged"

# --- An invalid routine is skipped with a one-line warning -------------------------------
printf 'schema = 1\nname = "Broken"\n' >"$ROUTINES/broken.toml"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" where temple
expect_line_count "$ERR" 1
expect_contains "$ERR" "knead: warning: skipping the invalid routine $ROUTINES/broken.toml"
expect_contains "$ERR" "knead validate $ROUTINES/broken.toml"
expect_eq "$(hits "$OUT")" "$(hits "$TMP/temple.out")" "hits with a broken routine on the path"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" where
expect_line_count "$ERR" 1 "skipping the invalid routine"

# A broken file that hides a built-in of the same name hides its points too, and says so.
printf 'not toml [\n' >"$ROUTINES/jaw.toml"
expect_exit 0 "$KNEAD" --routines "$ROUTINES" where temple
expect_contains "$ERR" "skipping the invalid routine $ROUTINES/jaw.toml"
expect_eq "$(hits "$OUT")" "Semispinalis capitis, routine head (refers to: temple)
Upper trapezius, routine neck (refers to: temple)" "hits without the jaw"
rm "$ROUTINES/jaw.toml"

# --- --json -----------------------------------------------------------------------------
expect_exit 0 "$KNEAD" where --json temple
expect_empty "$ERR"
expect_valid_json "$OUT"
expect_first_line "$OUT" '{"version":2,"query":"temple","matches":['
expect_line_count "$OUT" 3 '^\{"routine":'
expect_regex "$OUT" '^\{"routine":"jaw","point":"temporalis","name":"Temporalis","muscle":"temporalis","match":"exact","area":"temple","refers_to":\["temple",[^]]*\],"locate":"Clench [^"]*","file":"[^"]*/jaw\.toml"\},$'
expect_regex "$OUT" '^\{"routine":"neck","point":"upper-trapezius",.*"match":"exact","area":"temple",'
expect_before "$OUT" '"routine":"jaw"' '"routine":"neck"'
# No symptom that needs care: an empty list of notes closes the object.
expect_eq "$(tail -n 1 "$OUT")" '],"care":[]}' "the last line of the JSON"

expect_exit 0 "$KNEAD" where tempel --json
expect_valid_json "$OUT"
expect_regex "$OUT" '"match":"close","area":"temple"'
expect_exit 0 "$KNEAD" where --json upper back
expect_regex "$OUT" '"point":"rhomboids",.*"match":"within","area":"between the shoulder blades"'

# Quotes, backslashes and control characters in the query and in routine text are escaped.
expect_exit 0 "$KNEAD" where --json wrist
expect_valid_json "$OUT"
expect_contains "$OUT" '"locate":"The \"soft\" side of the forearm \\ near the wrist."'
expect_contains "$OUT" '"refers_to":["front of the wrist","aura"]'
expect_exit 1 "$KNEAD" where --json "$(printf 'te"mp\\le\tx')"
expect_valid_json "$OUT"
expect_first_line "$OUT" '{"version":2,"query":"te\"mp\\le\tx","matches":[],"care":[]}'
expect_line_count "$OUT" 0 '^\{"routine":'
expect_exit 1 "$KNEAD" where --json "$(printf 'bad\377byte')"
expect_valid_json "$OUT"
expect_contains "$OUT" '"query":"bad\ufffdbyte"'

# No text: the places by region.
expect_exit 0 "$KNEAD" where --json
expect_valid_json "$OUT"
expect_first_line "$OUT" '{"version":2,"regions":['
expect_regex "$OUT" '^\{"region":"head and face","words":\["forehead","temple",'
expect_regex "$OUT" '^,?\{"region":"other","words":\["aura"\]\}$'
expect_line_count "$OUT" 7 '"region":'

# The human output never has escape codes, whatever the query.
expect_exit 1 "$KNEAD" where "$(printf 'x\033[31my')"
expect_no_escapes "$OUT"
