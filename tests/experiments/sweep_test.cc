// `fcsim sweep`: spec parsing (one-line errors naming file and key), the
// planned grid, resuming, FAIL records, and a sweep killed midway (SIGKILL,
// in the middle of a record's write and at an arbitrary moment) that a
// re-run completes with no duplicated or truncated record.
#include "experiments/sweep.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "algorithms/checker.h"
#include "experiments/algorithm_registry.h"
#include "experiments/records.h"
#include "tests/experiments/cli_test_util.h"

namespace fcsim {
namespace {

using nlohmann::json;
using testing::CliResult;
using testing::ReadFile;
using testing::RunBinary;
using testing::RunInProcess;
using testing::ShellQuote;
using testing::TempDir;
using testing::WriteFile;

// Test only: linial-delta1's run with its colouring replaced by colour 0 at
// every vertex, re-checked by the checker: a run that fails verification.
const AlgorithmRegistrar kMonochrome{AlgorithmEntry{
    .name = "test-monochrome",
    .description = "test only: every vertex gets colour 0 (fails the checker)",
    .takes_epsilon = false,
    .produces_coloring = true,
    .run = [](const Graph& g, std::span<const NodeId> ids,
              const AlgorithmParams& params, const HarnessOptions& options) {
      AlgorithmReport report =
          FindAlgorithm("linial-delta1").run(g, ids, params, options);
      ABColoring mono(1, 1, g.num_vertices());
      for (Vertex v = 0; v < g.num_vertices(); ++v) mono.Insert(v, 0);
      report.verdict = CheckABColoring(g, mono);
      report.coloring = mono;
      return report;
    }}};

void ExpectSpecError(const std::string& spec_text, const std::string& needle) {
  TempDir dir;
  const std::string spec = dir.File("bad.toml");
  WriteFile(spec, spec_text);
  const CliResult r =
      RunInProcess({"sweep", spec, "-o", dir.File("records.jsonl")});
  EXPECT_EQ(r.code, kExitUsage) << spec_text << "\n" << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_EQ(r.err.rfind("fcsim: error: " + spec + ":", 0), 0u) << r.err;
  EXPECT_NE(r.err.find(needle), std::string::npos)
      << "missing '" << needle << "' in: " << r.err;
  EXPECT_FALSE(std::filesystem::exists(dir.File("records.jsonl")));
}

constexpr const char* kFamily =
    "[[family]]\nname = \"c\"\ngraph = \"cycle:n={n}\"\nn = [8]\n";

TEST(SweepSpec, BadSpecsGiveOneLineNamingFileAndKey) {
  ExpectSpecError("algorithms = [\"linial\"\n", "TOML syntax error");
  ExpectSpecError(std::string("algoritms = [\"linial\"]\n") + kFamily,
                  "key 'algoritms': unknown key");
  ExpectSpecError(std::string("algorithms = [\"nope\"]\n") + kFamily,
                  "key 'algorithms[0]': unknown algorithm 'nope'");
  ExpectSpecError(
      std::string("algorithms = [\"bep-delta\"]\neps = [0.5]\n") + kFamily,
      "key 'eps[0]': give ε as a string");
  ExpectSpecError(
      std::string("algorithms = [\"bep-delta\"]\neps = [\"-1/2\"]\n") + kFamily,
      "key 'eps[0]': ε must be > 0");
  ExpectSpecError(
      std::string("algorithms = [\"linial\"]\nthreads = [0]\n") + kFamily,
      "key 'threads[0]': must be >= 1");
  ExpectSpecError(
      std::string("algorithms = [\"linial\"]\nids = [\"odd\"]\n") + kFamily,
      "key 'ids[0]'");
  ExpectSpecError("algorithms = [\"linial\"]\n", "key 'family': missing");
  ExpectSpecError("algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\n",
                  "key 'family[0].graph': missing");
  ExpectSpecError(
      "algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\ngraph = "
      "\"cycle:n={n}\"\n",
      "key 'family[0].n': placeholder {n} of the graph has no value list");
  ExpectSpecError(
      "algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\ngraph = "
      "\"cycle:n=5\"\nside = [3]\n",
      "key 'family[0].side': unknown key");
  ExpectSpecError(
      "algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\ngraph = "
      "\"cyclo:n={n}\"\nn = [5]\n",
      "key 'family[0].graph': graph 'cyclo:n=5': unknown graph family 'cyclo'");
  ExpectSpecError(
      "algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\ngraph = "
      "\"cycle:m={n}\"\nn = [5]\n",
      "family 'cycle' has no parameter 'm'");
  ExpectSpecError(
      "algorithms = [\"linial\"]\n[[family]]\nname = \"x\"\ngraph = "
      "\"cycle:n={n}\"\nn = [5.5]\n",
      "key 'family[0].n[0]': expected an integer or a string");
}

TEST(SweepSpec, MissingSpecFileIsAnInputError) {
  TempDir dir;
  const CliResult r =
      RunInProcess({"sweep", dir.File("none.toml"), "-o", dir.File("r.jsonl")});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_NE(r.err.find("cannot open spec file"), std::string::npos) << r.err;
}

TEST(SweepSpec, PlanIsTheProductWithoutDuplicates) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec,
            "algorithms = [\"linial\", \"bep-delta\"]\n"
            "eps = [\"1/2\", \"0.5\", \"1\"]\n"
            "seeds = [1, 2]\n"
            "[[family]]\nname = \"r\"\ngraph = \"regular:n={n},d={d}\"\n"
            "n = [10, 12]\nd = [3]\nfull = { n = [10, 12, 14] }\n");
  const std::vector<PlannedRun> small = PlanSweep(ReadSweepSpec(spec, "small"));
  // 2 graphs × (linial: 1 + bep-delta: 2 distinct ε) × 2 seeds.
  EXPECT_EQ(small.size(), 2u * 3u * 2u);
  std::set<std::string> keys;
  for (const PlannedRun& run : small) keys.insert(run.key);
  EXPECT_EQ(keys.size(), small.size());
  EXPECT_EQ(small.front().choice.graph, "regular:n=10,d=3");
  EXPECT_EQ(PlanSweep(ReadSweepSpec(spec, "full")).size(), 3u * 3u * 2u);
}

