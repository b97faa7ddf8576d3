// The fcsim program. All of it lives in experiments/cli.cc (RunCli), which
// the tests also drive in-process.
#include <iostream>

#include "experiments/cli.h"

int main(int argc, char** argv) {
  return fcsim::RunCli(argc, argv, std::cout, std::cerr);
}
