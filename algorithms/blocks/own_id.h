// OwnId: a zero-round phase in which every vertex outputs its own ID.
//
// Model: LOCAL; a vertex reads only its own ID (no messages, 0 rounds).
// Used to look up per-vertex inputs keyed by ID (an orientation, a plan),
// so that the locality audit, which renumbers the vertices of a ball, hands
// each vertex its own.
#ifndef FCSIM_ALGORITHMS_BLOCKS_OWN_ID_H_
#define FCSIM_ALGORITHMS_BLOCKS_OWN_ID_H_

#include "sim/engine.h"

namespace fcsim {

struct OwnId {
  using Input = NoInput;
  using State = NodeId;
  using Message = NodeId;
  using Output = NodeId;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<OwnId>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Halt();
  }
  void Round(Context<OwnId>&) const {}
  Output Finish(const State& s) const { return s; }
};

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_OWN_ID_H_
