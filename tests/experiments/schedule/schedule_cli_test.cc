// Golden tests of `fcsim schedule`: exports, --check (PASS and hand-made
// conflicts), fallbacks, granularity errors and atomic writes. Most run
// in-process; ScheduleCliBinary runs the built program at CI scale.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "experiments/cli.h"
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using testing::CliResult;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunInProcess;
using testing::TempDir;
using testing::WriteFile;

void ExpectUsageError(const CliResult& r, const std::string& needle) {
  EXPECT_EQ(r.code, kExitUsage) << r.out << r.err;
  EXPECT_EQ(r.err.rfind("fcsim: error: ", 0), 0u) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos)
      << "missing '" << needle << "' in: " << r.err;
}

bool Contains(const std::string& text, const std::string& needle) {
  return text.find(needle) != std::string::npos;
}

// Triangle a, b, c on resource r; c and d share s; e conflicts with none.
constexpr const char* kJobs =
    "job,resources,demand\n"
    "a,r\n"
    "b,r\n"
    "c,r;s\n"
    "d,s\n"
    "e,\n";

std::vector<std::string> FilesIn(const std::string& dir) {
  std::vector<std::string> names;
  for (const auto& e : std::filesystem::directory_iterator(dir)) {
    names.push_back(e.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  return names;
}

TEST(ScheduleCli, HelpListsFormatsAndCheck) {
  const CliResult r = RunInProcess({"schedule", "--help"});
  EXPECT_EQ(r.code, kExitOk);
  for (const char* word : {"--jobs", "--check", "--json", "--ics", "--cron",
                           "--systemd", "--scrontab", "--k8s", "--taprio",
                           "--slot", "--epoch", "--frame-slots"}) {
    EXPECT_TRUE(Contains(r.out, word)) << word;
  }
}

TEST(ScheduleCli, SmallGraphFallsBackAndRoundTrips) {
  TempDir dir;
  WriteFile(dir.File("jobs.csv"), kJobs);
  // Δ = 3 (job c), no K_4: bep-delta's (2Δ+1):2-colouring.
  const CliResult r = RunInProcess(
      {"-q", "schedule", "--jobs", dir.File("jobs.csv"), "--slot", "1s",
       "--json", dir.File("t.json"), "--csv", dir.File("t.csv"), "--ics",
       dir.File("t.ics"), "--taprio", dir.File("t.sh")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(Contains(r.out, "algorithm    bep-delta (eps=1/2, k=2)"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "a:b          7:2")) << r.out;
  EXPECT_TRUE(Contains(r.out, "verdict      PASS")) << r.out;
  const nlohmann::json doc =
      nlohmann::json::parse(ReadFile(dir.File("t.json")));
  EXPECT_EQ(doc["version"], 1);
  EXPECT_EQ(doc["weight"], "7/2");
  EXPECT_EQ(doc["algorithm"]["fallback_reason"], "");
  EXPECT_EQ(doc["jobs"].size(), 5u);
  for (const char* f : {"t.json", "t.csv", "t.ics"}) {
    const CliResult c = RunInProcess(
        {"schedule", "--check", dir.File(f), "--jobs", dir.File("jobs.csv")});
    EXPECT_EQ(c.code, kExitOk) << f << ": " << c.out << c.err;
    EXPECT_TRUE(Contains(c.out, "verdict      PASS")) << c.out;
  }
  // No temporary file is left next to the exports.
  EXPECT_EQ(FilesIn(dir.path()),
            (std::vector<std::string>{"jobs.csv", "t.csv", "t.ics", "t.json",
                                      "t.sh"}));
}

TEST(ScheduleCli, HandEditedConflictIsNamedInJsonAndCsv) {
  TempDir dir;
  WriteFile(dir.File("jobs.csv"), kJobs);
  ASSERT_EQ(
      RunInProcess({"-q", "schedule", "--jobs", dir.File("jobs.csv"), "--json",
                    dir.File("t.json"), "--csv", dir.File("t.csv")})
          .code,
      kExitOk);
  // JSON: give d (which conflicts with c via s) c's slot as well.
  nlohmann::json doc = nlohmann::json::parse(ReadFile(dir.File("t.json")));
  const std::uint32_t slot = doc["jobs"][2]["slots"][0];
  doc["jobs"][3]["slots"].push_back(slot);
  WriteFile(dir.File("edited.json"), doc.dump(1));
  CliResult r = RunInProcess({"schedule", "--check", dir.File("edited.json"),
                              "--jobs", dir.File("jobs.csv")});
  EXPECT_EQ(r.code, kExitVerificationFailed) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out,
                       "FAIL: jobs 'c' and 'd' conflict (both need "
                       "resource 's') but both run in slot " +
                           std::to_string(slot)))
      << r.out;
  // CSV: append a row putting a in b's slot (start/end left empty).
  const std::uint32_t b_slot = doc["jobs"][1]["slots"][0];
  WriteFile(dir.File("edited.csv"), ReadFile(dir.File("t.csv")) + "a,1," +
                                        std::to_string(b_slot) + ",,\n");
  r = RunInProcess({"schedule", "--check", dir.File("edited.csv"), "--jobs",
                    dir.File("jobs.csv")});
  EXPECT_EQ(r.code, kExitVerificationFailed) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "jobs 'a' and 'b' conflict")) << r.out;
  EXPECT_TRUE(Contains(r.out, "slot " + std::to_string(b_slot))) << r.out;
  // A job left out gets no share.
  doc = nlohmann::json::parse(ReadFile(dir.File("t.json")));
  doc["jobs"].erase(4);
  WriteFile(dir.File("missing.json"), doc.dump());
  r = RunInProcess({"schedule", "--check", dir.File("missing.json"), "--jobs",
                    dir.File("jobs.csv")});
  EXPECT_EQ(r.code, kExitVerificationFailed);
  EXPECT_TRUE(Contains(r.out, "job 'e' gets 0 of")) << r.out;
}

