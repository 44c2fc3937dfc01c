#include "cli.hpp"

int main(int argc, char** argv) {
    return knead::run_cli(argc, argv);
}
