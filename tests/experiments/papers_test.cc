// `fcsim papers`: page specs, claim checks computed from records, generated
// blocks between markers (the rest of the page untouched), --check, and the
// committed papers/ pages against their committed records.
#include "experiments/papers.h"

#include <fmt/core.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/records.h"
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using nlohmann::json;
using testing::CliResult;
using testing::ReadFile;
using testing::RunInProcess;
using testing::TempDir;
using testing::WriteFile;

json Record(const std::string& algo, std::uint64_t n, std::uint64_t rounds,
            std::uint64_t bound) {
  return json{{"family", "f"},
              {"graph", "g" + std::to_string(n)},
              {"algorithm", algo},
              {"n", n},
              {"rounds", rounds},
              {"round_bound", bound},
              {"verdict", "PASS"},
              {"eps", "1/2"},
              {"max_degree", 4},
              {"a", 9},
              {"b", 2},
              {"weight", "9/2"},
              {"weight_claim", "9/2"},
              {"audit", nullptr}};
}

TEST(PapersClaims, ChecksAreComputedFromTheRecords) {
  std::vector<json> records = {Record("x", 10, 5, 6), Record("x", 100, 6, 6)};
  PaperClaim claim;
  claim.id = "C1";
  claim.check = "rounds_within_bound";
  claim.where = json::object();
  ClaimResult r = EvaluateClaim(claim, records);
  EXPECT_TRUE(r.passed) << r.measured;
  EXPECT_NE(r.measured.find("rounds 5…6 against declared bounds 6"),
            std::string::npos)
      << r.measured;
  records.push_back(Record("x", 1000, 7, 6));
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  claim.check = "constant_output";
  EXPECT_TRUE(EvaluateClaim(claim, records).passed);
  records.back()["b"] = 3;
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  claim.check = "weight_equals_claim";
  EXPECT_TRUE(EvaluateClaim(claim, records).passed);
  records.back()["weight"] = "5";
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);
  claim.check = "weight_within_claim";
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  claim.check = "verdict";
  EXPECT_TRUE(EvaluateClaim(claim, records).passed);
  records[0]["verdict"] = "FAIL";
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  claim.check = "audit_clean";  // no run was audited
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  claim.check = "rounds_at_most";
  claim.value = 7;
  EXPECT_TRUE(EvaluateClaim(claim, records).passed);
  claim.value = 6;
  EXPECT_FALSE(EvaluateClaim(claim, records).passed);

  // A claim that matches no record is not evidence: FAIL.
  claim.where = json{{"algorithm", "other"}};
  const ClaimResult none = EvaluateClaim(claim, records);
  EXPECT_FALSE(none.passed);
  EXPECT_EQ(none.measured, "no records match");
}

TEST(PapersBlocks, ReplaceOnlyBetweenMarkers) {
  const std::string page =
      "# P\nintro\n<!-- fcsim:table t -->\nold\n<!-- /fcsim:table -->\nend\n";
  EXPECT_EQ(ReplaceBlock(page, "table", "t", "new\n", "p.md"),
            "# P\nintro\n<!-- fcsim:table t -->\nnew\n<!-- /fcsim:table "
            "-->\nend\n");
  EXPECT_EQ(ReplaceBlock("# P\n", "figure", "f", "img\n", "p.md"),
            "# P\n\n<!-- fcsim:figure f -->\nimg\n<!-- /fcsim:figure -->\n");
  EXPECT_THROW(
      ReplaceBlock("<!-- fcsim:table t -->\n", "table", "t", "", "p.md"),
      CliError);
}

constexpr const char* kPageSpec = R"(page = "tiny.md"
title = "Tiny"
records = "records/tiny.jsonl"
algorithms = ["linial-delta1", "bep-delta"]
eps = ["1/2"]
audit_samples = 2

[[family]]
name = "reg"
graph = "regular:n={n},d=3,seed=3"
n = [10, 16]

[[table]]
name = "tiny-claims"
kind = "claims"
  [[table.claim]]
  id = "T1"
  statement = "every run verified"
  check = "verdict"
  [[table.claim]]
  id = "T2"
  statement = "BEP-a weight exactly the claim"
  check = "weight_equals_claim"
  where = { algorithm = "bep-delta" }
  [[table.claim]]
  id = "T3"
  statement = "an impossible claim"
  check = "rounds_at_most"
  value = 0

[[table]]
name = "tiny-runs"
kind = "runs"
where = { algorithm = "bep-delta" }
columns = ["n", "eps", "weight", "rounds", "round_bound", "verdict", "command"]

[[figure]]
name = "tiny"
plots = ["rounds", "weight"]
)";

