// `fcsim plot`: SVG and PNG through gnuplot, written atomically; errors on
// empty or malformed records and a missing gnuplot.
#include "experiments/plot.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "experiments/cli.h"
#include "experiments/records.h"
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using testing::CliResult;
using testing::ReadFile;
using testing::RunInProcess;
using testing::TempDir;
using testing::WriteFile;

void ExpectOneLineError(const CliResult& r, const std::string& needle) {
  EXPECT_EQ(r.code, kExitUsage) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos)
      << "missing '" << needle << "' in: " << r.err;
}

// Records of a tiny sweep: two algorithms, two n, two ε for bep-delta.
std::string MakeRecords(const TempDir& dir) {
  const std::string spec = dir.File("s.toml");
  WriteFile(spec,
            "algorithms = [\"linial-delta1\", \"bep-delta\"]\n"
            "eps = [\"1\", \"1/2\"]\n"
            "[[family]]\nname = \"reg\"\ngraph = "
            "\"regular:n={n},d=3,seed=3\"\nn = [10, 16]\n");
  const std::string records = dir.File("r.jsonl");
  const CliResult r = RunInProcess({"sweep", spec, "-o", records, "-q"});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  return records;
}

TEST(Plot, WritesSvgAndPngOfEachKindAtomically) {
  TempDir dir;
  const std::string records = MakeRecords(dir);
  const std::string out_dir = dir.File("plots");
  const CliResult r = RunInProcess(
      {"plot", records, "-o", out_dir, "--prefix", "t_", "--title", "tiny"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  for (const std::string kind : {"rounds", "weight", "wall"}) {
    const std::string svg = ReadFile(out_dir + "/t_" + kind + ".svg");
    EXPECT_NE(svg.find("<svg"), std::string::npos) << kind;
    EXPECT_NE(svg.find("reg / bep-delta"), std::string::npos) << kind;
    const std::string png = ReadFile(out_dir + "/t_" + kind + ".png");
    ASSERT_GT(png.size(), 8u) << kind;
    EXPECT_EQ(png.substr(1, 3), "PNG") << kind;
  }
  // Nothing but the six plots is left in the directory (no temporaries).
  std::size_t files = 0;
  for (const auto& e : std::filesystem::directory_iterator(out_dir)) {
    (void)e;
    ++files;
  }
  EXPECT_EQ(files, 6u);
}

TEST(Plot, ScriptsDrawTheBoundAndUseALogAxis) {
  TempDir dir;
  const std::string records = MakeRecords(dir);
  PlotRequest request;
  request.records = ReadRecords(records).records;
  const std::string rounds = PlotScript(request, "rounds", {"a.svg", "a.png"});
  EXPECT_NE(rounds.find("set logscale x"), std::string::npos);
  EXPECT_NE(rounds.find("using 1:3 with lines lc 1 dt 2 notitle"),
            std::string::npos);
  // One series per (family, algorithm, ε): linial-delta1, bep-delta ε=1, ε=1/2.
  EXPECT_NE(rounds.find("'reg / linial-delta1'"), std::string::npos);
  EXPECT_NE(rounds.find("'reg / bep-delta ε=1/2'"), std::string::npos);
  EXPECT_NE(rounds.find("$s2 << EOD"), std::string::npos);
  EXPECT_EQ(rounds.find("$s3 << EOD"), std::string::npos);
  // Weight against ε: only bep-delta has an ε; its points are 1 and 1/2.
  const std::string weight = PlotScript(request, "weight", {"a.svg"});
  EXPECT_NE(weight.find("0.5 3.5 3.5"), std::string::npos) << weight;
  EXPECT_NE(weight.find("1 4 4"), std::string::npos) << weight;
  EXPECT_EQ(weight.find("linial-delta1"), std::string::npos);
}

TEST(Plot, EmptyOrMalformedRecordsAreErrors) {
  TempDir dir;
  WriteFile(dir.File("empty.jsonl"), "");
  ExpectOneLineError(
      RunInProcess({"plot", dir.File("empty.jsonl"), "-o", dir.File("p")}),
      "no records in");
  WriteFile(dir.File("bad.jsonl"), "{\"n\": 1}\nnot json\n");
  ExpectOneLineError(
      RunInProcess({"plot", dir.File("bad.jsonl"), "-o", dir.File("p")}),
      "bad.jsonl:2: not a JSON record");
  WriteFile(dir.File("fields.jsonl"),
            "{\"family\": \"f\", \"algorithm\": \"a\", \"rounds\": 3}\n");
  ExpectOneLineError(
      RunInProcess({"plot", dir.File("fields.jsonl"), "-o", dir.File("p")}),
      "record 1 has no numeric field 'n'");
  ExpectOneLineError(
      RunInProcess({"plot", dir.File("missing.jsonl"), "-o", dir.File("p")}),
      "cannot open records file");
  EXPECT_FALSE(std::filesystem::exists(dir.File("p")));
}

TEST(Plot, MissingGnuplotIsAClearError) {
  TempDir dir;
  const std::string records = MakeRecords(dir);
  setenv("FCSIM_GNUPLOT", "/nonexistent/gnuplot", 1);
  const CliResult r = RunInProcess({"plot", records, "-o", dir.File("p")});
  unsetenv("FCSIM_GNUPLOT");
  ExpectOneLineError(r, "gnuplot not found");
  const std::string path = getenv("PATH") ? getenv("PATH") : "";
  setenv("PATH", dir.path().c_str(), 1);
  const CliResult r2 = RunInProcess({"plot", records, "-o", dir.File("p")});
  setenv("PATH", path.c_str(), 1);
  ExpectOneLineError(r2, "install the Debian package gnuplot-nox");
}

}  // namespace
}  // namespace fcsim
