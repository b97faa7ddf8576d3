#include "algorithms/blocks/mpx_clustering.h"

#include <algorithm>
#include <stdexcept>
#include <unordered_map>

#include "sim/rng.h"

namespace fcsim {
namespace {

using Message = MpxClusteringProgram::Message;

bool Better(const Message& a, const Message& b) {
  if (a.score != b.score) return a.score > b.score;
  return a.centre < b.centre;
}

}  // namespace

double MpxShift(std::uint64_t seed, NodeId id, std::uint32_t phase_index,
                double beta, std::uint32_t cap) {
  RandomStream rng(seed, id, phase_index, 0);
  return std::min(rng.Exponential(beta), static_cast<double>(cap));
}

void MpxClusteringProgram::Init(Context<MpxClusteringProgram>& ctx) const {
  Message& best = ctx.state().best;
  best.score = std::min(ctx.rng().Exponential(beta), static_cast<double>(cap));
  best.centre = ctx.id();
  best.distance = 0;
  if (cap == 0) {
    ctx.Halt();
    return;
  }
  ctx.Send(best);
}

void MpxClusteringProgram::Round(Context<MpxClusteringProgram>& ctx) const {
  Message& best = ctx.state().best;
  bool changed = false;
  for (Port p = 0; p < ctx.degree(); ++p) {
    Message m = ctx.Received(p);
    m.score -= 1;
    m.distance += 1;
    if (Better(m, best)) {
      best = m;
      changed = true;
    }
  }
  if (ctx.round() >= cap) {
    ctx.Halt();
  } else if (changed) {
    ctx.Send(best);
  }
}

std::uint64_t MpxRoundBound(std::uint32_t cap) { return cap; }

VertexData<ClusterLabel> MpxClustering(Simulation& sim, double beta,
                                       std::uint32_t cap) {
  if (!(beta > 0)) {
    throw std::invalid_argument("MPX clustering: beta must be > 0");
  }
  return sim.Run(MpxClusteringProgram{beta, cap}, "mpx-clustering");
}

std::string VerifyClustering(const Graph& graph, std::span<const NodeId> ids,
                             std::uint32_t cap,
                             std::span<const ClusterLabel> labels) {
  const Vertex n = graph.num_vertices();
  if (labels.size() != n || ids.size() != n) {
    return "labels have the wrong number of vertices";
  }
  std::unordered_map<NodeId, Vertex> by_id;
  for (Vertex v = 0; v < n; ++v) by_id[ids[v]] = v;
  for (Vertex v = 0; v < n; ++v) {
    const ClusterLabel& l = labels[v];
    const std::string at = "vertex " + std::to_string(v) + ": ";
    const auto c = by_id.find(l.centre);
    if (c == by_id.end()) return at + "centre ID is not a vertex";
    if (l.distance > cap) return at + "distance above the cap";
    if (l.distance == 0) {
      if (l.centre != ids[v]) return at + "distance 0 but not its own centre";
      continue;
    }
    if (!(labels[c->second] == ClusterLabel{l.centre, 0})) {
      return at + "its centre is not the centre of its own cluster";
    }
    bool parent = false;
    for (Vertex u : graph.neighbors(v)) {
      if (labels[u] == ClusterLabel{l.centre, l.distance - 1}) parent = true;
    }
    if (!parent) return at + "no neighbour one step closer in its cluster";
  }
  return "";
}

}  // namespace fcsim
