/* The floor for the countdown's idle cost (bench/run): a program that does nothing but
 * wake once a second, on the second, and write one line. A countdown can cost no less. */
#include <time.h>
#include <unistd.h>

int main(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    for (;;) {
        t.tv_sec += 1;
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &t, NULL) != 0) {
        }
        if (write(1, "tick\n", 5) != 5) return 1;
    }
}