TEST(ScheduleCli, GranularityErrorWritesNoFile) {
  TempDir dir;
  WriteFile(dir.File("jobs.csv"), kJobs);
  ExpectUsageError(
      RunInProcess({"schedule", "--jobs", dir.File("jobs.csv"), "--slot", "30s",
                    "--json", dir.File("t.json"), "--k8s", dir.File("t.yaml")}),
      "k8s: slots of 30s are finer than its granularity of 1m");
  ExpectUsageError(
      RunInProcess({"schedule", "--jobs", dir.File("jobs.csv"), "--slot",
                    "500ms", "--ics", dir.File("t.ics")}),
      "finer than its granularity of 1s");
  // Frame of 7 x 7 min = 49 min: cron cannot repeat it.
  ExpectUsageError(RunInProcess({"schedule", "--jobs", dir.File("jobs.csv"),
                                 "--slot", "7m", "--cron", dir.File("t.cron")}),
                   "a frame of 49m cannot be expressed");
  EXPECT_EQ(FilesIn(dir.path()), std::vector<std::string>{"jobs.csv"});
  // Padding the frame to 8 x 15 min = 2 h makes it expressible.
  const CliResult r =
      RunInProcess({"-q", "schedule", "--jobs", dir.File("jobs.csv"), "--slot",
                    "15m", "--frame-slots", "8", "--cron", dir.File("t.cron")});
  EXPECT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(Contains(ReadFile(dir.File("t.cron")), "CRON_TZ=UTC"));
}

TEST(ScheduleCli, UnwritableTargetLeavesNoPartialFile) {
  TempDir dir;
  WriteFile(dir.File("jobs.csv"), kJobs);
  const CliResult r = RunInProcess({"schedule", "--jobs", dir.File("jobs.csv"),
                                    "--json", dir.File("t.json"), "--csv",
                                    dir.File("missing/dir/t.csv")});
  ExpectUsageError(r, "cannot write");
  // The JSON was complete, but nothing is renamed until every file is.
  EXPECT_EQ(FilesIn(dir.path()), std::vector<std::string>{"jobs.csv"});
  std::filesystem::create_directory(dir.File("units"));
  ExpectUsageError(
      RunInProcess({"schedule", "--jobs", dir.File("jobs.csv"), "--frame-slots",
                    "10", "--systemd", dir.File("units")}),
      "already exists");
}

TEST(ScheduleCli, InputErrorsAreOneLine) {
  TempDir dir;
  WriteFile(dir.File("dup.csv"), "a,r\na,s\n");
  ExpectUsageError(RunInProcess({"schedule", "--jobs", dir.File("dup.csv"),
                                 "--json", dir.File("t.json")}),
                   "dup.csv:2: job 'a' already defined on line 1");
  std::string big = "job,resources\n";
  for (int i = 0; i < 300; ++i) {
    big += 'j';
    big += std::to_string(i);
    big += ",hub\n";
  }
  WriteFile(dir.File("big.csv"), big);
  ExpectUsageError(
      RunInProcess({"schedule", "--jobs", dir.File("big.csv"),
                    "--max-conflicts", "1000", "--json", dir.File("t.json")}),
      "resource 'hub' alone is shared by 300 jobs");
  ExpectUsageError(RunInProcess({"schedule", "--json", dir.File("t.json")}),
                   "exactly one of --jobs");
  ExpectUsageError(RunInProcess({"schedule", "--graph", "cycle:n=6", "--slot",
                                 "1fortnight", "--json", dir.File("t.json")}),
                   "bad duration");
  ExpectUsageError(
      RunInProcess({"schedule", "--graph", "cycle:n=6", "--no-fallback",
                    "--json", dir.File("t.json")}),
      "bep-delta needs Δ >= 3");
  ExpectUsageError(
      RunInProcess({"schedule", "--graph", "cycle:n=6", "--json",
                    dir.File("t.out"), "--csv", dir.File("t.out")}),
      "two exports write to");
  EXPECT_EQ(FilesIn(dir.path()),
            (std::vector<std::string>{"big.csv", "dup.csv"}));
}

