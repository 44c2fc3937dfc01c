// The report as a page: one self-contained HTML file (inline SVG, inline CSS, no script,
// nothing fetched) or Markdown with the same facts.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "knead/log_reader.hpp"
#include "knead/report.hpp"
#include "knead/routine.hpp"

namespace knead {

struct ReportPage {
    const Report* report = nullptr;
    std::string log;   // the file it was read from
    std::string made;  // when, as ISO 8601
    bool log_missing = false;
    LogProblems problems;
    std::vector<std::string> subjects;
    std::optional<std::int64_t> since_day;
    // The routines worked, as found on the search path (for names, referral areas and
    // target bands), and the ids that were not found there.
    std::vector<Routine> routines;
    std::vector<std::string> missing_routines;
    PainBand default_band;  // for points of routines not found
};

std::string report_html(const ReportPage& p);
std::string report_markdown(const ReportPage& p);

}  // namespace knead
