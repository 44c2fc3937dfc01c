#include "knead/session.hpp"

#include <algorithm>

namespace knead {

std::string_view to_string(Phase p) {
    switch (p) {
        case Phase::locate:
            return "locate";
        case Phase::press:
            return "press";
        case Phase::hold:
            return "hold";
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

std::vector<SessionPoint> session_points(const std::vector<Routine>& routines) {
    std::vector<SessionPoint> out;
    for (const auto& r : routines)
        for (const auto& p : r.points) out.push_back({r.id, p, {}});
    return out;
}

Session::Session(std::vector<SessionPoint> points) : points_(std::move(points)) {
    for (const auto& p : points_)
        summary_.push_back({p.routine, p.point.id, p.point.name, {}, {}, false, false, false});
    if (points_.empty()) {
        status_ = Status::completed;
        return;
    }
    sides_ = sides_to_work(points_[0].point.side);
    begin_side();
}

int Session::points_started() const {
    return static_cast<int>(std::count_if(summary_.begin(), summary_.end(),
                                          [](const PointSummary& s) { return s.started; }));
}

void Session::begin_side() {
    const SessionPoint& sp = current_point();
    hold_ = start_hold(sp.point.dose, sp.learned_hold);
    step_.side = sides_[side_index_];
    step_.rep = 1;
    step_.phase = Phase::locate;
    step_.planned = sp.point.dose.locate;
    summary_[step_.point_index].started = true;
}

void Session::set_dose(std::size_t i, const Dose& d) {
    points_[i].point.dose = d;
    // The first point has already begun: begin it again with its new dose.
    if (i == step_.point_index && !last_pain_ && !finished()) begin_side();
}

void Session::go_to_stretch() {
    const Point& p = current_point().point;
    if (p.stretch_cue.empty()) return next_side_or_point();
    step_.phase = Phase::stretch;
    step_.planned = p.dose.stretch;
}

void Session::next_side_or_point() {
    if (++side_index_ < sides_.size()) return begin_side();
    if (++step_.point_index >= points_.size()) {
        status_ = Status::completed;
        return;
    }
    sides_ = sides_to_work(current_point().point.side);
    side_index_ = 0;
    begin_side();
}

Feedback Session::answer(const Answer& a) {
    if (finished()) return {};
    switch (a.kind) {
        case AnswerKind::red_flag:
            status_ = Status::red_flag;
            return {Outcome::red_flag, {}};
        case AnswerKind::quit:
            status_ = Status::stopped;
            return {Outcome::stopped, {}};
        case AnswerKind::skip:
            summary_[step_.point_index].skipped = true;
            side_index_ = sides_.size();  // the rest of the point, both sides
            next_side_or_point();
            return {Outcome::point_skipped, {}};
        case AnswerKind::same:
        case AnswerKind::invalid:
            return {};
        case AnswerKind::pain:
            break;
    }

    last_pain_ = a.pain;
    const Dose& dose = current_point().point.dose;
    PointSummary& sum = summary_[step_.point_index];
    Feedback out;
    switch (step_.phase) {
        case Phase::locate:
        case Phase::press:
            if (a.pain >= kTooMuchAtOrAbove) {
                out.decision = Decision{Advice::too_much, hold_.hold};
                go_to_stretch();
            } else if (step_.phase == Phase::locate) {
                step_.phase = Phase::press;
                step_.planned = dose.press;
            } else {
                step_.phase = Phase::hold;
                step_.planned = hold_.hold;
            }
            break;
        case Phase::hold:
            if (!sum.first_hold_pain) sum.first_hold_pain = a.pain;
            sum.last_hold_pain = a.pain;
            out.decision = after_hold(hold_, a.pain, dose);
            if (out.decision->advice == Advice::released) sum.released = true;
            if (out.decision->stop_pressing() || step_.rep >= dose.reps) {
                go_to_stretch();
            } else {
                ++step_.rep;
                step_.phase = Phase::locate;
                step_.planned = dose.locate;
            }
            break;
        case Phase::stretch:
            next_side_or_point();
            break;
    }
    return out;
}

}  // namespace knead
