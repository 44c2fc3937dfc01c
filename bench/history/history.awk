# The session table of `knead history --format tsv`, written in awk over the same log:
# the baseline knead's reader is measured against (bench/history/run). It splits every
# record into its key=value fields, as the awk examples in docs/log-format.md do, and
# keeps one row per session, as knead does. Unquoted values only: what the generated log
# holds.
function epoch(t,   y, m, d, era, yoe, doy, doe, days, off) {
    y = substr(t, 1, 4) + 0; m = substr(t, 6, 2) + 0; d = substr(t, 9, 2) + 0
    y -= (m <= 2)
    era = int((y >= 0 ? y : y - 399) / 400)
    yoe = y - era * 400
    doy = int((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
    doe = yoe * 365 + int(yoe / 4) - int(yoe / 100) + doy
    days = era * 146097 + doe - 719468
    off = (substr(t, 20, 1) == "-" ? -1 : 1) * (substr(t, 21, 2) * 3600 + substr(t, 24, 2) * 60)
    if (substr(t, 20, 1) == "Z") off = 0
    return days * 86400 + substr(t, 12, 2) * 3600 + substr(t, 15, 2) * 60 + substr(t, 18, 2) - off
}

/^#/ { next }
{
    split("", f)
    for (i = 1; i <= NF; i++) {
        eq = index($i, "=")
        f[substr($i, 1, eq - 1)] = substr($i, eq + 1)
    }
    id = f["session"]
    if (!(id in start)) {
        order[++sessions] = id
        start[id] = f["time"]
    }
    last[id] = f["time"]
    if (f["event"] == "start") {
        start[id] = f["time"]; routines[id] = f["routines"]
        clock[id] = f["clock"] == "virtual" ? "virtual" : "real"
    } else if (f["event"] == "end") {
        status[id] = f["status"]; points[id] = f["points"]; duration[id] = f["duration"]
    } else if (f["event"] == "" && ("step" in f)) {
        key = id SUBSEP f["routine"] SUBSEP f["point"]
        if (!(key in worked)) { worked[key] = 1; npoints[id]++ }
        if (f["step"] == "hold" && ("pain" in f)) {
            if (!(key in first)) { first[key] = f["pain"]; held[id]++; sum_first[id] += f["pain"] }
            else sum_last[id] -= lastpain[key]
            lastpain[key] = f["pain"]; sum_last[id] += f["pain"]
        }
    }
}
END {
    print "start\tsession\troutines\tclock\tstatus\tpoints\tduration\tpain_first\tpain_last"
    for (n = 1; n <= sessions; n++) {
        id = order[n]
        if (id in status) { st = status[id]; pts = points[id]; dur = duration[id] }
        else { st = "unfinished"; pts = npoints[id] + 0; dur = epoch(last[id]) - epoch(start[id]) }
        pf = held[id] ? sprintf("%.1f", sum_first[id] / held[id]) : ""
        pl = held[id] ? sprintf("%.1f", sum_last[id] / held[id]) : ""
        printf "%s\t%s\t%s\t%s\t%s\t%d\t%.1f\t%s\t%s\n", start[id], id, routines[id], clock[id], st, pts, dur, pf, pl
    }
}
