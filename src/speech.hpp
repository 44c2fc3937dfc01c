// Spoken cues for people who are not looking at the screen. Speech runs in a child
// process and never blocks the countdown.
#pragma once

#include <sys/types.h>
#include <string>
#include <string_view>
#include <vector>

namespace knead {

// espeak-ng on Linux, say on macOS. "{}" stands for the text; a command without it
// reads the text on standard input.
std::vector<std::string> default_speech_command();

class Speaker {
  public:
    explicit Speaker(std::vector<std::string> command) : command_(std::move(command)) {}
    ~Speaker();
    Speaker(const Speaker&) = delete;
    Speaker& operator=(const Speaker&) = delete;

    // Starts saying `text`, cutting off whatever is still being said: the newest cue is
    // the one that matters. A command that cannot start is reported once on stderr.
    void say(std::string_view text);

  private:
    void reap(bool stop);

    std::vector<std::string> command_;
    pid_t child_ = -1;
    bool reported_ = false;
};

}  // namespace knead
