// Miller–Peng–Xu low-diameter clustering by exponential shifts.
//
// Model: LOCAL, randomised: every vertex u draws δ_u ~ Exp(β) from
// ctx.rng() in Init, capped at L (δ_u = min(draw, L)); nothing else is
// known. Every vertex v joins the cluster of the u maximising
// δ_u − dist(u, v), ties broken by the smaller ID. Since δ_v >= 0 and
// δ_u <= L, a u farther than L never beats v itself, so L rounds of
// max-flooding (each vertex forwards the best (δ_u − dist, u) it knows)
// decide every vertex exactly.
// Guarantee: clusters are connected, each vertex's reported distance is its
// true distance to its centre (a shortest path to the centre stays inside
// the cluster) and is <= L; cluster radius <= L. Without the cap, each edge
// is cut with probability <= β (Miller–Peng–Xu, Lemma 4.4), and the cap
// changes the shifts only with probability e^{-βL} per vertex.
// Rounds: ceil(L) exactly.
// Citation: G. L. Miller, R. Peng, S. C. Xu, "Parallel graph decompositions
// using random shifts", SPAA 2013.
#ifndef FCSIM_ALGORITHMS_BLOCKS_MPX_CLUSTERING_H_
#define FCSIM_ALGORITHMS_BLOCKS_MPX_CLUSTERING_H_

#include <cstdint>
#include <span>
#include <string>

#include "sim/engine.h"

namespace fcsim {

struct ClusterLabel {
  NodeId centre = 0;
  std::uint32_t distance = 0;
  bool operator==(const ClusterLabel&) const = default;
};

struct MpxClusteringProgram {
  struct Message {
    double score = -1;  // δ_u − dist(u, sender)
    NodeId centre = 0;
    std::uint32_t distance = 0;
  };
  using Input = NoInput;
  struct State {
    Message best;
  };
  using Output = ClusterLabel;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  double beta = 0.5;
  std::uint32_t cap = 1;  // L

  void Init(Context<MpxClusteringProgram>& ctx) const;
  void Round(Context<MpxClusteringProgram>& ctx) const;
  Output Finish(const State& s) const {
    return {s.best.centre, s.best.distance};
  }
};

// The shift of the vertex with ID `id` in a phase run with `seed` as the
// phase_index-th phase of its simulation (what Init draws).
double MpxShift(std::uint64_t seed, NodeId id, std::uint32_t phase_index,
                double beta, std::uint32_t cap);

std::uint64_t MpxRoundBound(std::uint32_t cap);

// Throws std::invalid_argument unless beta > 0.
VertexData<ClusterLabel> MpxClustering(Simulation& sim, double beta,
                                       std::uint32_t cap);

// Verifier (graph + output only): every centre is its own centre at
// distance 0; every other vertex at distance d in 1..cap has a neighbour in
// its cluster at distance d - 1 (so clusters are connected and reported
// distances are realised by paths inside the cluster).
std::string VerifyClustering(const Graph& graph, std::span<const NodeId> ids,
                             std::uint32_t cap,
                             std::span<const ClusterLabel> labels);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_MPX_CLUSTERING_H_
