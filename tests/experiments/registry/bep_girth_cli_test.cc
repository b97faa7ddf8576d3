// `fcsim run --algo bep-girth`: a verified run, and the one-line stall error
// (exit 2) for inputs outside the class.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "experiments/cli.h"
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using testing::CliResult;
using testing::RunInProcess;

TEST(BepGirthCliTest, SubdividedPlanarPasses) {
  const CliResult r = RunInProcess(
      {"run", "--graph", "subdivide:s=7,of=[planar:n=40,seed=2]", "--algo",
       "bep-girth", "--eps", "1/4", "--audit-samples", "3"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("9:4"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("PASS"), std::string::npos) << r.out;
}

TEST(BepGirthCliTest, StallIsOneLineExitTwo) {
  for (const char* spec : {"planar:n=50,seed=1", "grid:dims=8x8",
                           "subdivide:s=1,of=[complete:n=4]", "cycle:n=5"}) {
    const CliResult r = RunInProcess(
        {"run", "--graph", spec, "--algo", "bep-girth", "--eps", "1/4"});
    EXPECT_EQ(r.code, kExitUsage) << spec << ": " << r.out << r.err;
    EXPECT_NE(r.err.find("peeling stalled at phase 1"), std::string::npos)
        << spec << ": " << r.err;
    EXPECT_NE(r.err.find("shortest cycle"), std::string::npos) << r.err;
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_TRUE(r.out.empty()) << r.out;
  }
}

}  // namespace
}  // namespace fcsim
