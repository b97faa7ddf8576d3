// The subcommands of the fcsim command line, one function each. cli.cc parses
// the arguments into these option structs; each function prints its result
// on `out` and returns the exit code, or throws CliError for a usage/input
// error.
#ifndef FCSIM_EXPERIMENTS_CLI_COMMANDS_H_
#define FCSIM_EXPERIMENTS_CLI_COMMANDS_H_

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "algorithms/harness.h"
#include "experiments/algorithm_registry.h"
#include "experiments/cli.h"
#include "experiments/cli_graph.h"
#include "sim/comm.h"
#include "sim/ids.h"
#include "sim/partition.h"

namespace fcsim {

struct GenCommand {
  std::string spec;    // graph spec, e.g. "cycle:n=10"
  std::string output;  // file to write
  std::string format;  // graph format name; empty = from the extension
  bool list = false;   // list the families instead
};

struct InfoCommand {
  std::string graph;  // spec or file
};

// What `run` and `audit` share: which algorithm on which graph.
struct AlgorithmChoice {
  std::string graph;
  std::string algo;
  std::string eps;  // ε as "a/b" or decimal; empty = the algorithm's default
  std::string ids = "permutation";
};

struct RunCommand {
  AlgorithmChoice choice;
  std::string output;               // colouring file; empty = none
  std::uint64_t audit_samples = 0;  // 0 = no locality audit
  std::string record;               // JSONL file to append the record to
  std::string csv;                  // CSV file to append the record to
  std::string family;               // series label in records; "" = spec's
  // Under mpirun: "root" (rank 0 loads the global graph, gathers and checks
  // the outputs, audits) or "distributed" (each rank checks its part of an
  // a:b-colouring; no rank holds the whole graph). See docs/mpi.md.
  std::string mpi_check = "root";
};

struct VerifyCommand {
  std::string graph;
  std::string coloring;
  std::string weight;  // claimed bound "a/b" or a decimal; empty = none
};

struct AuditCommand {
  AlgorithmChoice choice;
  std::uint64_t samples = 32;
};

// Everything a run needs, resolved before any simulation starts, so that a
// bad argument is reported before minutes of work. `run`, `audit`, `bench`
// and the sweep's runs share it.
struct PreparedRun {
  LoadedGraph graph;
  // n, m, Δ for the report when no rank holds `graph` (a distributed check).
  std::optional<std::array<std::uint64_t, 3>> sizes;
  IdScheme scheme = IdScheme::kIdentity;
  std::vector<NodeId> ids;
  const AlgorithmEntry* entry = nullptr;
  AlgorithmParams params;
  HarnessOptions options;
};

// Checks the algorithm and ε (CliError on a bad value) without loading the
// graph; Prepare calls it first.
void CheckChoice(const AlgorithmChoice& choice);
PreparedRun Prepare(const GlobalOptions& global, const AlgorithmChoice& choice,
                    std::uint64_t audit_samples, std::ostream& warnings);
// Everything Prepare sets except the graph, the IDs and the ID range (what
// a rank of a distributed run without the global graph needs).
PreparedRun PrepareOptions(const GlobalOptions& global,
                           const AlgorithmChoice& choice,
                           std::uint64_t audit_samples);
AlgorithmReport Execute(const PreparedRun& run);
// The `key value` summary table of `run`.
void PrintReport(std::ostream& out, const GlobalOptions& global,
                 const PreparedRun& run, const AlgorithmReport& report,
                 double total_seconds);
// "1.5 MiB".
std::string FormatBytes(std::uint64_t bytes);

int GenMain(const GlobalOptions& global, const GenCommand& cmd,
            std::ostream& out, std::ostream& err);
int InfoMain(const GlobalOptions& global, const InfoCommand& cmd,
             std::ostream& out, std::ostream& err);
// The communicator of an MPI launch (set by main when started by mpirun,
// see docs/mpi.md); nullptr in a single-process run. `run` then simulates
// distributed: every rank generates or reads only its own rows.
void SetDistributedCommunicator(Communicator* comm);
Communicator* DistributedCommunicator();
int RunMainDistributed(const GlobalOptions& global, const RunCommand& cmd,
                       std::ostream& out, std::ostream& err,
                       Communicator& comm);
// Throws std::invalid_argument (on every rank alike) unless the ranks'
// parts describe a symmetric graph: as many edges, with the same ends,
// from rank i to j as from j to i.
void CheckPartitionSymmetric(const LocalPart& part, Communicator& comm);

// After a run: writes -o, --record and --csv (each atomically) and returns
// the exit status of the verdict.
int WriteRunOutputs(const GlobalOptions& global, const RunCommand& cmd,
                    const PreparedRun& run, const AlgorithmReport& report,
                    double seconds, std::ostream& err);

int RunMain(const GlobalOptions& global, const RunCommand& cmd,
            std::ostream& out, std::ostream& err);
int VerifyMain(const GlobalOptions& global, const VerifyCommand& cmd,
               std::ostream& out, std::ostream& err);
int AuditMain(const GlobalOptions& global, const AuditCommand& cmd,
              std::ostream& out, std::ostream& err);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_CLI_COMMANDS_H_
