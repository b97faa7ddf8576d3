#include "algorithms/bep_girth.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/bep_delta.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/bounds.h"
#include "graphs/properties.h"

namespace fcsim {
namespace {

constexpr std::uint32_t kAlive = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint8_t kFar = 0xFF;
constexpr Port kNoPort = std::numeric_limits<Port>::max();

enum Kind : std::uint8_t { kKeep = 0, kKindA = 1, kKindB = 2 };
enum Side : std::uint8_t { kPiece = 0, kFixed = 1, kFree = 2 };

// What peeling records at a vertex (all from its own view).
struct PeelRecord {
  std::uint32_t phase = kAlive;  // removal phase (1-based) or kAlive
  std::uint8_t kind = kKeep;
  std::uint8_t odd_cycle = 0;  // length of a too-short odd cycle component
  std::uint8_t partner_a = 0;  // A with d = 1: the neighbour is an A too
  // B: the two sides (port, what the neighbour is, its ID, distance to the
  // end of the run on that side or kFar). A with d = 1: side 0.
  Port port[2] = {kNoPort, kNoPort};
  std::uint8_t type[2] = {kPiece, kPiece};
  std::uint8_t end_dist[2] = {kFar, kFar};
  std::uint8_t end_fixed[2] = {0, 0};
  NodeId side_id[2] = {0, 0};
};

bool IsCandidate(const PeelRecord& rec, std::uint32_t k) {
  for (int s = 0; s < 2; ++s) {
    if (rec.end_dist[s] != kFar && rec.end_fixed[s] != 0 &&
        rec.end_dist[s] < 2 * k) {
      return false;
    }
  }
  return true;
}

// ---- 1. Peeling --------------------------------------------------------

enum PeelKind : std::uint8_t {
  kNone = 0,   // never sent (removed earlier)
  kAliveMsg,   // Init: I am in G_p
  kDegreeMsg,  // round 1: my degree in G_p
  kRunToken,   // a run vertex at the distance of this round
  kFixedEnd,   // the run ends in a vertex of degree >= 3
  kFreeEnd,    // the run ends in a vertex of degree <= 1
};

struct PeelMessage {
  NodeId id = 0;
  std::uint8_t kind = kNone;
  std::uint8_t degree = 0;
};

struct PeelProgram {
  using Input = PeelRecord;
  using Message = PeelMessage;
  using Output = PeelRecord;
  static constexpr MessagePath kPath = MessagePath::kPerPort;

  struct State {
    PeelRecord rec;
    Port degree = 0;
    bool resolved[2] = {false, false};
    std::uint8_t cycle = 0;
    PeelMessage last[2];  // the token last relayed from each side
  };

  std::uint32_t phase = 1;
  std::uint32_t k = 1;

  static PeelMessage AsToken(const PeelMessage& m) {
    if (m.kind != kDegreeMsg) return m;
    if (m.degree == 2) return {m.id, kRunToken, 0};
    return {m.id, m.degree >= 3 ? kFixedEnd : kFreeEnd, 0};
  }

  void Init(Context<PeelProgram>& ctx) const {
    State& s = ctx.state();
    s.rec = ctx.input();
    if (s.rec.phase != kAlive) {
      ctx.Halt();
      return;
    }
    for (Port p = 0; p < ctx.degree(); ++p) {
      ctx.SendTo(p, {ctx.id(), kAliveMsg, 0});
    }
  }