// The README's example spec parses and plans 3 graphs × (1 + 2 ε) runs.
TEST(SweepSpec, ReadmeExampleSpecParses) {
  const SweepSpec spec = ReadSweepSpec(
      std::string(FCSIM_SOURCE_DIR) + "/docs/examples/tiny_sweep.toml",
      "small");
  EXPECT_EQ(PlanSweep(spec).size(), 9u);
}

std::vector<json> Lines(const std::string& path) {
  std::vector<json> records;
  const std::string text = ReadFile(path);
  EXPECT_TRUE(text.empty() || text.back() == '\n') << "unterminated last line";
  std::size_t pos = 0;
  while (pos < text.size()) {
    const std::size_t end = text.find('\n', pos);
    records.push_back(json::parse(text.substr(pos, end - pos)));
    pos = end + 1;
  }
  return records;
}

TEST(Sweep, RunsTheGridWritesJsonlAndCsvAndResumes) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec,
            "algorithms = [\"linial-delta1\", \"bep-delta\"]\n"
            "eps = [\"1\", \"1/2\"]\n"
            "audit_samples = 2\n"
            "[[family]]\nname = \"small regular\"\n"
            "graph = \"regular:n={n},d=3,seed=3\"\nn = [10, 16]\n");
  const std::string records = dir.File("r.jsonl");
  const std::string csv = dir.File("r.csv");
  const CliResult first =
      RunInProcess({"sweep", spec, "-o", records, "--csv", csv});
  ASSERT_EQ(first.code, kExitOk) << first.err << first.out;
  EXPECT_NE(first.out.find("sweep: 6 runs planned, 0 already in"),
            std::string::npos)
      << first.out;
  const std::vector<json> lines = Lines(records);
  ASSERT_EQ(lines.size(), 6u);
  std::set<std::string> keys;
  for (const json& r : lines) {
    keys.insert(RecordKey(r));
    EXPECT_EQ(r["family"], "small regular");
    EXPECT_EQ(r["verdict"], "PASS");
    EXPECT_EQ(r["audit_samples"], 2);
  }
  EXPECT_EQ(keys.size(), 6u);
  EXPECT_EQ(lines[1]["algorithm"], "bep-delta");
  EXPECT_EQ(lines[1]["eps"], "1");
  EXPECT_EQ(lines[1]["weight"], "4");  // Δ + 1/k, k = 1
  // The CSV has the header and one row per record.
  const std::string csv_text = ReadFile(csv);
  EXPECT_EQ(std::count(csv_text.begin(), csv_text.end(), '\n'), 7);
  EXPECT_EQ(csv_text.rfind(CsvHeader() + "\n", 0), 0u);

  // A re-run finds every record and appends nothing.
  const std::string before = ReadFile(records);
  const CliResult again = RunInProcess({"sweep", spec, "-o", records});
  EXPECT_EQ(again.code, kExitOk) << again.err;
  EXPECT_NE(again.out.find("6 already in"), std::string::npos) << again.out;
  EXPECT_NE(again.out.find("0 run"), std::string::npos) << again.out;
  EXPECT_EQ(ReadFile(records), before);

  // --dry-run lists the plan and writes nothing.
  const CliResult dry =
      RunInProcess({"sweep", spec, "-o", dir.File("dry.jsonl"), "-n"});
  EXPECT_EQ(dry.code, kExitOk);
  EXPECT_NE(dry.out.find("[6/6]"), std::string::npos) << dry.out;
  EXPECT_FALSE(std::filesystem::exists(dir.File("dry.jsonl")));
}

