// Weak scaling of the distributed engine (docs/mpi.md), run under mpirun:
//
//   mpirun -np P build/bench/mpi_weak_scaling [--per-rank N] [--rounds R]
//
// Every rank owns a band of ~N vertices of a 2-D grid of P bands (sides
// P*s x s, s = round(sqrt(N))), generated per rank; a dense broadcast
// program (every vertex sends every round, the worst case for the halo)
// runs R rounds. Rank 0 prints one JSON line: n, P, edge cut, halo bytes
// per round and rank, wall seconds per round (slowest rank), and, at P = 1,
// the same program on the single-process engine in the same run with the
// ratio of the two (bench/mpi_weak_scaling.sh runs P = 1 and 2 and prints
// the weak-scaling ratio).
#include <mpi.h>

#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include "graphs/generators.h"
#include "graphs/row_sources.h"
#include "sim/engine.h"
#include "sim/mpi/mpi_comm.h"
#include "sim/partition.h"

namespace fcsim {
namespace {

struct DenseMax {
  using Input = NoInput;
  struct State {};
  using Message = std::uint32_t;
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  std::uint32_t rounds = 20;
  void Init(Context<DenseMax>& ctx) const {
    ctx.Send(static_cast<Message>(ctx.id() % 1024));
  }
  void Round(Context<DenseMax>& ctx) const {
    Message m = ctx.LastSent();
    for (Port p = 0; p < ctx.degree(); ++p) {
      m = std::max(m, ctx.Received(p));
    }
    if (ctx.round() >= rounds) {
      ctx.Halt();
    } else {
      ctx.Send(m + 1);
    }
  }
  Output Finish(const State&) const { return 0; }
};

double Seconds(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0)
      .count();
}

int Main(int argc, char** argv) {
  MpiSession session(&argc, &argv);
  MpiCommunicator comm(600);
  std::uint64_t per_rank = 10'000'000;
  std::uint32_t rounds = 20;
  int threads = 1;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string key = argv[i];
    if (key == "--per-rank") per_rank = std::strtoull(argv[i + 1], nullptr, 10);
    if (key == "--rounds") rounds = std::atoi(argv[i + 1]);
    if (key == "--threads") threads = std::atoi(argv[i + 1]);
  }
  const int p = comm.size();
  const auto side = static_cast<Vertex>(std::llround(std::sqrt(per_rank)));
  const std::vector<Vertex> sides = {static_cast<Vertex>(side * p), side};
  const GridRowSource rows(sides, false);
  auto t0 = std::chrono::steady_clock::now();
  const LocalPart part = BuildLocalPart(rows, comm.rank(), p);
  const double build_seconds = Seconds(t0);
  std::vector<NodeId> ids(part.num_local());
  for (Vertex v = 0; v < part.num_local(); ++v) ids[v] = part.global[v] + 1;
  std::uint64_t cut = 0;  // directed edges leaving this rank's block
  for (Vertex v = 0; v < part.num_owned; ++v) {
    for (Vertex u : part.graph.neighbors(v)) cut += u >= part.num_owned;
  }
  comm.AllreduceSum(std::span<std::uint64_t>(&cut, 1));
  SimOptions options;
  options.threads = threads;
  const Knowledge knowledge{rows.num_vertices(), 4, rows.num_vertices()};
  DenseMax program;
  program.rounds = rounds;
  double dist_seconds = 0, comm_seconds = 0;
  {
    Simulation sim(part, comm, ids, knowledge, options);
    MPI_Barrier(MPI_COMM_WORLD);
    const double before = comm.collective_seconds();
    t0 = std::chrono::steady_clock::now();
    sim.Run(program, "dense-max");
    dist_seconds = Seconds(t0);
    comm_seconds = comm.collective_seconds() - before;
  }
  std::uint64_t comm_ns = static_cast<std::uint64_t>(comm_seconds * 1e9);
  comm.AllreduceMax(std::span<std::uint64_t>(&comm_ns, 1));
  std::uint64_t slowest_ns = static_cast<std::uint64_t>(dist_seconds * 1e9);
  comm.AllreduceMax(std::span<std::uint64_t>(&slowest_ns, 1));
  std::uint64_t halo[2] = {comm.halo_bytes_sent(), comm.halo_exchanges()};
  comm.AllreduceMax(halo);
  const std::uint64_t rss = PeakRssBytes();
  std::uint64_t max_rss = rss;
  comm.AllreduceMax(std::span<std::uint64_t>(&max_rss, 1));
  if (comm.rank() != 0) return 0;
  const double per_round = slowest_ns / 1e9 / (rounds + 1);
  std::string single;
  if (p == 1) {
    const Graph g = Grid(sides);
    std::vector<NodeId> all(g.num_vertices());
    for (Vertex v = 0; v < g.num_vertices(); ++v) all[v] = v + 1;
    Simulation sim(g, all, knowledge, options);
    t0 = std::chrono::steady_clock::now();
    sim.Run(program, "dense-max");
    const double s = Seconds(t0) / (rounds + 1);
    char buf[160];
    std::snprintf(buf, sizeof buf,
                  ", \"shared_memory_seconds_per_round\": %.6f, "
                  "\"mpi_over_shared_memory\": %.3f",
                  s, per_round / s);
    single = buf;
  }
  std::printf(
      "{\"ranks\": %d, \"n\": %llu, \"n_per_rank\": %llu, \"rounds\": %u, "
      "\"threads_per_rank\": %d, \"cut_directed_edges\": %llu, "
      "\"halo_bytes_per_round_max_rank\": %.0f, \"seconds_per_round\": %.6f, "
      "\"collective_seconds_per_round_max_rank\": %.6f, "
      "\"partition_build_seconds_rank0\": %.3f, \"peak_rss_bytes_max_rank\": "
      "%llu%s}\n",
      p, static_cast<unsigned long long>(rows.num_vertices()),
      static_cast<unsigned long long>(part.num_owned), rounds + 1, threads,
      static_cast<unsigned long long>(cut),
      halo[1] == 0 ? 0.0 : static_cast<double>(halo[0]) / halo[1], per_round,
      comm_ns / 1e9 / (rounds + 1), build_seconds,
      static_cast<unsigned long long>(max_rss), single.c_str());
  return 0;
}

}  // namespace
}  // namespace fcsim

int main(int argc, char** argv) { return fcsim::Main(argc, argv); }