  void Round(Context<PeelProgram>& ctx) const {
    State& s = ctx.state();
    PeelRecord& rec = s.rec;
    const std::uint32_t t = ctx.round();
    if (t == 1) {
      Port d = 0;
      for (Port p = 0; p < ctx.degree(); ++p) {
        const PeelMessage& m = ctx.Received(p);
        if (m.kind == kNone) continue;
        if (d < 2) {
          rec.port[d] = p;
          rec.side_id[d] = m.id;
        }
        ++d;
      }
      s.degree = d;
      const auto shown = static_cast<std::uint8_t>(std::min<Port>(d, 3));
      for (Port p = 0; p < ctx.degree(); ++p) {
        ctx.SendTo(p, {ctx.id(), kDegreeMsg, shown});
      }
      if (d <= 1) {
        rec.phase = phase;
        rec.kind = kKindA;
        if (d == 0) ctx.Halt();
        return;  // d == 1: read the neighbour's degree next round
      }
      if (d != 2) {
        rec.port[0] = rec.port[1] = kNoPort;
        ctx.Halt();
      }
      return;
    }
    if (rec.kind == kKindA) {  // d == 1, round 2
      rec.partner_a = ctx.Received(rec.port[0]).degree <= 1 ? 1 : 0;
      ctx.Halt();
      return;
    }
    // A degree-2 vertex: at round t it reads the token at distance j = t-1
    // on each side and relays it to the other side.
    const std::uint32_t j = t - 1;
    const std::uint32_t horizon = 2 * k;
    PeelMessage relay[2];
    for (int side = 0; side < 2; ++side) {
      if (!s.resolved[side]) {
        const PeelMessage m = AsToken(ctx.Received(rec.port[side]));
        if (j == 1) {
          rec.type[side] = m.kind == kRunToken   ? kPiece
                           : m.kind == kFixedEnd ? kFixed
                                                 : kFree;
        }
        if (m.kind == kRunToken && m.id == ctx.id() && s.cycle == 0) {
          s.cycle = static_cast<std::uint8_t>(j);
        }
        if (m.kind == kFixedEnd || m.kind == kFreeEnd) {
          s.resolved[side] = true;
          rec.end_dist[side] = static_cast<std::uint8_t>(j);
          rec.end_fixed[side] = m.kind == kFixedEnd ? 1 : 0;
        }
        s.last[side] = m;
      }
      relay[side] = s.last[side];
    }
    ctx.SendTo(rec.port[1], relay[0]);
    ctx.SendTo(rec.port[0], relay[1]);
    const bool ends = s.resolved[0] && s.resolved[1];
    if (ends || s.cycle != 0 || j >= horizon) {
      const std::uint32_t e0 = s.resolved[0] ? rec.end_dist[0] : horizon + 1;
      const std::uint32_t e1 = s.resolved[1] ? rec.end_dist[1] : horizon + 1;
      if (s.cycle != 0 || e0 + e1 >= 2 * k) {
        rec.phase = phase;
        rec.kind = kKindB;
        if (s.cycle != 0 && s.cycle % 2 == 1 && s.cycle < 2 * k + 1) {
          rec.odd_cycle = s.cycle;
        }
      } else {
        rec.port[0] = rec.port[1] = kNoPort;
        rec.type[0] = rec.type[1] = kPiece;
        rec.end_dist[0] = rec.end_dist[1] = kFar;
      }
      ctx.Halt();
    }
  }

  Output Finish(const State& s) const { return s.rec; }
};

// ---- 2. Ruling set on the pieces ---------------------------------------

struct RulingToken {
  NodeId id = 0;
  std::uint64_t value = 0;
  std::uint8_t flags = 0;  // bit 0: valid, bit 1: candidate
};

// Linial on P^r (shift register, LinialNewColour from blocks/linial.h) and
// the AGLP bit merge. Colours heard in a Linial step are kept as Word (32
// bits when every colour fits, to halve the memory of large runs).
constexpr std::uint64_t High(std::uint64_t x, std::uint32_t bit) {
  return bit >= 64 ? 0 : x >> bit;
}

template <typename Word>
struct RulingProgram {
  using Input = PeelRecord;
  using Message = RulingToken;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kPerPort;

  struct State {
    std::uint64_t colour = 0;
    bool piece[2] = {false, false};
    Port port[2] = {kNoPort, kNoPort};
    bool candidate = false;
    bool withdraw = false;
    std::vector<Word> others;  // Linial: colours heard this step
  };

