// `fcsim run` under mpirun (docs/mpi.md): every rank generates (grid, torus,
// cycle, path) or reads (.fcsr) only its own rows, the simulation runs on
// the ranks' parts with one halo exchange per round, and rank 0 gathers the
// outputs, verifies them on the global graph and reports.
#include <fmt/core.h>

#include <chrono>
#include <iostream>
#include <ostream>
#include <stdexcept>

#include "experiments/cli_commands.h"
#include "experiments/progress.h"
#include "graphs/row_sources.h"
#include "sim/rng.h"

namespace fcsim {
namespace {

Communicator* g_comm = nullptr;

}  // namespace

void SetDistributedCommunicator(Communicator* comm) { g_comm = comm; }
Communicator* DistributedCommunicator() { return g_comm; }

void CheckPartitionSymmetric(const LocalPart& part, Communicator& comm) {
  // count[r][k] and the sum of edge hashes of the edges from rank r's owned
  // vertices to rank k's, over all ranks: symmetric iff every (r, k) agrees
  // with (k, r).
  const auto p = static_cast<std::size_t>(comm.size());
  std::vector<std::uint64_t> table(2 * p * p, 0);
  const std::size_t r = static_cast<std::size_t>(comm.rank());
  for (Vertex v = 0; v < part.num_owned; ++v) {
    for (Vertex u : part.graph.neighbors(v)) {
      const Vertex a = part.global[v], b = part.global[u];
      const std::size_t k =
          u < part.num_owned ? r : static_cast<std::size_t>(part.OwnerOf(b));
      table[2 * (r * p + k)] += 1;
      table[2 * (r * p + k) + 1] += HashWords(std::min(a, b), std::max(a, b));
    }
  }
  comm.AllreduceSum(table);
  for (std::size_t i = 0; i < p; ++i) {
    for (std::size_t k = 0; k < p; ++k) {
      if (table[2 * (i * p + k)] != table[2 * (k * p + i)] ||
          table[2 * (i * p + k) + 1] != table[2 * (k * p + i) + 1] ||
          (i == k && table[2 * (i * p + i)] % 2 != 0)) {
        throw std::invalid_argument(fmt::format(
            "the graph is not symmetric: the edges between the blocks of "
            "ranks {} and {} differ by direction",
            i, k));
      }
    }
  }
}

int RunMainDistributed(const GlobalOptions& global, const RunCommand& cmd,
                       std::ostream& out, std::ostream& err,
                       Communicator& comm) {
  const auto start = std::chrono::steady_clock::now();
  const bool root = comm.rank() == 0;
  CheckChoice(cmd.choice);
  const AlgorithmEntry& entry = FindAlgorithm(cmd.choice.algo);
  if (!cmd.output.empty() && !entry.produces_coloring) {
    throw CliError("algorithm '" + entry.name +
                   "' produces no a:b-colouring to write to " + cmd.output);
  }
  const IdScheme scheme = ParseIdScheme(cmd.choice.ids);
  if (scheme == IdScheme::kBfsAdversarial) {
    throw CliError(
        "--ids bfs needs the whole graph; under MPI use identity, "
        "permutation or sparse");
  }
  ProgressBar progress(
      err, root && ProgressWanted(global.verbosity) && &err == &std::cerr);
  progress.Status("partitioning " + cmd.choice.graph);
  const std::unique_ptr<RowSource> source = MakeRowSource(cmd.choice.graph);
  const LocalPart part = BuildLocalPart(*source, comm.rank(), comm.size());
  CheckPartitionSymmetric(part, comm);
  const std::vector<NodeId> local_ids =
      AssignIdsOf(scheme, part.global_n, global.seed, part.global);
  DistRun dist{&part, &comm, local_ids};
  dist.check_at_root = cmd.mpi_check != "distributed";
  if (!dist.check_at_root &&
      (!cmd.output.empty() || !cmd.record.empty() || !cmd.csv.empty())) {
    throw CliError(
        "-o, --record and --csv need the gathered outputs: use --mpi-check "
        "root");
  }

  // With --mpi-check root, rank 0 alone holds the global graph: the checker
  // and the locality audit read it (docs/mpi.md, "Verification").
  PreparedRun run;
  if (root && dist.check_at_root) {
    run = Prepare(global, cmd.choice, cmd.audit_samples, err);
  } else {
    run = PrepareOptions(global, cmd.choice, cmd.audit_samples);
    run.options.audit_locality =
        run.options.audit_locality && dist.check_at_root;
  }
  if (!dist.check_at_root) {
    std::uint64_t sums[1] = {0}, maxima[1] = {0};
    for (Vertex v = 0; v < part.num_owned; ++v) {
      sums[0] += part.graph.degree(v);
      maxima[0] = std::max<std::uint64_t>(maxima[0], part.graph.degree(v));
    }
    comm.AllreduceSumMax(sums, maxima);
    run.sizes =
        std::array<std::uint64_t, 3>{part.global_n, sums[0] / 2, maxima[0]};
  }
  run.options.id_range = IdRange(scheme, part.global_n);
  run.options.dist = &dist;
  if (root) run.options.sim.on_round = progress.Callback();
  const AlgorithmReport report = Execute(run);
  progress.Clear();
  if (!root) return kExitOk;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
          .count();
  PrintReport(out, global, run, report, seconds);
  return WriteRunOutputs(global, cmd, run, report, seconds, err);
}

}  // namespace fcsim
