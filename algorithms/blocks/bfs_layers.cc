#include "algorithms/blocks/bfs_layers.h"

namespace fcsim {

void BfsLayersProgram::Init(Context<BfsLayersProgram>& ctx) const {
  if (ctx.input()) {
    ctx.state() = 0;
    if (radius > 0) ctx.Send(1);
    ctx.Halt();
    return;
  }
  ctx.state() = kUnreached;
  if (radius == 0) {
    ctx.Halt();
  } else if (mode == BfsMode::kWait) {
    ctx.Wait();
  }
}

void BfsLayersProgram::Round(Context<BfsLayersProgram>& ctx) const {
  // Messages persist, so the minimum over all ports is the nearest layer
  // heard so far; in kWait mode that is the layer that just woke us.
  std::uint32_t best = 0;
  for (Port p = 0; p < ctx.degree(); ++p) {
    const std::uint32_t m = ctx.Received(p);
    if (m != 0 && (best == 0 || m < best)) best = m;
  }
  if (best != 0) {
    ctx.state() = best;
    if (best < radius) ctx.Send(best + 1);
    ctx.Halt();
  } else if (mode == BfsMode::kWait) {
    ctx.Wait();
  } else if (ctx.round() >= radius) {
    ctx.Halt();
  }
}

std::uint64_t BfsLayersRoundBound(std::uint32_t radius) { return radius; }

VertexData<std::uint32_t> BfsLayers(Simulation& sim,
                                    const VertexData<std::uint8_t>& sources,
                                    std::uint32_t radius, BfsMode mode) {
  return sim.Run(BfsLayersProgram{radius, mode}, sources, "bfs-layers");
}

std::string VerifyBfsLayers(const Graph& graph,
                            std::span<const std::uint8_t> sources,
                            std::uint32_t radius,
                            std::span<const std::uint32_t> distances) {
  if (distances.size() != graph.num_vertices()) {
    return "distances have the wrong number of vertices";
  }
  const std::vector<std::uint32_t> truth =
      SerialDistances(graph, sources, radius);
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    if (truth[v] != distances[v]) {
      auto show = [](std::uint32_t d) {
        return d == kUnreached ? std::string("unreached") : std::to_string(d);
      };
      return "vertex " + std::to_string(v) + " reports distance " +
             show(distances[v]) + ", true distance " + show(truth[v]);
    }
  }
  return "";
}

}  // namespace fcsim
