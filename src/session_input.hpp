// What a running session reads: answers (a key at a time from a person, lines from a
// pipe), the countdown's events, and the signals that stop or suspend it. The terminal
// gives the real one; the unit tests script one on a virtual clock.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>

#include "knead/step_loop.hpp"
#include "line_reader.hpp"
#include "terminal.hpp"

namespace knead {

class SessionInput {
  public:
    virtual ~SessionInput() = default;

    // A person types: one key answers. Otherwise a script pipes whole lines.
    virtual bool keys() const = 0;
    virtual void keys_mode(bool on) = 0;
    virtual void discard_typeahead() = 0;
    virtual void suspend() = 0;  // job control: returns once continued

    // The events of one countdown: keys left from an earlier one are not among them.
    virtual EventSource& countdown_events() = 0;
    // One line (see LineReader); `too_long` says it was cut.
    virtual LineReader::Result read_line(std::string& text, bool& too_long) = 0;
    // The errno of the read that gave LineReader::Result::error.
    virtual int read_error() const { return 0; }
    // One answer a key at a time (see read_key_answer).
    virtual KeyAnswer read_key(std::optional<std::chrono::milliseconds> timeout,
                               const std::function<void(int)>& tick) = 0;

    virtual std::optional<int> stop_signal() const = 0;
    virtual bool take_suspend() = 0;
    virtual bool take_resize() = 0;
};

// The real one: standard input and the terminal, with the signals guarded for as long
// as it lives.
class TerminalInput final : public SessionInput {
  public:
    explicit TerminalInput(Terminal& t) : term_(t), signals_(&t) {}

    bool keys() const override { return term_.caps().in_tty; }
    void keys_mode(bool on) override { term_.keys_mode(on); }
    void discard_typeahead() override { term_.discard_typeahead(); }
    void suspend() override { term_.suspend(); }
    EventSource& countdown_events() override { return events_.emplace(term_, signals_); }
    LineReader::Result read_line(std::string& text, bool& too_long) override {
        auto got = reader_.read_line(text);
        too_long = reader_.too_long();
        return got;
    }
    int read_error() const override { return reader_.error(); }
    KeyAnswer read_key(std::optional<std::chrono::milliseconds> timeout,
                       const std::function<void(int)>& tick) override {
        return read_key_answer(term_, signals_, timeout, tick);
    }
    std::optional<int> stop_signal() const override { return signals_.stop_signal(); }
    bool take_suspend() override { return signals_.take_suspend(); }
    bool take_resize() override { return signals_.take_resize(); }

  private:
    Terminal& term_;
    SignalGuard signals_;
    LineReader reader_{0, signals_};  // standard input
    std::optional<TerminalEvents> events_;
};

}  // namespace knead
