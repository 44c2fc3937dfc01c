#include "knead/step_loop.hpp"

namespace knead {

KeyAction key_action(char key) {
    switch (key) {
        case ' ':
            return KeyAction::pause;
        case 's':
        case 'S':
            return KeyAction::skip_step;
        case 'n':
            return KeyAction::next_point;
        case 'N':
            return KeyAction::whole_point;
        case 'q':
        case 'Q':
            return KeyAction::quit;
        case '+':
        case '=':
            return KeyAction::add_time;  // '=' is '+' without shift
        case '-':
        case '_':
            return KeyAction::remove_time;
        default:
            return KeyAction::none;
    }
}

StepRun run_countdown(Clock& clock, Countdown& c, EventSource& events, CountdownView& view) {
    while (true) {
        Duration now = clock.now();
        view.draw(c, now);
        if (c.done(now)) return {StepEnd::done};

        // One wait per change of the display: the event source ends a wait on time, so
        // the loop neither wakes early to wait out the rest nor draws the same second twice.
        std::optional<Duration> real;
        if (auto tick = c.next_tick(now)) real = clock.real_time_until(*tick);
        LoopEvent e = events.wait(real);
        now = clock.now();
        switch (e.kind) {
            case LoopEvent::timeout:
                break;
            case LoopEvent::resize:
                view.resized();
                break;
            case LoopEvent::interrupt:
                return {StepEnd::interrupted, e.signal};
            case LoopEvent::suspend: {
                // The countdown stands still while the process is stopped.
                bool was_paused = c.paused();
                c.pause(now);
                events.suspend();
                view.resized();  // the shell wrote on the screen meanwhile
                if (!was_paused) c.resume(clock.now());
                break;
            }
            case LoopEvent::keypress: {
                KeyAction a = key_action(e.key);
                switch (a) {
                    case KeyAction::none:
                        continue;
                    case KeyAction::pause:
                        if (c.paused())
                            c.resume(now);
                        else
                            c.pause(now);
                        break;
                    case KeyAction::add_time:
                        c.adjust(kAdjustStep, now);
                        break;
                    case KeyAction::remove_time:
                        c.adjust(-kAdjustStep, now);
                        break;
                    case KeyAction::skip_step:
                        view.note(a);
                        return {StepEnd::skipped};
                    case KeyAction::next_point:
                        view.note(a);
                        return {StepEnd::next_point};
                    case KeyAction::whole_point:
                        view.note(a);
                        return {StepEnd::whole_point};
                    case KeyAction::quit:
                        view.note(a);
                        return {StepEnd::quit};
                }
                view.note(a);
                break;
            }
        }
    }
}

}  // namespace knead
