// The plug-in points of experiments/: a subcommand and an algorithm entry
// registered from a file of their own appear in the CLI and the registry.
#include <CLI/CLI.hpp>
#include <memory>
#include <sstream>
#include <string>

#include "experiments/algorithm_registry.h"
#include "experiments/cli.h"
#include "gtest/gtest.h"

namespace fcsim {
namespace {

const SubcommandRegistrar kEchoRegistrar{
    "test-echo", "test only: echo a word", [](CLI::App* sub) -> SubcommandMain {
      auto word = std::make_shared<std::string>();
      sub->add_option("word", *word)->required();
      return [word](const GlobalOptions& global, std::ostream& out,
                    std::ostream&) {
        out << *word << " threads=" << global.threads << "\n";
        return *word == "fail" ? kExitVerificationFailed : kExitOk;
      };
    }};

TEST(PluginTest, RegisteredSubcommandRunsWithGlobalOptions) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"test-echo", "hello", "--threads", "2"}, out, err),
            kExitOk);
  EXPECT_EQ(out.str(), "hello threads=2\n");
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCli({"test-echo", "fail"}, out2, err2), kExitVerificationFailed);
}

TEST(PluginTest, RegisteredSubcommandIsListedAndChecksItsOptions) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCli({"test-echo"}, out, err), kExitUsage);
  EXPECT_NE(err.str().find("word"), std::string::npos) << err.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCli({"no-such-command"}, out2, err2), kExitUsage);
  EXPECT_NE(err2.str().find("test-echo"), std::string::npos) << err2.str();
}

TEST(PluginTest, AlgorithmNamesAreUniqueAndSorted) {
  const auto& entries = Algorithms();
  ASSERT_FALSE(entries.empty());
  for (std::size_t i = 1; i < entries.size(); ++i) {
    EXPECT_LT(entries[i - 1].name, entries[i].name);
  }
}

}  // namespace
}  // namespace fcsim