  const std::vector<LinialStep>* schedule = nullptr;
  std::uint32_t r = 1;
  std::uint32_t bits = 0;
  std::uint32_t k = 1;

  std::uint32_t steps() const {
    return static_cast<std::uint32_t>(schedule->size()) + bits;
  }

  void SendOwn(Context<RulingProgram<Word>>& ctx) const {
    State& s = ctx.state();
    const RulingToken own{ctx.id(), s.colour,
                          static_cast<std::uint8_t>(1 | (s.candidate ? 2 : 0))};
    for (int side = 0; side < 2; ++side) {
      if (s.piece[side]) ctx.SendTo(s.port[side], own);
    }
  }

  void Init(Context<RulingProgram<Word>>& ctx) const {
    State& s = ctx.state();
    const PeelRecord& rec = ctx.input();
    if (rec.kind != kKindB) {
      ctx.Halt();
      return;
    }
    s.colour = ctx.id() - 1;
    s.candidate = IsCandidate(rec, k);
    for (int side = 0; side < 2; ++side) {
      s.port[side] = rec.port[side];
      s.piece[side] = rec.type[side] == kPiece;
    }
    if (steps() == 0 || (!s.piece[0] && !s.piece[1])) {
      ctx.Halt();  // a piece of one vertex: it is its own member
      return;
    }
    SendOwn(ctx);
  }

  void Round(Context<RulingProgram<Word>>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t step = (t - 1) / r;
    const std::uint32_t j = (t - 1) % r + 1;
    const auto linial_steps = static_cast<std::uint32_t>(schedule->size());
    RulingToken heard[2];
    for (int side = 0; side < 2; ++side) {
      if (!s.piece[side]) continue;
      heard[side] = ctx.Received(s.port[side]);
      const RulingToken& m = heard[side];
      if ((m.flags & 1) == 0 || m.id == ctx.id()) continue;
      if (step < linial_steps) {
        if (s.others.empty()) s.others.reserve(2 * r);
        s.others.push_back(static_cast<Word>(m.value));
      } else if (s.candidate && (m.flags & 2) != 0) {
        const std::uint32_t bit = step - linial_steps;
        if (((s.colour >> bit) & 1) == 1 && ((m.value >> bit) & 1) == 0 &&
            High(s.colour, bit + 1) == High(m.value, bit + 1)) {
          s.withdraw = true;
        }
      }
    }
    if (j < r) {
      for (int side = 0; side < 2; ++side) {
        if (s.piece[1 - side]) ctx.SendTo(s.port[1 - side], heard[side]);
      }
      return;
    }
    // End of a step of P^r.
    if (step < linial_steps) {
      thread_local std::vector<std::uint64_t> others;
      others.assign(s.others.begin(), s.others.end());
      std::sort(others.begin(), others.end());
      others.erase(std::unique(others.begin(), others.end()), others.end());
      s.colour = LinialNewColour((*schedule)[step], s.colour, others);
      s.others.clear();
      if (step + 1 == linial_steps) std::vector<Word>().swap(s.others);
    } else {
      if (s.withdraw) s.candidate = false;
      s.withdraw = false;
    }
    if (step + 1 >= steps()) {
      ctx.Halt();
      return;
    }
    SendOwn(ctx);
  }