TEST(Papers, RegeneratesTablesAndFiguresFromRecords) {
  TempDir dir;
  const std::string papers = dir.File("papers");
  std::filesystem::create_directories(papers + "/specs");
  WriteFile(papers + "/specs/tiny.toml", kPageSpec);
  WriteFile(papers + "/tiny.md",
            "# Tiny\n\nHand-written text stays.\n\n<!-- fcsim:table "
            "tiny-runs -->\nstale\n<!-- /fcsim:table -->\n\nTrailer.\n");
  const CliResult r = RunInProcess({"papers", "--dir", papers, "-q"});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const std::string page = ReadFile(papers + "/tiny.md");
  EXPECT_EQ(page.rfind("# Tiny\n\nHand-written text stays.\n", 0), 0u);
  EXPECT_NE(page.find("Trailer."), std::string::npos);
  EXPECT_EQ(page.find("stale"), std::string::npos);
  EXPECT_NE(page.find("| T1 | every run verified | `fcsim sweep "
                      "papers/specs/tiny.toml -o papers/records/tiny.jsonl` | "
                      "4 of 4 runs PASS (n = 10…16) | PASS |"),
            std::string::npos)
      << page;
  EXPECT_NE(page.find("| T2 | BEP-a weight exactly the claim |"),
            std::string::npos);
  // T3 is false on these records: computed FAIL, not asserted PASS.
  EXPECT_NE(page.find("(claim ≤ 0, n = 10…16) | FAIL |"), std::string::npos)
      << page;
  // The runs table shows each bep-delta record's own numbers.
  for (const json& rec : ReadRecords(papers + "/records/tiny.jsonl").records) {
    if (rec["algorithm"] != "bep-delta") continue;
    const std::string row = fmt::format(
        "| {} | 1/2 | 7/2 | {} | {} | PASS | `fcsim run -g {} -a bep-delta -e "
        "1/2 --ids permutation -s 1 -t 1 --audit-samples 2` |",
        rec["n"].get<int>(), rec["rounds"].get<int>(),
        rec["round_bound"].get<int>(), rec["graph"].get<std::string>());
    EXPECT_NE(page.find(row), std::string::npos) << row << "\n" << page;
  }
  EXPECT_NE(page.find("![Tiny rounds](figures/tiny_rounds.svg)"),
            std::string::npos);
  EXPECT_TRUE(std::filesystem::exists(papers + "/figures/tiny_weight.png"));
  EXPECT_FALSE(std::filesystem::exists(papers + "/figures/tiny_wall.svg"));

  // The page matches its records; a hand edit of a number does not.
  EXPECT_EQ(RunInProcess({"papers", "--dir", papers, "--check"}).code, kExitOk);
  std::string edited = page;
  edited.replace(edited.find("4 of 4 runs PASS"), 6, "5 of 4");
  WriteFile(papers + "/tiny.md", edited);
  const CliResult check = RunInProcess({"papers", "--dir", papers, "--check"});
  EXPECT_EQ(check.code, kExitVerificationFailed);
  EXPECT_NE(check.out.find("does not match"), std::string::npos) << check.out;
  // --render-only restores the page from the records without running.
  EXPECT_EQ(
      RunInProcess({"papers", "--dir", papers, "--render-only", "-q"}).code,
      kExitOk);
  EXPECT_EQ(ReadFile(papers + "/tiny.md"), page);
}

TEST(Papers, BadPageSpecNamesFileAndKey) {
  TempDir dir;
  const std::string papers = dir.File("papers");
  std::filesystem::create_directories(papers + "/specs");
  std::string spec = kPageSpec;
  spec.replace(spec.find("check = \"verdict\""), 17, "check = \"vibes\"");
  WriteFile(papers + "/specs/tiny.toml", spec);
  const CliResult r = RunInProcess({"papers", "--dir", papers});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("tiny.toml: key 'table[0].claim[0].check': unknown "
                       "check 'vibes'"),
            std::string::npos)
      << r.err;
  EXPECT_FALSE(std::filesystem::exists(papers + "/records"));
  const CliResult none = RunInProcess({"papers", "--dir", dir.File("nope")});
  EXPECT_EQ(none.code, kExitUsage);
  EXPECT_NE(none.err.find("no spec directory"), std::string::npos);
}

// Acceptance 5: the committed pages' generated blocks are exactly what the
// committed records give (nothing is run).
TEST(Papers, CommittedPagesMatchCommittedRecords) {
  const std::string papers = std::string(FCSIM_SOURCE_DIR) + "/papers";
  const CliResult r = RunInProcess({"papers", "--dir", papers, "--check"});
  EXPECT_EQ(r.code, kExitOk) << r.out << r.err;
}

}  // namespace
}  // namespace fcsim
