// Golden tests of the fcsim command line on tiny inputs: exit codes, the
// one-line error convention, and the key lines of each subcommand's output.
// Most run in-process (RunCli); CliBinary runs the built program itself.
#include "experiments/cli.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "fcsim_revision.h"  // generated: FCSIM_GIT_REVISION
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using testing::CliResult;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunInProcess;
using testing::TempDir;
using testing::WriteFile;

// An error is exactly one line "fcsim: error: ..." and nothing on stdout.
void ExpectUsageError(const CliResult& r, const std::string& needle) {
  EXPECT_EQ(r.code, kExitUsage) << r.err;
  EXPECT_EQ(r.err.rfind("fcsim: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos)
      << "missing '" << needle << "' in: " << r.err;
}

// The value of a "key  value" row of a summary table ("" when absent).
std::string RowValue(const std::string& out, const std::string& key) {
  std::size_t pos = 0;
  while (pos < out.size()) {
    const std::size_t end = out.find('\n', pos);
    const std::string line = out.substr(pos, end - pos);
    if (line.rfind(key + " ", 0) == 0) {
      const std::size_t v = line.find_first_not_of(' ', key.size());
      return v == std::string::npos ? "" : line.substr(v);
    }
    if (end == std::string::npos) break;
    pos = end + 1;
  }
  return "";
}

TEST(Cli, VersionNamesVersionAndRevision) {
  const CliResult r = RunInProcess({"--version"});
  EXPECT_EQ(r.code, kExitOk);
  EXPECT_EQ(r.out, VersionString() + "\n");
  EXPECT_NE(r.out.find(FCSIM_VERSION), std::string::npos);
  EXPECT_NE(r.out.find(std::string("git ") + FCSIM_GIT_REVISION),
            std::string::npos);
}

TEST(Cli, HelpOnEverySubcommand) {
  for (const std::string sub : {"gen", "info", "run", "verify", "audit",
                                "sweep", "plot", "bench", "papers"}) {
    const CliResult r = RunInProcess({sub, "--help"});
    EXPECT_EQ(r.code, kExitOk) << sub;
    EXPECT_NE(r.out.find(std::string("Usage: fcsim ") + sub), std::string::npos)
        << sub << ": " << r.out;
    EXPECT_TRUE(r.err.empty()) << sub;
  }
  const CliResult top = RunInProcess({"--help"});
  EXPECT_EQ(top.code, kExitOk);
  for (const char* word :
       {"gen", "info", "run", "verify", "audit", "sweep", "plot", "bench",
        "papers", "--threads", "--seed", "--quiet", "--verbose"}) {
    EXPECT_NE(top.out.find(word), std::string::npos) << word;
  }
}

TEST(Cli, UsageErrorsExitTwoWithOneLine) {
  ExpectUsageError(RunInProcess({}), "subcommand");
  ExpectUsageError(RunInProcess({"frobnicate"}), "frobnicate");
  ExpectUsageError(RunInProcess({"--threads", "0", "info", "cycle:n=5"}),
                   "--threads");
  ExpectUsageError(RunInProcess({"info", "cycle:n=5", "--threads", "-3"}),
                   "--threads");
  ExpectUsageError(RunInProcess({"info", "cycle:n=5", "--bogus"}), "--bogus");
  ExpectUsageError(RunInProcess({"-q", "-v", "info", "cycle:n=5"}), "quiet");
  ExpectUsageError(RunInProcess({"verify", "--graph", "cycle:n=5"}),
                   "--coloring");
}

TEST(Cli, UnknownFamilyAlgorithmAndBadParameters) {
  ExpectUsageError(RunInProcess({"info", "moebius:n=5"}), "moebius");
  ExpectUsageError(RunInProcess({"info", "cycle:n=abc"}), "abc");
  ExpectUsageError(RunInProcess({"info", "cycle:n=5,colour=red"}), "colour");
  ExpectUsageError(
      RunInProcess({"run", "--graph", "cycle:n=8", "--algo", "magic"}),
      "unknown algorithm 'magic'");
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=8", "--algo",
                                 "linial", "--ids", "shuffled"}),
                   "shuffled");
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=8", "--algo",
                                 "linial", "--eps", "abc"}),
                   "--eps");
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=8", "--algo",
                                 "linial", "--eps", "-1/4"}),
                   "--eps");
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=8", "--algo",
                                 "linial", "--eps", "0.25"}),
                   "takes no --eps");
  ExpectUsageError(RunInProcess({"run", "--algo", "linial"}), "--graph");
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=8"}), "--algo");
  ExpectUsageError(RunInProcess({"info", "no/such/file.mtx"}),
                   "no/such/file.mtx");
}