  Output Finish(const State& s) const { return s.candidate ? 1 : 0; }
};

// ---- 3. Colouring back -------------------------------------------------

struct ColourInput {
  PeelRecord rec;
  std::uint8_t member = 0;
  std::int16_t pos = -1;  // position on C_{2k+1}, or -1 (not yet coloured)
};

enum ColourFlags : std::uint8_t {
  kColoured = 1,  // pos is the sender's position
  kAnchor = 2,    // anchor info: pos_a, key, dist (from the receiver)
  kFreeInfo = 4,  // this side ends in a free end, no anchor
};

struct ColourMessage {
  NodeId key_a = 0, key_b = 0;
  std::uint32_t dist = 0;
  std::uint8_t flags = 0;
  std::uint8_t pos = 0;
  std::uint8_t pos_a = 0;
};

struct SideInfo {
  bool known = false;
  bool free = false;
  std::uint8_t pos = 0;
  NodeId key_a = 0, key_b = 0;
  std::uint32_t dist = 0;
};

// Position i of the canonical walk of length L from a to b on C_m (m odd,
// L >= m − 1): the ±1 run whose parity matches L, then alternation.
std::uint32_t WalkPosition(std::uint32_t m, std::uint32_t a, std::uint32_t b,
                           std::uint32_t length, std::uint32_t i) {
  const std::uint32_t d = (b + m - a) % m;
  std::int64_t dir = 1;
  std::uint32_t run = d;
  if ((length - d) % 2 != 0) {
    dir = -1;
    run = m - d;
  }
  if (run > length) {
    throw std::logic_error("BEP-d: no walk of length " +
                           std::to_string(length) + " on C_" +
                           std::to_string(m));
  }
  if (i <= run) {
    const std::int64_t p = static_cast<std::int64_t>(a) + dir * i;
    return static_cast<std::uint32_t>(((p % m) + m) % m);
  }
  return (b + (i - run) % 2) % m;
}

struct ColourProgram {
  using Input = ColourInput;
  using Message = ColourMessage;
  using Output = std::int16_t;
  static constexpr MessagePath kPath = MessagePath::kPerPort;

  struct State {
    std::int16_t pos = -1;
    SideInfo side[2];
    ColourMessage out[2];  // what this vertex shows on its two sides
  };

  std::uint32_t phase = 1;
  std::uint32_t k = 1;
  std::uint32_t m() const { return 2 * k + 1; }

  void ShowColour(Context<ColourProgram>& ctx) const {
    State& s = ctx.state();
    const PeelRecord& rec = ctx.input().rec;
    for (Port p = 0; p < ctx.degree(); ++p) {
      ColourMessage msg;
      if (rec.kind == kKindB && rec.phase == phase) {
        if (p == rec.port[0]) msg = s.out[0];
        if (p == rec.port[1]) msg = s.out[1];
      }
      msg.flags |= kColoured;
      msg.pos = static_cast<std::uint8_t>(s.pos);
      ctx.SendTo(p, msg);
    }
  }

  void Init(Context<ColourProgram>& ctx) const {
    State& s = ctx.state();
    const ColourInput& in = ctx.input();
    s.pos = in.pos;
    if (s.pos >= 0) {
      ShowColour(ctx);
      ctx.Halt();
      return;
    }
    if (in.rec.phase != phase) {
      ctx.Halt();
      return;
    }
    if (in.rec.kind == kKindA) {
      if (in.rec.port[0] == kNoPort) {
        s.pos = 0;
      } else if (in.rec.partner_a != 0) {
        s.pos = ctx.id() < in.rec.side_id[0] ? 0 : 1;
      } else {
        ctx.Wait();
        return;
      }
      ShowColour(ctx);
      ctx.Halt();
      return;
    }
    // B.
    if (in.member != 0) {
      s.pos = 0;
      for (int side = 0; side < 2; ++side) {
        s.out[side].flags = kAnchor;
        s.out[side].pos_a = 0;
        s.out[side].key_a = ctx.id();
        s.out[side].key_b = in.rec.side_id[side];
        s.out[side].dist = 1;
      }
      ShowColour(ctx);
      ctx.Halt();
      return;
    }
    for (int side = 0; side < 2; ++side) {
      if (in.rec.type[side] == kFree) {
        s.side[side].known = true;
        s.side[side].free = true;
      }
    }
    Progress(ctx);
  }

