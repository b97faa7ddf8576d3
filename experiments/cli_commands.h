// The subcommands of the fcsim command line, one function each. cli.cc parses
// the arguments into these option structs; each function prints its result
// on `out` and returns the exit code, or throws CliError for a usage/input
// error.
#ifndef FCSIM_EXPERIMENTS_CLI_COMMANDS_H_
#define FCSIM_EXPERIMENTS_CLI_COMMANDS_H_

#include <cstdint>
#include <iosfwd>
#include <string>

#include "experiments/cli.h"

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

int GenMain(const GlobalOptions& global, const GenCommand& cmd,
            std::ostream& out, std::ostream& err);
int InfoMain(const GlobalOptions& global, const InfoCommand& cmd,
             std::ostream& out, std::ostream& err);
int RunMain(const GlobalOptions& global, const RunCommand& cmd,
            std::ostream& out, std::ostream& err);
int VerifyMain(const GlobalOptions& global, const VerifyCommand& cmd,
               std::ostream& out, std::ostream& err);
int AuditMain(const GlobalOptions& global, const AuditCommand& cmd,
              std::ostream& out, std::ostream& err);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_CLI_COMMANDS_H_