TEST(Cli, GenWritesAFileThatInfoReads) {
  TempDir dir;
  const std::string path = dir.File("c7.el");
  const CliResult gen = RunInProcess({"gen", "cycle:n=7", "-o", path});
  ASSERT_EQ(gen.code, kExitOk) << gen.err;
  EXPECT_NE(gen.out.find("n=7, m=7"), std::string::npos) << gen.out;
  EXPECT_FALSE(ReadFile(path).empty());

  const CliResult info = RunInProcess({"info", path});
  ASSERT_EQ(info.code, kExitOk) << info.err;
  EXPECT_NE(info.out.find("vertices: 7"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("edges: 7"), std::string::npos) << info.out;
  EXPECT_NE(info.out.find("bipartite: no"), std::string::npos) << info.out;

  // Quiet: nothing but results, and gen has none to print.
  const CliResult quiet =
      RunInProcess({"-q", "gen", "petersen", "-o", dir.File("p.el")});
  EXPECT_EQ(quiet.code, kExitOk) << quiet.err;
  EXPECT_TRUE(quiet.out.empty()) << quiet.out;
}

TEST(Cli, GenRefusesBadArguments) {
  TempDir dir;
  ExpectUsageError(RunInProcess({"gen", "cycle:n=7"}), "--output");
  ExpectUsageError(RunInProcess({"gen", "--list", "cycle:n=7"}), "--list");
  ExpectUsageError(RunInProcess({"gen", "cycle:n=7", "-o", dir.File("x.el"),
                                 "--format", "jpeg"}),
                   "jpeg");
  ExpectUsageError(RunInProcess({"gen", "cycle:n=2", "-o", dir.File("x.el")}),
                   "cycle");
  const CliResult list = RunInProcess({"gen", "--list"});
  EXPECT_EQ(list.code, kExitOk);
  EXPECT_NE(list.out.find("cycle"), std::string::npos);
  EXPECT_NE(list.out.find("petersen"), std::string::npos);
}

TEST(Cli, InfoOnASpec) {
  const CliResult r = RunInProcess({"info", "petersen"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_NE(r.out.find("vertices: 10"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("girth: 5"), std::string::npos) << r.out;
}

TEST(Cli, RunPrintsAVerifiedSummary) {
  const CliResult r =
      RunInProcess({"run", "--graph", "grid:dims=6x7", "--algo", "linial",
                    "--ids", "sparse", "--audit-samples", "4", "--seed", "3"});
  ASSERT_EQ(r.code, kExitOk) << r.err << r.out;
  EXPECT_EQ(RowValue(r.out, "graph"), "grid:dims=6x7");
  EXPECT_EQ(RowValue(r.out, "n"), "42");
  EXPECT_EQ(RowValue(r.out, "m"), "71");
  EXPECT_EQ(RowValue(r.out, "Δ"), "4");
  EXPECT_EQ(RowValue(r.out, "algorithm"), "linial");
  EXPECT_EQ(RowValue(r.out, "verdict"), "PASS");
  EXPECT_NE(RowValue(r.out, "rounds").find("bound"), std::string::npos);
  EXPECT_NE(RowValue(r.out, "audit").find("0 differ"), std::string::npos)
      << r.out;
  for (const char* key : {"a:b", "weight", "messages", "bits", "wall time",
                          "peak RSS", "params", "ids"}) {
    EXPECT_FALSE(RowValue(r.out, key).empty()) << key << " in " << r.out;
  }
  // Same seed, any thread count: the same deterministic rows.
  const CliResult r2 = RunInProcess(
      {"run", "--graph", "grid:dims=6x7", "--algo", "linial", "--ids", "sparse",
       "--audit-samples", "4", "--seed", "3", "--threads", "2"});
  ASSERT_EQ(r2.code, kExitOk) << r2.err;
  for (const char* key : {"rounds", "messages", "bits", "a:b", "weight"}) {
    EXPECT_EQ(RowValue(r.out, key), RowValue(r2.out, key)) << key;
  }
}

TEST(Cli, FractionalAlgorithmsReportWeightAgainstClaim) {
  TempDir dir;
  const std::string path = dir.File("bep.col");
  // Petersen: Δ = 3, no K_4; eps = 1/2 gives k = 2, a 7:2-colouring.
  const CliResult bep =
      RunInProcess({"run", "--graph", "petersen", "--algo", "bep-delta",
                    "--eps", "0.5", "--audit-samples", "2", "-o", path});
  ASSERT_EQ(bep.code, kExitOk) << bep.err << bep.out;
  EXPECT_EQ(RowValue(bep.out, "a:b"), "7:2");
  EXPECT_EQ(RowValue(bep.out, "weight"), "7/2 (claim <= 7/2)");
  EXPECT_EQ(RowValue(bep.out, "params"), "eps=1/2, k=2");
  EXPECT_EQ(RowValue(bep.out, "verdict"), "PASS");
  const CliResult check =
      RunInProcess({"verify", "-g", "petersen", "-c", path, "--weight", "3.5"});
  EXPECT_EQ(check.code, kExitOk) << check.err << check.out;
  // Δ = 2 is outside BEP-a's class: an input error, not a crash.
  ExpectUsageError(
      RunInProcess({"run", "--graph", "cycle:n=9", "--algo", "bep-delta"}),
      "Δ");

  const CliResult hhrs = RunInProcess(
      {"run", "--graph", "cycle:n=9", "--algo", "hhrs", "--eps", "1/2"});
  ASSERT_EQ(hhrs.code, kExitOk) << hhrs.err << hhrs.out;
  // T = alpha (Δ + 1) = 3/2 * 3.
  EXPECT_EQ(RowValue(hhrs.out, "weight"), "9/2 (claim <= 9/2)");
  EXPECT_EQ(RowValue(hhrs.out, "rounds").rfind("1 ", 0), 0u) << hhrs.out;
  ExpectUsageError(RunInProcess({"run", "--graph", "cycle:n=9", "--algo",
                                 "hhrs", "-o", dir.File("h.col")}),
                   "produces no a:b-colouring");
}

TEST(Cli, RunListNamesEveryAlgorithm) {
  const CliResult r = RunInProcess({"run", "--list"});
  EXPECT_EQ(r.code, kExitOk);
  for (const char* name : {"linial", "linial-delta1", "cole-vishkin",
                           "luby-mis", "mis", "bep-delta", "hhrs"}) {
    EXPECT_NE(r.out.find(std::string(name) + " "), std::string::npos) << name;
  }
}

TEST(Cli, AuditReportsLocality) {
  const CliResult r =
      RunInProcess({"audit", "--graph", "cycle:n=30", "--algo", "linial",
                    "--ids", "sparse", "--samples", "5"});
  ASSERT_EQ(r.code, kExitOk) << r.err << r.out;
  // The sample may repeat a vertex; every audited one must agree.
  EXPECT_NE(RowValue(r.out, "audit").find(" audited, 0 differ"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(RowValue(r.out, "audit").find(" 0 audited"), std::string::npos);
  EXPECT_EQ(RowValue(r.out, "verdict"), "PASS");
  ExpectUsageError(RunInProcess({"audit", "--graph", "cycle:n=30", "--algo",
                                 "linial", "--samples", "0"}),
                   "--samples");
}

// C_5 has χ_f = 5/2: this 5:2-colouring is optimal (written by hand).
constexpr char kC5Coloring[] =
    "fcsim-coloring 1 a=5 b=2 n=5\n"
    "# hand-written: colours {2i, 2i+1} mod 5\n"
    "0 0 1\n1 2 3\n2 4 0\n3 1 2\n4 3 4\n";

CliResult Verify(const TempDir& dir, const std::string& text,
                 std::vector<std::string> extra = {}) {
  const std::string path = dir.File("c.col");
  WriteFile(path, text);
  std::vector<std::string> args = {"verify", "--graph", "cycle:n=5",
                                   "--coloring", path};
  args.insert(args.end(), extra.begin(), extra.end());
  return RunInProcess(args);
}

TEST(CliVerify, AcceptsAHandWrittenColouring) {
  TempDir dir;
  const CliResult r = Verify(dir, kC5Coloring, {"--weight", "5/2"});
  ASSERT_EQ(r.code, kExitOk) << r.err << r.out;
  EXPECT_EQ(RowValue(r.out, "a:b"), "5:2");
  EXPECT_EQ(RowValue(r.out, "weight"), "5/2 (claim <= 5/2)");
  EXPECT_EQ(RowValue(r.out, "verdict"), "PASS");
  // A decimal claim is read exactly.
  EXPECT_EQ(Verify(dir, kC5Coloring, {"--weight", "2.5"}).code, kExitOk);
}

TEST(CliVerify, RejectsEachKindOfBrokenColouring) {
  TempDir dir;
  struct Case {
    std::string text;
    std::vector<std::string> extra;
    std::string verdict;  // expected prefix of the verdict row
  };
  const std::vector<Case> cases = {
      // Vertex 4 = {3, 0} shares colour 0 with its neighbour 0 = {0, 1}.
      {"fcsim-coloring 1 a=5 b=2 n=5\n0 0 1\n1 2 3\n2 4 0\n3 1 2\n"
       "4 3 0\n",
       {},
       "FAIL: shared colour: "},
      {"fcsim-coloring 1 a=5 b=2 n=5\n0 0 1\n1 2 3\n2 4\n3 1 2\n"
       "4 3 4\n",
       {},
       "FAIL: too few colours: "},
      {kC5Coloring, {"--weight", "2.4"}, "FAIL: weight exceeded: "},
      {"fcsim-coloring 1 a=5 b=2 n=4\n0 0 1\n1 2 3\n2 4 0\n3 1 2\n",
       {},
       "FAIL: malformed: "},
      // A colour >= a is a wrong colouring (FAIL), not an unreadable file.
      {"fcsim-coloring 1 a=5 b=2 n=5\n0 0 1\n1 2 3\n2 4 0\n3 1 2\n"
       "4 3 9\n",
       {},
       "FAIL: colour out of range: vertex 4 has colour 9 >= a = 5"},
  };
  for (const Case& c : cases) {
    const CliResult r = Verify(dir, c.text, c.extra);
    EXPECT_EQ(r.code, kExitVerificationFailed) << c.verdict << r.err;
    EXPECT_EQ(RowValue(r.out, "verdict").rfind(c.verdict, 0), 0u)
        << c.verdict << " vs " << r.out;
  }
}

TEST(CliVerify, MalformedFilesAreInputErrors) {
  TempDir dir;
  ExpectUsageError(Verify(dir, "fcsim-coloring 1 a=5 b=2 n=5\n0 0 1\n"),
                   "c.col");
  ExpectUsageError(Verify(dir, "hello\n"), "c.col:1:");
  ExpectUsageError(Verify(dir, kC5Coloring, {"--weight", "five"}), "--weight");
  ExpectUsageError(RunInProcess({"verify", "--graph", "cycle:n=5", "--coloring",
                                 dir.File("absent.col")}),
                   "absent.col");
}

TEST(CliVerify, SchedulesAreCheckedToo) {
  TempDir dir;
  // C_5 as a schedule of weight 5/2: vertex i owns [i, i+1) mod 5/2 scaled.
  const std::string ok =
      "fcsim-schedule 1 T=5/2 n=5\n0 0-1\n1 1-2\n2 2-5/2 0-1/2\n"
      "3 1/2-3/2\n4 3/2-5/2\n";
  const CliResult r = Verify(dir, ok, {"--weight", "5/2"});
  EXPECT_EQ(r.code, kExitOk) << r.err << r.out;
  EXPECT_EQ(RowValue(r.out, "verdict"), "PASS");
  const std::string overlap =
      "fcsim-schedule 1 T=5/2 n=5\n0 0-1\n1 1/2-3/2\n2 2-5/2 0-1/2\n"
      "3 1/2-3/2\n4 3/2-5/2\n";
  const CliResult bad = Verify(dir, overlap);
  EXPECT_EQ(bad.code, kExitVerificationFailed);
  EXPECT_EQ(RowValue(bad.out, "verdict").rfind("FAIL: overlap: ", 0), 0u)
      << bad.out;
}

TEST(CliVerify, RunWritesAColouringThatVerifyAccepts) {
  TempDir dir;
  const std::string path = dir.File("cv.col");
  const CliResult run = RunInProcess(
      {"run", "--graph", "cycle:n=50", "--algo", "cole-vishkin", "-o", path});
  ASSERT_EQ(run.code, kExitOk) << run.err;
  EXPECT_EQ(ReadFile(path).rfind("fcsim-coloring 1 a=3 b=1 n=50\n", 0), 0u);
  const CliResult ok =
      RunInProcess({"verify", "-g", "cycle:n=50", "-c", path, "--weight", "3"});
  EXPECT_EQ(ok.code, kExitOk) << ok.err << ok.out;
  // The same colouring on another graph is caught.
  const CliResult wrong =
      RunInProcess({"verify", "-g", "complete:n=50", "-c", path});
  EXPECT_EQ(wrong.code, kExitVerificationFailed);
  // An MIS is not a colouring: -o is refused, and nothing is written.
  const CliResult mis = RunInProcess({"run", "--graph", "cycle:n=50", "--algo",
                                      "luby-mis", "-o", dir.File("mis.col")});
  ExpectUsageError(mis, "produces no a:b-colouring");
  EXPECT_FALSE(std::filesystem::exists(dir.File("mis.col")));
}

TEST(CliBench, ReportsRoundsTimesRssAndABaselineRatio) {
  const CliResult r =
      RunInProcess({"bench", "--graph", "grid:dims=8x8", "--algo",
                    "linial-delta1", "--repeat", "2", "--threads", "2"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_EQ(RowValue(r.out, "n"), "64");
  EXPECT_EQ(RowValue(r.out, "threads"), "2");
  EXPECT_EQ(RowValue(r.out, "repetitions"), "2");
  EXPECT_NE(RowValue(r.out, "rounds").find("(bound "), std::string::npos);
  EXPECT_NE(RowValue(r.out, "baseline").find("hand-written"),
            std::string::npos);
  EXPECT_NE(RowValue(r.out, "simulation").find(" s min"), std::string::npos);
  EXPECT_FALSE(RowValue(r.out, "ratio").empty());
  EXPECT_NE(RowValue(r.out, "peak RSS").find("iB"), std::string::npos);
  EXPECT_EQ(RowValue(r.out, "verdict"), "PASS");
}

TEST(CliBench, BadArgumentsAreUsageErrors) {
  ExpectUsageError(
      RunInProcess({"bench", "--graph", "cycle:n=8", "--algo", "magic"}),
      "unknown algorithm 'magic'");
  ExpectUsageError(RunInProcess({"bench", "--graph", "cycle:n=8", "--algo",
                                 "linial", "--repeat", "0"}),
                   "--repeat");
  ExpectUsageError(
      RunInProcess({"bench", "--graph", "moebius:n=8", "--algo", "linial"}),
      "moebius");
  ExpectUsageError(RunInProcess({"bench", "--algo", "linial"}), "--graph");
}

TEST(CliBinary, ExitCodesAndStreams) {
  const CliResult version = RunBinary({"--version"});
  EXPECT_EQ(version.code, kExitOk);
  EXPECT_EQ(version.out, VersionString() + "\n");

  const CliResult bad =
      RunBinary({"run", "--graph", "cycle:n=5", "--algo", "nonexistent"});
  ExpectUsageError(bad, "nonexistent");
  EXPECT_TRUE(bad.out.empty());

  const CliResult ok = RunBinary(
      {"run", "--graph", "cycle:n=12", "--algo", "linial", "--threads", "2"});
  EXPECT_EQ(ok.code, kExitOk) << ok.err;
  EXPECT_EQ(RowValue(ok.out, "verdict"), "PASS") << ok.out;
}

}  // namespace
}  // namespace fcsim