  void Round(Context<ColourProgram>& ctx) const {
    State& s = ctx.state();
    const ColourInput& in = ctx.input();
    if (in.rec.kind == kKindA) {
      const ColourMessage& msg = ctx.Received(in.rec.port[0]);
      if ((msg.flags & kColoured) == 0) {
        ctx.Wait();
        return;
      }
      s.pos = static_cast<std::int16_t>((msg.pos + 1) % m());
      ShowColour(ctx);
      ctx.Halt();
      return;
    }
    for (int side = 0; side < 2; ++side) {
      SideInfo& info = s.side[side];
      if (info.known) continue;
      const ColourMessage& msg = ctx.Received(in.rec.port[side]);
      if (in.rec.type[side] == kFixed) {
        if ((msg.flags & kColoured) == 0) continue;
        info = {true, false, msg.pos, in.rec.side_id[side], ctx.id(), 1};
      } else if ((msg.flags & kAnchor) != 0) {
        info = {true, false, msg.pos_a, msg.key_a, msg.key_b, msg.dist};
      } else if ((msg.flags & kFreeInfo) != 0) {
        info.known = true;
        info.free = true;
      }
    }
    Progress(ctx);
  }

  Output Finish(const State& s) const { return s.pos; }

 private:
  // Forwards what is known to the other side; colours once both are known.
  void Progress(Context<ColourProgram>& ctx) const {
    State& s = ctx.state();
    const PeelRecord& rec = ctx.input().rec;
    bool changed = false;
    for (int side = 0; side < 2; ++side) {
      const SideInfo& info = s.side[side];
      ColourMessage& out = s.out[1 - side];
      if (!info.known || (out.flags & (kAnchor | kFreeInfo)) != 0) continue;
      if (info.free) {
        out.flags = kFreeInfo;
      } else {
        out.flags = kAnchor;
        out.pos_a = info.pos;
        out.key_a = info.key_a;
        out.key_b = info.key_b;
        out.dist = info.dist + 1;
      }
      changed = true;
    }
    if (s.side[0].known && s.side[1].known) {
      s.pos = static_cast<std::int16_t>(Position(s.side[0], s.side[1]));
      ShowColour(ctx);
      ctx.Halt();
      return;
    }
    if (changed) {
      for (int side = 0; side < 2; ++side) {
        if (rec.type[side] == kPiece) ctx.SendTo(rec.port[side], s.out[side]);
      }
    }
    ctx.Wait();
  }