// docs/records.md documents every field a record has.
TEST(Sweep, EveryRecordFieldIsDocumented) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec,
            "algorithms = [\"test-monochrome\", \"bep-delta\"]\n"
            "eps = [\"1/2\"]\naudit_samples = 1\n"
            "[[family]]\nname = \"r\"\ngraph = \"regular:n={n},d=3,seed=3\"\n"
            "n = [10]\n");
  const std::string records = dir.File("r.jsonl");
  RunInProcess({"sweep", spec, "-o", records, "-q"});
  const std::vector<json> lines = Lines(records);
  ASSERT_EQ(lines.size(), 2u);
  const std::string doc =
      ReadFile(std::string(FCSIM_SOURCE_DIR) + "/docs/records.md");
  ASSERT_FALSE(doc.empty());
  for (const json& r : lines) {
    for (const auto& [key, value] : r.items()) {
      EXPECT_NE(doc.find("`" + key + "`"), std::string::npos) << key;
      if (!value.is_object()) continue;
      for (const auto& [sub, unused] : value.items()) {
        EXPECT_NE(doc.find("\"" + sub + "\""), std::string::npos)
            << key << "." << sub;
      }
    }
  }
}

TEST(Sweep, RunThatFailsVerificationStillYieldsAFailRecord) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec,
            "algorithms = [\"test-monochrome\", \"linial-delta1\"]\n"
            "[[family]]\nname = \"c\"\ngraph = \"cycle:n={n}\"\nn = [6]\n");
  const std::string records = dir.File("r.jsonl");
  const CliResult r = RunInProcess({"sweep", spec, "-o", records});
  EXPECT_EQ(r.code, kExitVerificationFailed) << r.err;
  EXPECT_NE(r.out.find("FAIL: shared colour"), std::string::npos) << r.out;
  const std::vector<json> lines = Lines(records);
  ASSERT_EQ(lines.size(), 2u);
  EXPECT_EQ(lines[0]["verdict"], "FAIL");
  EXPECT_TRUE(lines[0]["violation"].is_object());
  EXPECT_EQ(lines[1]["verdict"], "PASS");
  // Resuming counts the FAIL already recorded: still exit 1, nothing re-run.
  const CliResult again = RunInProcess({"sweep", spec, "-o", records});
  EXPECT_EQ(again.code, kExitVerificationFailed);
  EXPECT_EQ(Lines(records).size(), 2u);
}

