#include "algorithms/blocks/cole_vishkin.h"

#include <bit>
#include <stdexcept>

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"

namespace fcsim {

void ColeVishkinProgram::Init(Context<ColeVishkinProgram>& ctx) const {
  ctx.state().colour = ctx.id() - 1;
  if (ctx.knowledge().id_range <= 3) {
    ctx.Halt();  // the IDs already are a proper 3-colouring
    return;
  }
  ctx.Send(ctx.state().colour);
}

void ColeVishkinProgram::Round(Context<ColeVishkinProgram>& ctx) const {
  std::uint64_t& colour = ctx.state().colour;
  const Port succ = ctx.input();
  const bool has_succ = succ < ctx.degree();
  const std::uint32_t t = ctx.round();
  if (t <= steps) {
    std::uint32_t i = 0;
    if (has_succ) {
      const std::uint64_t other = ctx.Received(succ);
      if (other == colour) {
        throw std::invalid_argument(
            "Cole-Vishkin: a vertex and its successor share colour " +
            std::to_string(colour) + " (IDs not unique?)");
      }
      i = static_cast<std::uint32_t>(std::countr_zero(colour ^ other));
    }
    colour = 2 * i + ((colour >> i) & 1);
    ctx.Send(colour);
    return;
  }
  if (t == steps + 1) {
    // Shift down: all predecessors of v now show v's old colour.
    if (has_succ) {
      colour = ctx.Received(succ);
    } else {
      colour = colour == 0 ? 1 : 0;
    }
    ctx.Send(colour);
    if (colour < 3) ctx.Halt();
    return;
  }
  // Round steps+2 recolours class 5, steps+3 class 4, steps+4 class 3.
  if (colour != 5 - (t - steps - 2)) return;
  bool used[3] = {false, false, false};
  for (Port p = 0; p < ctx.degree(); ++p) {
    const std::uint64_t c = ctx.Received(p);
    if (c < 3) used[c] = true;
  }
  colour = used[0] ? (used[1] ? 2 : 1) : 0;
  ctx.Send(colour);
  ctx.Halt();
}

std::uint32_t CvReductionSteps(std::uint64_t id_range) {
  std::uint32_t s = 0;
  for (std::uint64_t n = id_range; n > 6; n = 2 * std::uint64_t{CeilLog2(n)}) {
    ++s;
  }
  return s;
}

std::uint64_t ColeVishkinRoundBound(std::uint64_t id_range) {
  return id_range <= 3 ? 0 : LogStar(id_range) + 4;
}

VertexData<std::uint8_t> ColeVishkin(Simulation& sim,
                                     const VertexData<Port>& successor) {
  if (sim.knowledge().id_range == 0) {
    throw std::invalid_argument(
        "Cole-Vishkin: knowledge must declare id_range");
  }
  return sim.Run(ColeVishkinProgram{CvReductionSteps(sim.knowledge().id_range)},
                 successor, "cole-vishkin");
}

std::vector<Port> SuccessorPorts(const Graph& graph,
                                 std::span<const Vertex> successor) {
  if (successor.size() != graph.num_vertices()) {
    throw std::invalid_argument("orientation has the wrong number of vertices");
  }
  std::vector<Port> ports(graph.num_vertices(), kNoSuccessor);
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    if (successor[v] == kNoVertex) continue;
    const auto nb = graph.neighbors(v);
    const auto it = std::lower_bound(nb.begin(), nb.end(), successor[v]);
    if (it == nb.end() || *it != successor[v]) {
      throw std::invalid_argument("orientation: successor " +
                                  std::to_string(successor[v]) + " of vertex " +
                                  std::to_string(v) + " is not a neighbour");
    }
    ports[v] = static_cast<Port>(it - nb.begin());
  }
  return ports;
}

std::vector<Port> CycleSuccessorPorts(const Graph& cycle) {
  const Vertex n = cycle.num_vertices();
  std::vector<Vertex> succ(n);
  for (Vertex v = 0; v < n; ++v) succ[v] = v + 1 == n ? 0 : v + 1;
  return SuccessorPorts(cycle, succ);
}

std::vector<Port> PathSuccessorPorts(const Graph& path) {
  const Vertex n = path.num_vertices();
  std::vector<Vertex> succ(n);
  for (Vertex v = 0; v < n; ++v) succ[v] = v + 1 == n ? kNoVertex : v + 1;
  return SuccessorPorts(path, succ);
}

std::string VerifyThreeColouring(const Graph& graph,
                                 std::span<const std::uint8_t> colours) {
  std::vector<std::uint64_t> wide(colours.begin(), colours.end());
  return CheckProperColouring(graph, wide, 3);
}

}  // namespace fcsim
