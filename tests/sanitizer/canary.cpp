// Commits one error of the kind named on the command line, so that a test can check the
// sanitizers catch it and fail. The values come from argc so the compiler cannot see the
// error coming (and refuse to build, or remove it).
#include <climits>
#include <cstdio>
#include <cstring>
#include <vector>

int main(int argc, char** argv) {
    const char* kind = argc > 1 ? argv[1] : "";
    if (std::strcmp(kind, "heap-buffer-overflow") == 0) {
        std::vector<int> v(static_cast<std::size_t>(argc));
        return v.data()[argc + 2];
    }
    if (std::strcmp(kind, "signed-integer-overflow") == 0) {
        int n = INT_MAX - 2 + argc;
        return n + argc > 0 ? 0 : 1;
    }
    if (std::strcmp(kind, "memory-leak") == 0) {
        int* lost = new int[argc + 100];
        lost[0] = argc;
        std::printf("%d\n", lost[0]);
        lost = nullptr;
        return 0;
    }
    std::fprintf(stderr,
                 "usage: canary heap-buffer-overflow|signed-integer-overflow|memory-leak\n");
    return 2;
}
