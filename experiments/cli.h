// The fcsim command line (CLI11): subcommands gen, info, run, verify, audit,
// and the plug-ins registered through SubcommandRegistrar (sweep, plot,
// bench, papers, ...).
//
// Everything main() does lives here, so that tests can drive the whole
// program in-process as well as through the built binary. Conventions (see
// docs/cli.md):
//  * exit code 0 on success, 1 when a verification FAILs, 2 on a usage or
//    input error (bad option, unknown family/algorithm, unreadable file);
//  * an error is ONE line "fcsim: error: ..." on the error stream;
//  * --help on every subcommand, --version with the git revision;
//  * global --threads (>= 1), --seed, -q/--quiet, -v/--verbose, accepted
//    before or after the subcommand.
#ifndef FCSIM_EXPERIMENTS_CLI_H_
#define FCSIM_EXPERIMENTS_CLI_H_

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <stdexcept>
#include <string>
#include <vector>

namespace CLI {
class App;
}  // namespace CLI

namespace fcsim {

inline constexpr int kExitOk = 0;
inline constexpr int kExitVerificationFailed = 1;
inline constexpr int kExitUsage = 2;

// A usage or input error detected by a subcommand (exit code 2). The message
// is one line, without the "fcsim: error: " prefix.
class CliError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Options shared by every subcommand.
struct GlobalOptions {
  int threads = 1;
  std::uint64_t seed = 1;
  int verbosity = 1;  // 0 = quiet, 1 = normal, 2 = verbose
};

// A subcommand defined outside cli.cc (sweep, plot, schedule, ...), in a file
// of its own under experiments/, registered at static-initialisation time:
//
//   const SubcommandRegistrar kRegistrar{"plot", "draw records as SVG/PNG",
//       [](CLI::App* sub) -> SubcommandMain {
//         auto opts = std::make_shared<PlotOptions>();
//         sub->add_option(...);  // bind options to *opts
//         return [opts](const GlobalOptions& g, std::ostream& out,
//                       std::ostream& err) { return PlotMain(g, *opts, out,
//                       err); };
//       }};
//
// The returned function runs when the subcommand was given; it returns the
// exit code or throws CliError (exit 2) / SimulationError (exit 1).
using SubcommandMain =
    std::function<int(const GlobalOptions&, std::ostream&, std::ostream&)>;
using SubcommandSetup = std::function<SubcommandMain(CLI::App*)>;

struct SubcommandPlugin {
  std::string name;
  std::string description;
  SubcommandSetup setup;
  // The subcommand bounds the worker threads itself (a sweep runs each run
  // with its own thread count); otherwise --threads bounds every parallel
  // loop of the process.
  bool manages_threads = false;
};

struct SubcommandRegistrar {
  SubcommandRegistrar(std::string name, std::string description,
                      SubcommandSetup setup, bool manages_threads = false);
};

// The registered plugins, in registration order.
const std::vector<SubcommandPlugin>& SubcommandPlugins();

// "fcsim 0.1.0 (git 1a2b3c4d5e6f)".
std::string VersionString();

// Runs the command line; returns the process exit code. argv[0] is the
// program name. Output goes to `out`, diagnostics and errors to `err`.
int RunCli(int argc, const char* const* argv, std::ostream& out,
           std::ostream& err);
// Convenience for tests: args exclude the program name.
int RunCli(const std::vector<std::string>& args, std::ostream& out,
           std::ostream& err);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_CLI_H_