TEST(ScheduleCli, OutsideBepClassFallsBackAndDemandsGetTheirShare) {
  TempDir dir;
  CliResult r = RunInProcess({"-q", "schedule", "--graph", "complete:n=5",
                              "--json", dir.File("k5.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(Contains(r.out, "lies in a K_5")) << r.out;
  EXPECT_TRUE(Contains(r.out, "a:b          5:1")) << r.out;
  // Δ = 2: the proper (Δ+1)-colouring as a 3:1-colouring.
  r = RunInProcess({"-q", "schedule", "--graph", "cycle:n=6", "--json",
                    dir.File("c6.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(Contains(r.out, "algorithm    linial-delta1")) << r.out;
  EXPECT_TRUE(Contains(r.out, "fallback     bep-delta needs Δ >= 3")) << r.out;
  EXPECT_TRUE(Contains(r.out, "a:b          3:1")) << r.out;
  const nlohmann::json c6 =
      nlohmann::json::parse(ReadFile(dir.File("c6.json")));
  EXPECT_EQ(c6["algorithm"]["requested"], "bep-delta");
  EXPECT_EQ(c6["algorithm"]["name"], "linial-delta1");
  EXPECT_NE(c6["algorithm"]["fallback_reason"], "");
  // Demands: x needs 3 units, conflicting with y (1) and z (2) on r.
  WriteFile(dir.File("jobs.csv"), "x,r,3\ny,r\nz,r;q,2\nw,q\n");
  r = RunInProcess({"-q", "schedule", "--jobs", dir.File("jobs.csv"), "--json",
                    dir.File("d.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  const nlohmann::json doc =
      nlohmann::json::parse(ReadFile(dir.File("d.json")));
  const std::uint32_t b = doc["base_slots"];
  for (const auto& job : doc["jobs"]) {
    EXPECT_GE(job["slots"].size(), job["demand"].get<std::uint32_t>() * b)
        << job.dump();
  }
  EXPECT_EQ(RunInProcess({"schedule", "--check", dir.File("d.json"), "--jobs",
                          dir.File("jobs.csv")})
                .code,
            kExitOk);
}

TEST(ScheduleCli, ColoringFileIsVerifiedFirst) {
  TempDir dir;
  ASSERT_EQ(RunInProcess({"-q", "run", "-g", "cycle:n=8", "-a", "linial-delta1",
                          "-o", dir.File("c.txt")})
                .code,
            kExitOk);
  CliResult r =
      RunInProcess({"-q", "schedule", "--graph", "cycle:n=8", "--coloring",
                    dir.File("c.txt"), "--json", dir.File("t.json")});
  ASSERT_EQ(r.code, kExitOk) << r.err;
  EXPECT_TRUE(Contains(r.out, "algorithm    file:")) << r.out;
  // The same colouring on another graph is refused by the checker.
  r = RunInProcess({"-q", "schedule", "--graph", "complete:n=8", "--coloring",
                    dir.File("c.txt"), "--json", dir.File("bad.json")});
  EXPECT_EQ(r.code, kExitVerificationFailed) << r.out << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("bad.json")));
}

// Acceptance 1 at CI scale, through the built binary: 2000 random jobs,
// bep-delta, every export checked back.
TEST(ScheduleCliBinary, RandomJobsExportAndCheck) {
  TempDir dir;
  ASSERT_EQ(RunBinary({"-q", "schedule", "--gen-jobs", "2000", "-o",
                       dir.File("jobs.csv")})
                .code,
            kExitOk);
  const CliResult r =
      RunBinary({"schedule", "--jobs", dir.File("jobs.csv"), "--slot", "1m",
                 "--frame-slots", "60", "--json", dir.File("t.json"), "--csv",
                 dir.File("t.csv"), "--ics", dir.File("t.ics"), "--cron",
                 dir.File("t.cron"), "--systemd", dir.File("units")});
  ASSERT_EQ(r.code, kExitOk) << r.out << r.err;
  EXPECT_TRUE(Contains(r.out, "algorithm    bep-delta")) << r.out;
  const nlohmann::json doc =
      nlohmann::json::parse(ReadFile(dir.File("t.json")));
  EXPECT_EQ(doc["jobs"].size(), 2000u);
  const std::uint32_t b = doc["base_slots"];
  for (const auto& job : doc["jobs"]) ASSERT_GE(job["slots"].size(), b);
  for (const char* f : {"t.json", "t.csv", "t.ics"}) {
    const CliResult c = RunBinary(
        {"schedule", "--check", dir.File(f), "--jobs", dir.File("jobs.csv")});
    EXPECT_EQ(c.code, kExitOk) << f << ": " << c.out << c.err;
  }
}

}  // namespace
}  // namespace fcsim
