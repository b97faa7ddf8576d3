// CLI behaviour of `fcsim run --algo bep-grid` on inputs outside BEP-c.
#include <gtest/gtest.h>

#include <string>

#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

// The CLI refuses non-bipartite inputs up front (exit 2, one line).
TEST(BepGridTest, CliRefusesNonBipartiteInputs) {
  for (const std::string spec :
       {"torus:dims=15x16", "cycle:n=101", "complete:n=4"}) {
    const testing::CliResult r = testing::RunInProcess(
        {"run", "--graph", spec, "--algo", "bep-grid", "--eps", "1"});
    EXPECT_EQ(r.code, 2) << spec;
    EXPECT_NE(r.err.find("not bipartite"), std::string::npos) << r.err;
  }
  const testing::CliResult tiny =
      testing::RunInProcess({"run", "--graph", "grid:dims=6x6", "--algo",
                             "bep-grid", "--eps", "1/100"});
  EXPECT_EQ(tiny.code, 2);
  EXPECT_NE(tiny.err.find("1024 colours"), std::string::npos) << tiny.err;
}

}  // namespace
}  // namespace fcsim
