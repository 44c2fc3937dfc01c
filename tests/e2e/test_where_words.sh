#!/usr/bin/env bash
# `knead where` speaks the user's words: complaint names and lay words find the muscles
# known for them among the first three, and the misleading matches of similar words do
# not; symptoms that need care print a note before any point.
# shellcheck source=tests/e2e/lib.sh
source "$(dirname "$0")/lib.sh"

# first_muscles QUERY: the muscles of the first three matches, one a line. The match lines
# are read by bash itself: no grep and sed for each of the table's queries.
first_muscles() {
    local line hits=0
    "$KNEAD" where --json "$1" >"$TMP/where.json" 2>"$TMP/where.err" || true
    while ((hits < 3)) && IFS= read -r line; do
        [[ $line =~ ^,?\{\"routine\": ]] || continue
        hits=$((hits + 1))
        # As greedy as sed's `.*`: the last "muscle" of the line.
        [[ $line =~ .*\"muscle\":\"([^\"]*)\" ]] && printf '%s\n' "${BASH_REMATCH[1]}"
    done <"$TMP/where.json"
    return 0
}

# QUERY | a muscle expected among the first three | muscles that must not be there (;)
while IFS='|' read -r query want wrong; do
    [[ -z $query || $query == \#* ]] && continue
    first_muscles "$query" >"$TMP/first"
    LAST_CMD="knead where --json \"$query\""
    expect_line_count "$TMP/first" 1 "^$want\$"
    IFS=';' read -ra bad <<<"$wrong"
    for b in "${bad[@]}"; do
        [[ -n $b ]] && expect_line_count "$TMP/first" 0 "^$b\$"
    done
done <<'EOF_TABLE'
headache|upper trapezius|
tension headache|suboccipitals|
migraine|temporalis|
TMJ|masseter|
jaw joint pain|masseter|
stiff neck|levator scapulae|
dizziness|sternocleidomastoid|
rotator cuff|infraspinatus|
trapezius|upper trapezius|
tennis elbow|extensor carpi radialis|pectoralis major
golfer's elbow|flexor carpi radialis and ulnaris|extensor carpi radialis
carpal tunnel|flexor carpi radialis and ulnaris|
mid back|thoracic paraspinals|
low back|quadratus lumborum|masseter
lower back pain|quadratus lumborum|masseter;digastric
SI joint|quadratus lumborum|
tailbone|gluteus maximus|
sciatica|piriformis|
hamstring|biceps femoris|
IT band|tensor fasciae latae|first dorsal interosseous;extensor digitorum;adductor pollicis
kneecap|rectus femoris|biceps femoris
front of the knee|rectus femoris|biceps femoris;semitendinosus and semimembranosus;gastrocnemius
back of the knee|biceps femoris|rectus femoris;vastus medialis
inner knee|vastus medialis|vastus lateralis;tensor fasciae latae
outer knee|tensor fasciae latae|vastus medialis;sartorius;gracilis
front of the thigh|rectus femoris|biceps femoris;semitendinosus and semimembranosus
inner thigh|adductor longus and magnus|vastus lateralis;tensor fasciae latae
outer thigh|vastus lateralis|adductor longus and magnus;gracilis
shin splints|tibialis anterior|
Achilles|soleus|
plantar fasciitis|soleus|
top of the foot|extensor digitorum brevis|flexor digitorum brevis;flexor hallucis brevis
ball of the foot|flexor digitorum brevis|extensor digitorum brevis
EOF_TABLE

# --- Symptoms that need care: a note, saying what to do, before any point --------------
for query in "chest pain" "numbness in my hand" "tingling fingers" "weakness in my arm" \
    "dizziness" "fever" "swollen calf" "pain after a fall" "injured knee"; do
    "$KNEAD" where "$query" >"$TMP/care.out" 2>&1 || true
    LAST_CMD="knead where \"$query\""
    expect_first_line "$TMP/care.out" "Take care first:"
    expect_regex "$TMP/care.out" 'doctor|emergency|urgent'
    # A first match (" 1. "), looked for by bash where it can hold the file.
    if { _slurp "$TMP/care.out" && [[ $'\n'$_TEXT =~ $'\n'' '?'1. ' ]]; } ||
        { [[ -z $_TEXT ]] && grep -qE '^ ?1\. ' "$TMP/care.out"; }; then
        expect_before "$TMP/care.out" "Take care first:" " 1. "
    fi
done
# The note comes in the JSON too, and never for a plain place.
expect_exit 0 "$KNEAD" where --json numb heel
expect_regex "$OUT" '^\],"care":\["Numbness is a sign to see a doctor'
expect_exit 0 "$KNEAD" where heel
expect_not_contains "$OUT" "Take care first"
# A symptom alone names no place: the note, and exit 1.
expect_exit 1 "$KNEAD" where fever
expect_first_line "$OUT" "Take care first:"

# --- A complaint's matches say what they are known for -----------------------------------
expect_exit 0 "$KNEAD" where tennis elbow
expect_contains "$OUT" " 1. Wrist extensors (extensor carpi radialis), routine forearm (known for: tennis elbow)"

# --- --map draws the first matches on the body outline ------------------------------------
expect_exit 0 "$KNEAD" where --map headache
expect_contains "$OUT" "Where the first 8 points send pain (each one's letter marks its areas):"
expect_regex "$OUT" '^ +FRONT +BACK$'
expect_regex "$OUT" '^A  Upper trapezius: '
expect_line_count "$OUT" 8 '^[A-H]  '
sed -n '/^Where the first/,$p' "$OUT" >"$TMP/map"
expect_no_regex "$TMP/map" '^.{81,}'
expect_exit 0 "$KNEAD" where --map tailbone
expect_contains "$OUT" "Where these points send pain"
expect_exit 0 "$KNEAD" where tailbone
expect_not_contains "$OUT" "FRONT"