  std::uint32_t Position(const SideInfo& x, const SideInfo& y) const {
    if (x.free && y.free) {
      throw std::logic_error("BEP-d: a piece segment without an anchor");
    }
    if (x.free || y.free) {
      const SideInfo& a = x.free ? y : x;
      return (a.pos + a.dist % 2) % m();
    }
    const bool x_left =
        std::pair(x.key_a, x.key_b) < std::pair(y.key_a, y.key_b);
    const SideInfo& left = x_left ? x : y;
    const SideInfo& right = x_left ? y : x;
    return WalkPosition(m(), left.pos, right.pos, left.dist + right.dist,
                        left.dist);
  }
};

std::string Num(std::uint64_t x) { return std::to_string(x); }

[[noreturn]] void ThrowStall(VertexData<PeelRecord>&& records,
                             std::uint32_t phase, std::uint32_t k,
                             const std::string& why) {
  const std::vector<PeelRecord> recs = Simulation::Release(std::move(records));
  std::vector<Vertex> core;
  std::uint64_t odd = 0;
  for (std::size_t v = 0; v < recs.size(); ++v) {
    if (recs[v].phase >= phase) core.push_back(static_cast<Vertex>(v));
    if (recs[v].phase == phase && recs[v].odd_cycle != 0) {
      odd = recs[v].odd_cycle;
    }
  }
  std::string what = "bep-girth: peeling stalled at phase " + Num(phase) +
                     " (k=" + Num(k) + "): " + why + "; remaining core of " +
                     Num(core.size()) + " vertices";
  throw BepGirthStall(what, phase, odd, std::move(core));
}

}  // namespace

std::uint64_t BepGirthMaxPhases(std::uint64_t n, std::uint32_t k) {
  if (n <= 1) return 1;
  const double bound = (11.0 * k + 1.0) * std::log(static_cast<double>(n));
  return static_cast<std::uint64_t>(std::floor(bound)) + 1;
}

std::uint64_t BepGirthRequiredGirth(std::uint32_t k) {
  return 22 * (2 * std::uint64_t{k} - 1);
}

BepGirthPlan MakeBepGirthPlan(std::uint64_t n, NodeId id_range,
                              std::uint32_t k) {
  if (k == 0 || k > kBepGirthMaxK) {
    throw std::invalid_argument("BEP-d: k = ceil(1/eps) = " + Num(k) +
                                " outside 1..32 (eps >= 1/32 supported)");
  }
  if (id_range == 0) {
    throw std::invalid_argument("BEP-d: knowledge must declare id_range");
  }
  BepGirthPlan plan;
  plan.k = k;
  plan.a = 2 * k + 1;
  plan.b = k;
  plan.horizon = 2 * k;
  plan.r = 2 * k - 1;
  const std::vector<LinialStep> schedule =
      LinialSchedule(id_range, 2 * std::uint64_t{plan.r});
  plan.linial_steps = static_cast<std::uint32_t>(schedule.size());
  plan.linial_colours =
      schedule.empty() ? id_range : schedule.back().colours_out;
  plan.merge_bits = CeilLog2(plan.linial_colours);
  plan.beta = std::uint64_t{plan.r} * plan.merge_bits;
  plan.max_gap = std::max(
      {std::uint64_t{4} * k - 1, 2 * k + plan.beta, 2 * plan.beta + 1});
  plan.max_phases = BepGirthMaxPhases(n, k);
  plan.peel_rounds = 2 * k + 1;
  plan.ruling_rounds =
      std::uint64_t{plan.r} * (plan.linial_steps + plan.merge_bits);
  plan.colour_rounds = plan.max_gap + 3;
  return plan;
}

RoundBound BepGirthRoundBound(std::uint32_t k) {
  return RoundBound{
      "P_max*(2k+1) + r*(S+ceil(log2 C)) + P_max*(G+3), k=" + Num(k) +
          ", P_max=floor((11k+1)ln n)+1, r=2k-1, S=|LinialSchedule(id,2r)|, "
          "C=LinialColours(id,2r), beta=r*ceil(log2 C), "
          "G=max(4k-1,2k+beta,2beta+1)",
      [k](const BoundInputs& in) {
        return MakeBepGirthPlan(in.n, in.id_range, k).total_rounds();
      }};
}

std::string BepGirthStallMessage(const Graph& graph, const BepGirthStall& s,
                                 std::uint32_t k) {
  const Graph core = graph.InducedSubgraph(s.core());
  const std::uint64_t girth = Girth(core);
  std::string msg = s.what();
  msg += girth == 0 ? ", acyclic" : ", shortest cycle " + Num(girth);
  msg += " (the phase bound needs girth >= " + Num(BepGirthRequiredGirth(k)) +
         " in a sparse minor-closed class)";
  return msg;
}

std::uint64_t BepGirthPeelPhases(const RunStats& stats) {
  std::uint64_t phases = 0;
  for (const PhaseStats& p : stats.phases) {
    if (p.name == kBepGirthPeelPhase) ++phases;
  }
  return phases;
}

FractionalOutput RunBepGirth(Simulation& sim, std::uint32_t k) {
  const Knowledge& know = sim.knowledge();
  const BepGirthPlan plan = MakeBepGirthPlan(know.n, know.id_range, k);

  // 1. Peeling.
  VertexData<PeelRecord> rec = sim.Constant(PeelRecord{});
  std::uint32_t phases = 0;
  for (std::uint32_t p = 1;; ++p) {
    if (p > plan.max_phases) {
      ThrowStall(std::move(rec), p, k,
                 "no vertex left to peel within P_max = " +
                     Num(plan.max_phases) + " phases");
    }
    rec = sim.Run(PeelProgram{p, k}, rec, kBepGirthPeelPhase);
    if (sim.Any(rec, [p](const PeelRecord& r) {
          return r.phase == p && r.odd_cycle != 0;
        })) {
      ThrowStall(
          std::move(rec), p, k,
          "an odd cycle component shorter than 2k+1 = " + Num(2 * k + 1) +
              " has no homomorphism to C_" + Num(2 * k + 1));
    }
    if (!sim.Any(rec, [](const PeelRecord& r) { return r.phase == kAlive; })) {
      phases = p;
      break;
    }
    if (!sim.Any(rec, [p](const PeelRecord& r) { return r.phase == p; })) {
      ThrowStall(std::move(rec), p, k,
                 "no vertex of degree <= 1, no thread of >= 2k-1 = " +
                     Num(2 * k - 1) + " degree-2 vertices, no cycle component");
    }
  }

  // 2. Ruling set on the pieces.
  const std::vector<LinialStep> schedule =
      LinialSchedule(know.id_range, 2 * std::uint64_t{plan.r});
  const bool narrow =
      std::all_of(schedule.begin(), schedule.end(), [](const LinialStep& st) {
        return st.colours_out <= (std::uint64_t{1} << 32);
      });
  const VertexData<std::uint8_t> members =
      know.id_range <= (std::uint64_t{1} << 32) && narrow
          ? sim.Run(RulingProgram<std::uint32_t>{&schedule, plan.r,
                                                 plan.merge_bits, k},
                    rec, "girth-ruling")
          : sim.Run(RulingProgram<std::uint64_t>{&schedule, plan.r,
                                                 plan.merge_bits, k},
                    rec, "girth-ruling");

  // 3. Colouring back, last phase first.
  VertexData<std::int16_t> pos = sim.Constant(std::int16_t{-1});
  const VertexData<std::pair<PeelRecord, std::uint8_t>> fixed =
      sim.Zip(rec, members);
  for (std::uint32_t p = phases; p >= 1; --p) {
    const VertexData<ColourInput> in = sim.Map(
        sim.Zip(fixed, pos),
        [](const std::pair<std::pair<PeelRecord, std::uint8_t>, std::int16_t>&
               x) {
          return ColourInput{x.first.first, x.first.second, x.second};
        });
    pos = sim.Run(ColourProgram{p, k}, in, "girth-colour");
  }
  if (sim.Any(pos, [](std::int16_t x) { return x < 0; })) {
    throw std::logic_error("BEP-d: a vertex ended without a colour");
  }
  const std::uint32_t m = 2 * k + 1;
  FractionalOutput out;
  out.colors = sim.Map(pos, [k, m](std::int16_t j) {
    const std::uint32_t c = (static_cast<std::uint32_t>(j) * k) % m;
    ColorSet set;
    for (std::uint32_t t = 0; t < k; ++t) set.Insert((c + t) % m);
    return set;
  });
  out.a = plan.a;
  out.b = plan.b;
  return out;
}

FractionalAlgorithm BepGirthAlgorithm(const Rational& epsilon) {
  const std::uint32_t k = BepPalettes(epsilon);
  FractionalAlgorithm algorithm;
  algorithm.name = "bep-girth";
  algorithm.epsilon = epsilon;
  algorithm.rounds = BepGirthRoundBound(k);
  algorithm.weight_claim = [k](const BoundInputs&) {
    return Rational(2) + Rational(1, k);
  };
  algorithm.constant_output = [k](const BoundInputs&) {
    return std::pair<std::uint32_t, std::uint32_t>(2 * k + 1, k);
  };
  algorithm.run = [k](Simulation& sim) { return RunBepGirth(sim, k); };
  return algorithm;
}

}  // namespace fcsim
