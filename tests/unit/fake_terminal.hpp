// A fake terminal for the view and the runner: it keeps every write as it came.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "output.hpp"

namespace knead_test {

class FakeScreen final : public knead::Output {
  public:
    void write(std::string_view text) override { writes.emplace_back(text); }
    std::string text() const {
        std::string all;
        for (const auto& w : writes) all += w;
        return all;
    }
    std::vector<std::string> writes;  // one entry per write()
};

}  // namespace knead_test
