#include "algorithms/blocks/luby_mis.h"

#include "algorithms/blocks/block_checks.h"
#include "algorithms/bounds.h"

namespace fcsim {

void LubyMisProgram::Init(Context<LubyMisProgram>& ctx) const {
  Message& m = ctx.state().mine;
  m = Message{ctx.rng().Next(), ctx.id(), kUndecided};
  ctx.Send(m);
}

void LubyMisProgram::Round(Context<LubyMisProgram>& ctx) const {
  Message& m = ctx.state().mine;
  if (ctx.round() % 2 == 1) {
    // Decide: join when strictly first among undecided neighbours.
    for (Port p = 0; p < ctx.degree(); ++p) {
      const Message& o = ctx.Received(p);
      if (o.status == kUndecided &&
          (o.priority < m.priority ||
           (o.priority == m.priority && o.id < m.id))) {
        return;  // keep showing the priority; resolve next round
      }
    }
    m.status = kIn;
    ctx.Send(m);
    ctx.Halt();
    return;
  }
  // Resolve: leave when a neighbour joined, else draw a fresh priority.
  for (Port p = 0; p < ctx.degree(); ++p) {
    if (ctx.Received(p).status == kIn) {
      m.status = kOut;
      ctx.Send(m);
      ctx.Halt();
      return;
    }
  }
  m.priority = ctx.rng().Next();
  ctx.Send(m);
}

std::uint64_t LubyRoundBound(std::uint64_t n, std::uint64_t max_degree) {
  const unsigned __int128 m =
      static_cast<unsigned __int128>(n) * max_degree / 2;
  const std::uint64_t edges = m > ~std::uint64_t{0} - 1
                                  ? ~std::uint64_t{0} - 1
                                  : static_cast<std::uint64_t>(m);
  return 2 * (std::uint64_t{CeilLog2(edges + 1)} + 21);
}

VertexData<std::uint8_t> LubyMis(Simulation& sim) {
  return sim.Run(LubyMisProgram{}, "luby-mis");
}

std::string VerifyMis(const Graph& graph,
                      std::span<const std::uint8_t> members) {
  return CheckRulingSet(graph, members, 2, 1);
}

}  // namespace fcsim
