#include "knead/session.hpp"

#include <algorithm>

#include "knead/learning.hpp"

namespace knead {

std::string_view to_string(Phase p) {
    switch (p) {
        case Phase::locate:
            return "locate";
        case Phase::press:
            return "press";
        case Phase::hold:
            return "hold";
        case Phase::rest:
            return "rest";
        case Phase::stretch:
            return "stretch";
    }
    return "locate";
}

std::string_view to_string(Status s) {
    switch (s) {
        case Status::running:
            return "running";
        case Status::completed:
            return "completed";
        case Status::stopped:
            return "stopped";
        case Status::red_flag:
            return "red-flag";
        case Status::interrupted:
            return "interrupted";
    }
    return "running";
}

std::string_view to_string(SkipWhy w) {
    switch (w) {
        case SkipWhy::answer:
            return "answer";
        case SkipWhy::next_side:
            return "next";
        case SkipWhy::whole_point:
            return "point";
    }
    return "answer";
}

Question question_after(Phase p) {
    switch (p) {
        case Phase::locate:
            return Question::tenderness;
        case Phase::press:
            return Question::pain;
        case Phase::hold:
            return Question::hold;
        case Phase::rest:
            return Question::none;
        case Phase::stretch:
            return Question::stretch;
    }
    return Question::none;
}

std::string SessionPoint::origin_routine() const {
    if (point.origin.empty()) return routine;
    return point.origin.substr(0, point.origin.find('.'));
}

std::string SessionPoint::origin_point() const {
    auto dot = point.origin.find('.');
    if (dot == std::string::npos) return point.id;
    return point.origin.substr(dot + 1);
}

std::vector<SessionPoint> session_points(const std::vector<Routine>& routines) {
    std::vector<SessionPoint> out;
    for (const auto& r : routines)
        for (const auto& p : r.points) out.push_back({r.id, p, {}, false});
    return out;
}

Session::Session(std::vector<SessionPoint> points) : points_(std::move(points)) {
    for (std::size_t i = 0; i < points_.size(); ++i) {
        gentle_.push_back(points_[i].gentle_stretch);
        for (Side side : sides_to_work(points_[i].point.side)) {
            SideSummary row;
            row.point_index = i;
            row.name = points_[i].point.name;
            row.side = side;
            sides_summary_.push_back(row);
        }
    }
    if (points_.empty()) {
        status_ = Status::completed;
        return;
    }
    sides_ = sides_to_work(points_[0].point.side);
    begin_side();
}

void Session::add_check(RedFlagCheck c) {
    checks_.push_back({std::move(c), std::nullopt});
}

void Session::add_check(SorenessCheck c) {
    checks_.push_back({std::nullopt, std::move(c)});
}

const RedFlagCheck* Session::red_flag_check() const {
    if (!checking() || !checks_[check_].red_flag) return nullptr;
    return &*checks_[check_].red_flag;
}

const SorenessCheck* Session::soreness_check() const {
    if (!checking() || !checks_[check_].soreness) return nullptr;
    return &*checks_[check_].soreness;
}

Question Session::question() const {
    if (finished()) return Question::none;
    if (red_flag_check()) return Question::go_on;
    if (soreness_check()) return Question::soreness;
    return question_after(step_.phase);
}

int Session::points_started() const {
    int n = 0;
    std::optional<std::size_t> last;
    for (const auto& s : sides_summary_) {
        if (!s.started || s.point_index == last) continue;
        last = s.point_index;
        ++n;
    }
    return n;
}

void Session::begin_step() {
    if (finished() || checking()) return;
    any_step_ = true;
    row().started = true;
}

void Session::to_phase(Phase p, int planned) {
    step_.phase = p;
    step_.planned = planned;
    step_.lighter = false;
    step_.gentle = p == Phase::stretch && gentle_[step_.point_index];
}

void Session::begin_side() {
    const SessionPoint& sp = current_point();
    hold_ = start_hold(sp.point.dose, sp.learned_hold);
    step_.side = sides_[side_index_];
    step_.rep = 1;
    relocated_ = false;
    // The summary rows are in the order the sides are worked.
    row_ = 0;
    while (row_ + 1 < sides_summary_.size() &&
           (sides_summary_[row_].point_index != step_.point_index ||
            sides_summary_[row_].side != step_.side))
        ++row_;
    to_phase(Phase::locate, sp.point.dose.locate);
}

void Session::to_rest(AfterRest then) {
    const Dose& d = current_point().point.dose;
    after_rest_ = then;
    to_phase(Phase::rest,
             then == AfterRest::next_stretch ? std::min(d.rest, kStretchRestSeconds) : d.rest);
}

void Session::to_stretch() {
    const Point& p = current_point().point;
    if (p.stretch_cue.empty()) return next_side_or_point();
    step_.rep = 1;
    to_phase(Phase::stretch, p.dose.stretch);
}

void Session::next_side_or_point() {
    if (row().started && !row().skipped) row().finished = true;
    if (++side_index_ < sides_.size()) return begin_side();
    if (++step_.point_index >= points_.size()) {
        status_ = Status::completed;
        return;
    }
    sides_ = sides_to_work(current_point().point.side);
    side_index_ = 0;
    begin_side();
}

void Session::set_dose(std::size_t i, const Dose& d) {
    points_[i].point.dose = d;
    // The first point has already begun: begin it again with its new dose.
    if (i == step_.point_index && !any_step_ && !finished()) begin_side();
}

void Session::skip_sides(bool whole_point, SkipWhy why, Feedback& f) {
    const std::size_t point = step_.point_index;
    std::size_t last = whole_point ? sides_.size() : side_index_ + 1;
    for (std::size_t i = side_index_; i < last; ++i) {
        f.skipped.push_back({point, sides_[i], why});
        for (auto& s : sides_summary_)
            if (s.point_index == point && s.side == sides_[i]) s.skipped = why;
    }
    side_index_ = last - 1;
    f.outcome = whole_point ? Outcome::point_skipped : Outcome::side_skipped;
    next_side_or_point();
}

Answer Session::steady_answer() const {
    if (checking()) return red_flag_check() ? Answer{AnswerKind::yes} : Answer{AnswerKind::pain, 0};
    const PainBand& band = current_point().point.dose.target;
    int pain = std::max(band.lo, kNotTenderAtOrBelow + 1);
    if (step_.phase == Phase::stretch) pain = std::min(pain, kStrongStretch - 1);
    return {AnswerKind::pain, pain};
}

Feedback Session::key(KeyAction a, Duration now) {
    Feedback f;
    if (finished() || checking()) return f;
    switch (a) {
        case KeyAction::quit:
            status_ = Status::stopped;
            f.outcome = Outcome::stopped;
            return f;
        case KeyAction::next_point: {
            // The second n of a quick pair: the whole point the first one was in.
            bool twice = last_next_key_ && now - *last_next_key_ <= kDoubleKey;
            last_next_key_ = now;
            if (twice) {
                last_next_key_.reset();
                if (last_next_point_ != step_.point_index) return f;  // that point is done
                skip_sides(true, SkipWhy::whole_point, f);
                return f;
            }
            last_next_point_ = step_.point_index;
            skip_sides(false, SkipWhy::next_side, f);
            return f;
        }
        case KeyAction::whole_point:
            skip_sides(true, SkipWhy::whole_point, f);
            return f;
        default:
            return f;
    }
}

Feedback Session::advance() {
    Feedback f;
    if (finished() || checking() || step_.asks()) return f;
    switch (after_rest_) {
        case AfterRest::press:
            ++step_.rep;
            to_phase(Phase::press, current_point().point.dose.press);
            break;
        case AfterRest::first_stretch:
            to_stretch();
            break;
        case AfterRest::next_stretch:
            ++step_.rep;
            to_phase(Phase::stretch, current_point().point.dose.stretch);
            break;
    }
    return f;
}

Feedback Session::answer_check(const Answer& a) {
    Feedback f;
    if (a.kind == AnswerKind::red_flag) {
        status_ = Status::red_flag;
        f.outcome = Outcome::red_flag;
        return f;
    }
    if (a.kind == AnswerKind::quit) {
        status_ = Status::stopped;
        f.outcome = Outcome::stopped;
        return f;
    }
    if (red_flag_check()) {
        if (a.kind == AnswerKind::no) {
            status_ = Status::stopped;
            f.outcome = Outcome::stopped;
        } else if (a.kind == AnswerKind::yes) {
            ++check_;
        }
        return f;
    }
    if (a.kind != AnswerKind::pain) return f;
    const SorenessCheck& c = *soreness_check();
    ++check_;
    // A sore area goes lighter today: a lower band and a rep fewer (docs/history.md).
    if (a.pain < kHighSoreness) {
        f.hint = Hint::soreness_ok;
        return f;
    }
    f.hint = Hint::soreness_eased;
    for (std::size_t i : c.points) {
        Dose before = points_[i].point.dose;
        Dose after = ease_for_soreness(before);
        if (!f.eased) f.eased = {before, after};
        set_dose(i, after);
    }
    return f;
}

Feedback Session::answer(const Answer& a) {
    if (finished()) return {};
    if (checking()) return answer_check(a);
    switch (a.kind) {
        case AnswerKind::red_flag:
            status_ = Status::red_flag;
            return {Outcome::red_flag, Hint::none, {}, {}, {}};
        case AnswerKind::quit:
            status_ = Status::stopped;
            return {Outcome::stopped, Hint::none, {}, {}, {}};
        case AnswerKind::skip: {
            Feedback f;
            skip_sides(true, SkipWhy::answer, f);
            return f;
        }
        case AnswerKind::pain:
            last_pain_ = a.pain;
            return answer_step(a.pain, false);
        case AnswerKind::timeout:
            return answer_step(last_pain_ ? *last_pain_ : steady_answer().pain, true);
        default:
            return {};
    }
}

Feedback Session::answer_step(int pain, bool timed_out) {
    Feedback f;
    if (!step_.asks()) return f;
    const Dose& dose = current_point().point.dose;
    const int stop = stop_threshold(dose);
    switch (step_.phase) {
        case Phase::locate:
            if (pain >= stop) {
                f.hint = Hint::stop_pressing;
                f.decision = Decision{Advice::too_much, hold_.hold};
                row().stopped_at = pain;
                to_stretch();
            } else if (pain <= kNotTenderAtOrBelow && !relocated_) {
                // Not a tender spot: look again, once, a little way off.
                f.hint = Hint::not_tender;
                relocated_ = true;
                to_phase(Phase::locate, dose.locate);
            } else {
                f.hint = pain <= kNotTenderAtOrBelow ? Hint::still_not_tender
                         : pain >= dose.target.hi    ? Hint::start_lighter
                                                     : Hint::none;
                to_phase(Phase::press, dose.press);
                step_.lighter = f.hint == Hint::start_lighter;
            }
            break;
        case Phase::press:
            if (pain >= stop) {
                f.hint = Hint::stop_pressing;
                f.decision = Decision{Advice::too_much, hold_.hold};
                row().stopped_at = pain;
                to_rest(AfterRest::first_stretch);
            } else {
                f.hint = pain > dose.target.hi ? Hint::ease_off : Hint::none;
                to_phase(Phase::hold, hold_.hold);
                step_.lighter = f.hint == Hint::ease_off;
            }
            break;
        case Phase::hold: {
            SideSummary& sum = row();
            ++sum.holds;
            if (timed_out) {
                // No pain was given: the staircase stays where it is.
                f.decision = Decision{Advice::keep, hold_.hold};
            } else {
                if (!sum.first_hold_pain) sum.first_hold_pain = pain;
                sum.last_hold_pain = pain;
                f.decision = after_hold(hold_, pain, dose);
                if (f.decision->advice == Advice::released) sum.released = true;
                if (f.decision->advice == Advice::too_much) {
                    sum.stopped_at = pain;
                    f.hint = Hint::stop_pressing;
                }
            }
            const bool last = f.decision->stop_pressing() || step_.rep >= dose.reps;
            to_rest(last ? AfterRest::first_stretch : AfterRest::press);
            break;
        }
        case Phase::stretch:
            if (pain >= kStrongStretch && !gentle_[step_.point_index]) {
                gentle_[step_.point_index] = true;
                f.hint = Hint::gentler_stretch;
            }
            if (step_.rep < dose.stretch_reps) {
                to_rest(AfterRest::next_stretch);
            } else {
                next_side_or_point();
            }
            break;
        case Phase::rest:
            break;
    }
    return f;
}

}  // namespace knead