TEST(Sweep, InputErrorOfARunIsAClearError) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  // n·d odd: no 3-regular graph on 7 vertices; found when the run starts.
  WriteFile(spec,
            "algorithms = [\"linial\"]\n"
            "[[family]]\nname = \"r\"\ngraph = \"regular:n={n},d=3\"\n"
            "n = [8, 7]\n");
  const std::string records = dir.File("r.jsonl");
  const CliResult r = RunInProcess({"sweep", spec, "-o", records});
  EXPECT_EQ(r.code, kExitUsage);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("run [2/2] (regular:n=7,d=3"), std::string::npos)
      << r.err;
  EXPECT_EQ(Lines(records).size(), 1u);  // the first run's record is kept
}

// A grid of `count` cycles of growing length.
std::string CycleSpec(int count, int base) {
  std::string n_list;
  for (int i = 0; i < count; ++i) {
    n_list += (i ? ", " : "") + std::to_string(base + 2 * i);
  }
  return "algorithms = [\"cole-vishkin\", \"linial-delta1\"]\n"
         "[[family]]\nname = \"c\"\ngraph = \"cycle:n={n}\"\nn = [" +
         n_list + "]\n";
}

void ExpectCompleteAndUnique(const std::string& records, std::size_t planned) {
  const std::vector<json> lines = Lines(records);
  EXPECT_EQ(lines.size(), planned);
  std::set<std::string> keys;
  for (const json& r : lines) keys.insert(RecordKey(r));
  EXPECT_EQ(keys.size(), planned) << "duplicated records";
}

TEST(SweepKill, KilledInTheMiddleOfAWriteThenReRunCompletes) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec, CycleSpec(4, 10));  // 8 runs
  const std::string records = dir.File("r.jsonl");
  // The hook writes half of the 4th record, then SIGKILLs the process.
  setenv("FCSIM_SWEEP_KILL_AFTER", "3", 1);
  const CliResult killed = RunBinary({"sweep", spec, "-o", records});
  unsetenv("FCSIM_SWEEP_KILL_AFTER");
  EXPECT_EQ(killed.code, 128 + 9) << killed.err;
  const RecordFile partial = ReadRecords(records);
  EXPECT_EQ(partial.records.size(), 3u);
  EXPECT_TRUE(partial.truncated_tail);

  const CliResult resumed = RunBinary({"sweep", spec, "-o", records});
  EXPECT_EQ(resumed.code, kExitOk) << resumed.err;
  EXPECT_NE(resumed.err.find("dropped a truncated last line"),
            std::string::npos)
      << resumed.err;
  EXPECT_NE(resumed.out.find("3 already in"), std::string::npos) << resumed.out;
  ExpectCompleteAndUnique(records, 8);
}

TEST(SweepKill, KilledByKill9AfterTheFirstRecordThenReRunCompletes) {
  TempDir dir;
  const std::string spec = dir.File("s.toml");
  WriteFile(spec, CycleSpec(15, 20000));  // 30 runs of a few ms each
  const std::string records = dir.File("r.jsonl");
  const std::string binary = testing::FcsimBinary();
  ASSERT_FALSE(binary.empty());
  // Start the sweep, wait for its first record, kill -9 it.
  const std::string script =
      ShellQuote(binary) + " sweep " + ShellQuote(spec) + " -o " +
      ShellQuote(records) + " >/dev/null 2>&1 & pid=$!; " +
      "i=0; while [ ! -s " + ShellQuote(records) +
      " ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i+1)); done; "
      "kill -9 $pid; wait $pid 2>/dev/null; echo $?";
  FILE* pipe = popen(script.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buffer[64] = {0};
  ASSERT_NE(fgets(buffer, sizeof buffer, pipe), nullptr);
  pclose(pipe);
  EXPECT_EQ(std::string(buffer), "137\n") << "the sweep was not killed";
  const RecordFile partial = ReadRecords(records);
  EXPECT_GE(partial.records.size(), 1u);
  EXPECT_LT(partial.records.size(), 30u);

  const CliResult resumed = RunBinary({"sweep", spec, "-o", records});
  EXPECT_EQ(resumed.code, kExitOk) << resumed.err;
  ExpectCompleteAndUnique(records, 30);
}

}  // namespace
}  // namespace fcsim
