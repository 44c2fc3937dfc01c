#!/usr/bin/env bash
# expect_report.sh CANARY KIND: the canary's error of KIND must end it with a failure
# status and the sanitizer's report, as any such error in knead or its tests would.
set -uo pipefail
canary=$1 kind=$2
case $kind in
    heap-buffer-overflow) report="AddressSanitizer: heap-buffer-overflow" ;;
    signed-integer-overflow) report="runtime error: signed integer overflow" ;;
    memory-leak) report="LeakSanitizer: detected memory leaks" ;;
    *) echo "expect_report: unknown kind $kind" >&2; exit 2 ;;
esac
err=$(mktemp)
trap 'rm -f "$err"' EXIT
"$canary" "$kind" >/dev/null 2>"$err"
rc=$?
if ((rc == 0)); then
    echo "FAIL: the $kind went unnoticed: exit status 0" >&2
    exit 1
fi
if ! grep -qF "$report" "$err"; then
    echo "FAIL: exit status $rc, but no \"$report\" report:" >&2
    head -n 20 "$err" >&2
    exit 1
fi
echo "sanitizer $kind: caught (exit status $rc)"
