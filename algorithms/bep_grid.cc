#include "algorithms/bep_grid.h"

#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <stdexcept>
#include <string>
#include <utility>

#include "algorithms/blocks/linial.h"
#include "algorithms/blocks/own_id.h"

namespace fcsim {
namespace {

constexpr std::uint64_t kBad = std::numeric_limits<std::uint64_t>::max();
constexpr std::uint64_t kNone = std::numeric_limits<std::uint64_t>::max();

std::string Num(std::uint64_t x) { return std::to_string(x); }

struct MemberInput {
  NodeId id = 0;
  bool member = false;
};

// Linial on the members' conflict graph H_i (see the header, step 1a).
// Window j (rounds j·D + 1 .. (j+1)·D) floods every member's value after
// step j (colour + 1; kBad once a member saw too many members) D − 1 hops
// through the relays; at round (j+1)·D a member applies schedule[j] to the
// values it collected. Non-members relay (first arrival of an ID in the
// window only) and sleep until a neighbour sends; members stay awake,
// collect, and relay only when D > 2·D_{i−1} + 1. After the last step a halt
// wave (ID 0) stops the relays, as in the MIS.
struct LinialUpdate {
  NodeId id = 0;  // 0: halt
  std::uint64_t value = 0;
};

struct LinialState {
  std::uint64_t value = 0;  // colour + 1 (members), 0 (non-members), kBad
  std::uint32_t window = 0;
  std::vector<LinialUpdate> seen;  // this window's first arrivals
};

struct MemberLinialProgram {
  using Input = MemberInput;
  using State = LinialState;
  using Message = LinialUpdate;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  const BepGridLevel* level = nullptr;
  bool has_relays = true;

  std::uint32_t Steps() const {
    return static_cast<std::uint32_t>(level->schedule.size());
  }

  void Init(Context<MemberLinialProgram>& ctx) const {
    LinialState& s = ctx.state();
    const bool member = ctx.input().member;
    s.value = member ? ctx.input().id : 0;  // colour id - 1
    if (Steps() == 0) {
      ctx.Halt();
      return;
    }
    if (member) {
      ctx.Send({LinialUpdate{ctx.id(), s.value}});
    } else {
      ctx.Wait();
    }
  }

  void Round(Context<MemberLinialProgram>& ctx) const {
    LinialState& s = ctx.state();
    const bool member = ctx.input().member;
    const std::uint32_t radius = level->radius;
    const std::uint32_t t = ctx.round();
    const std::uint32_t window = (t - 1) / radius;
    const std::uint32_t hop = (t - 1) % radius + 1;
    if (window != s.window) {
      s.window = window;
      s.seen.clear();
    }
    const bool relays = !member || level->members_relay;
    std::vector<LinialUpdate> relay;
    for (Port p = 0; p < ctx.degree(); ++p) {
      if (!ctx.NeighbourSent(p)) continue;
      for (const LinialUpdate& u : ctx.Received(p)) {
        if (u.id == 0) {
          if (!member) {
            ctx.Send({LinialUpdate{0, 0}});
            ctx.Halt();
            return;
          }
          continue;
        }
        if (u.id == ctx.id()) continue;
        const bool known =
            std::any_of(s.seen.begin(), s.seen.end(),
                        [&u](const LinialUpdate& e) { return e.id == u.id; });
        if (known) continue;
        s.seen.push_back(u);
        if (relays && hop < radius) relay.push_back(u);
      }
    }
    if (member && hop == radius) {
      s.value = Apply(window, s.value, s.seen);
      if (window + 1 < Steps()) {
        ctx.Send({LinialUpdate{ctx.id(), s.value}});
      } else {
        if (has_relays) ctx.Send({LinialUpdate{0, 0}});
        ctx.Halt();
      }
      return;
    }
    if (!relay.empty()) ctx.Send(std::move(relay));
    if (!member) ctx.Wait();
  }

  Output Finish(const State& s) const { return s.value; }

 private:
  std::uint64_t Apply(std::uint32_t step, std::uint64_t own,
                      const std::vector<LinialUpdate>& ball) const {
    if (own == kBad || ball.size() > level->degree_bound) return kBad;
    thread_local std::vector<std::uint64_t> colours;
    colours.clear();
    for (const LinialUpdate& u : ball) {
      if (u.value == kBad) return kBad;
      colours.push_back(u.value - 1);
    }
    return LinialNewColour(level->schedule[step], own - 1, colours) + 1;
  }
};

// MIS of the conflict graph in colour order (see the header, step 1b'),
// for levels whose class schedule C_i·D_i would be too long.
struct MisMessage {
  std::uint32_t tag = 0;  // 2t + 1: min-flood of iteration t; 2t + 2: joins
  std::uint64_t value = kNone;
};

struct MisState {
  std::uint8_t status = 0;  // 0 non-member, 1 undecided, 2 in, 3 out
  std::uint64_t value = kNone;
};

struct LevelMisProgram {
  // Between the two decision rounds of an iteration (ends of the min-flood
  // and of the join-flood) a vertex acts only on a neighbour's message.
  static constexpr bool kTimedWaits = true;
  using Input = std::uint64_t;  // colour + 1, 0 for non-members
  using State = MisState;
  using Message = MisMessage;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t radius = 1;  // D

  void Init(Context<LevelMisProgram>& ctx) const {
    MisState& s = ctx.state();
    s.status = ctx.input() != 0 ? 1 : 0;
    StartIteration(ctx, 0);
    ctx.WaitUntil(radius);
  }

  void Round(Context<LevelMisProgram>& ctx) const {
    MisState& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t iter = (t - 1) / (2 * radius);
    const std::uint32_t sub = (t - 1) % (2 * radius) + 1;  // 1..2D
    const bool flood_a = sub <= radius;
    const std::uint32_t tag = flood_a ? 2 * iter + 1 : 2 * iter + 2;
    std::uint64_t best = s.value;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const MisMessage& m = ctx.Received(p);
      if (m.tag != tag) continue;
      const std::uint64_t v = flood_a ? m.value : m.value + 1;
      best = std::min(best, v);
    }
    const bool improved = best < s.value;
    if (improved) s.value = best;
    const std::uint32_t start = iter * 2 * radius;  // round before sub 1
    if (flood_a) {
      if (sub < radius) {
        if (improved) ctx.Send({tag, s.value});
        ctx.WaitUntil(start + radius);
        return;
      }
      // End of the min-flood: s.value = least undecided colour within D.
      if (s.value == kNone) {
        ctx.Halt();  // nothing undecided within D: nothing left to relay
        return;
      }
      const bool joins = s.status == 1 && s.value == ctx.input();
      if (joins) s.status = 2;
      s.value = joins ? 0 : kNone;  // join-flood: hops to a new member
      if (joins) ctx.Send({tag + 1, 0});
      ctx.WaitUntil(start + 2 * radius);
      return;
    }
    if (sub < 2 * radius) {
      if (improved && s.value < radius) ctx.Send({tag, s.value});
      ctx.WaitUntil(start + 2 * radius);
      return;
    }
    if (s.status == 1 && s.value <= radius) s.status = 3;
    StartIteration(ctx, iter + 1);
    ctx.WaitUntil(start + 3 * radius);
  }

  Output Finish(const State& s) const { return s.status == 2 ? 1 : 0; }

 private:
  void StartIteration(Context<LevelMisProgram>& ctx, std::uint32_t iter) const {
    MisState& s = ctx.state();
    const std::uint32_t tag = 2 * iter + 1;
    s.value = s.status == 1 ? ctx.input() : kNone;
    if (s.value != kNone) ctx.Send({tag, s.value});
  }
};

// MIS of the conflict graph by colour classes, on a fixed schedule (see the
// header, step 1b). One phase per chunk of classes [first, first + count).
// Message: 0 nothing; kHaltMessage; else 1 + the sender's hop distance to
// the nearest member that joined (a relay sends only distances < D).
constexpr std::uint32_t kFar = std::numeric_limits<std::uint32_t>::max();
constexpr std::uint32_t kHaltMessage = kFar;

enum MisStatus : std::uint8_t {
  kNonMember = 0,
  kUndecided = 1,
  kJoined = 2,
  kOut = 3
};

struct MisVertex {
  std::uint8_t status = kNonMember;
  std::uint32_t dist = kFar;  // hops to the nearest joined member (< D)
};

struct MisChunkInput {
  std::uint64_t colour = 0;  // colour + 1, 0 for non-members
  MisVertex vertex;
};

struct ClassMisProgram {
  // Relaying members wait for a message or their next scheduled round.
  static constexpr bool kTimedWaits = true;
  using Input = MisChunkInput;
  using State = MisVertex;
  using Message = std::uint32_t;
  using Output = MisVertex;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t radius = 1;    // D
  std::uint64_t first = 0;     // first class of the chunk
  std::uint64_t count = 1;     // classes in the chunk
  bool has_relays = true;      // level >= 1: non-members relay
  bool members_relay = false;  // geodesics between members may cross members

  // Class first + j decides in round 1 + j·D; the halt wave starts after
  // the last class's flood has travelled D - 1 hops.
  std::uint32_t HaltRound() const {
    return static_cast<std::uint32_t>(count * radius + 1);
  }

  void Init(Context<ClassMisProgram>& ctx) const {
    MisVertex& s = ctx.state();
    s = ctx.input().vertex;
    // The previous chunk's floods, shown again (messages do not cross
    // phases): a vertex at distance < D of a joined member says so.
    if (s.dist < radius) ctx.Send(s.dist + 1);
    if (s.status == kNonMember) {
      ctx.Wait();
    } else if (members_relay) {
      ctx.WaitUntil(NextScheduled(ctx, 0));
    } else if (s.status == kUndecided && InChunk(ctx)) {
      ctx.SleepUntil(DecisionRound(ctx));
    } else {
      ctx.SleepUntil(HaltRound());
    }
  }

  void Round(Context<ClassMisProgram>& ctx) const {
    MisVertex& s = ctx.state();
    const std::uint32_t t = ctx.round();
    if (s.status == kNonMember) {
      if (!Relay(ctx)) ctx.Wait();
      return;
    }
    if (t >= HaltRound()) {
      if (has_relays) ctx.Send(kHaltMessage);
      ctx.Halt();
      return;
    }
    if (members_relay) Relay(ctx);
    if (s.status == kUndecided && InChunk(ctx) && t == DecisionRound(ctx)) {
      std::uint32_t d = s.dist;
      if (!members_relay) d = NearestJoined(ctx);
      if (d <= radius) {
        s.status = kOut;
      } else {
        s.status = kJoined;
        s.dist = 0;
        ctx.Send(1);
      }
    }
    if (members_relay) {
      ctx.WaitUntil(NextScheduled(ctx, t));
    } else {
      ctx.SleepUntil(HaltRound());
    }
  }

  Output Finish(const State& s) const { return s; }

 private:
  bool InChunk(Context<ClassMisProgram>& ctx) const {
    const std::uint64_t c = ctx.input().colour - 1;
    return c >= first && c < first + count;
  }
  std::uint32_t DecisionRound(Context<ClassMisProgram>& ctx) const {
    return static_cast<std::uint32_t>(1 + (ctx.input().colour - 1 - first) *
                                              radius);
  }
  // A relaying member's next round to act without a message after round t:
  // its decision round, then the halt round.
  std::uint32_t NextScheduled(Context<ClassMisProgram>& ctx,
                              std::uint32_t t) const {
    const MisVertex& s = ctx.state();
    if (s.status == kUndecided && InChunk(ctx) && DecisionRound(ctx) > t) {
      return DecisionRound(ctx);
    }
    return HaltRound();
  }
  // 1 + the least hop distance a neighbour shows (kFar if none).
  static std::uint32_t NearestJoined(Context<ClassMisProgram>& ctx) {
    std::uint32_t best = kFar;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::uint32_t m = ctx.Received(p);
      if (m != 0 && m != kHaltMessage) best = std::min(best, m);
    }
    return best;
  }
  // A relay's round: forward the halt wave (returns true: halted), or an
  // improved distance < D.
  bool Relay(Context<ClassMisProgram>& ctx) const {
    MisVertex& s = ctx.state();
    if (s.status == kNonMember) {
      for (Port p = 0; p < ctx.degree(); ++p) {
        if (ctx.Received(p) == kHaltMessage) {
          ctx.Send(kHaltMessage);
          ctx.Halt();
          return true;
        }
      }
    }
    const std::uint32_t d = NearestJoined(ctx);
    if (d < s.dist) {
      s.dist = d;
      if (d < radius) ctx.Send(d + 1);
    }
    return false;
  }
};

// Step 2: the k clusterings in one min-flood of R + k rounds.
struct ClusterMessage {
  NodeId owner = kNone;  // least-ID centre within the hops so far
  std::uint8_t parity = 0;
};

// W words per mask: clusterings j < 64·W.
template <std::size_t W>
struct ClusterState {
  ClusterMessage mine;
  std::array<std::uint64_t, W> parity{};  // bit j: c_j(v)
  std::array<std::uint64_t, W> kept{};    // bit j: kept in clustering j
  std::uint8_t error = 0;                 // 1 odd walk, 2 uncovered
  // Event-driven: the last round the vertex ran, and what its drop test
  // gives while neither it nor a neighbour sends (see ClusterProgram).
  std::uint32_t last = 0;
  bool drop_pending = false;
  bool odd_pending = false;
};

struct ClusterOutput {
  ColorSet colours;
  std::uint32_t kept = 0;
  std::uint8_t error = 0;
};

template <std::size_t W>
struct ClusterProgram {
  // Before round R a vertex acts only when a neighbour sends (the flood).
  static constexpr bool kTimedWaits = true;
  using Input = std::uint8_t;  // 1 for a centre
  using State = ClusterState<W>;
  using Message = ClusterMessage;
  using Output = ClusterOutput;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t beta = 0;  // R
  std::uint32_t k = 1;
  std::uint32_t b = 1;

  // The program as stated, round by round: in round t (1 <= t <= R + k)
  // (a) for t > R, the drop test of clustering j = t - 1 - R against the
  // neighbours' messages (their state after round t - 1); (b) at t = R + k,
  // halt; (c) adopt a smaller owner shown by a neighbour (parity t mod 2)
  // and send it; (d) for R <= t < R + k, record clustering t - R.
  // It runs event-driven (WaitUntil(R + k)): a vertex that did not run in
  // rounds last+1 .. t-1 had its own state and its neighbours' messages
  // unchanged there (a neighbour's send would have woken it), so (a) and
  // (d) for those rounds are what the test and the record gave right after
  // its last run; they are filled in when it next runs.
  void Init(Context<ClusterProgram<W>>& ctx) const {
    ClusterState<W>& s = ctx.state();
    if (ctx.input() != 0) {
      s.mine = {ctx.id(), 0};
      ctx.Send(s.mine);
    }
    if (beta == 0) Record(s, 0);
    ctx.WaitUntil(beta + k);
  }

  void Round(Context<ClusterProgram<W>>& ctx) const {
    ClusterState<W>& s = ctx.state();
    const std::uint32_t t = ctx.round();
    for (std::uint32_t u = s.last + 1; u < t; ++u) {  // rounds not run
      if (u >= beta + 1 && u <= beta + k) {
        s.error |= s.odd_pending ? 1 : 0;
        if (!s.drop_pending) Keep(s, u - 1 - beta);
      }
      if (u >= beta && u < beta + k) Record(s, u - beta);
    }
    // Neighbours show their state after round t - 1: clustering t - 1 - R.
    if (t >= beta + 1 && t <= beta + k) {
      const std::uint32_t j = t - 1 - beta;
      bool dropped = false, odd = false;
      DropTest(ctx, Bit(s.parity, j), dropped, odd);
      if (odd) s.error = 1;
      if (!dropped) Keep(s, j);
    }
    if (t == beta + k) {
      ctx.Halt();
      return;
    }
    bool changed = false;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const ClusterMessage& m = ctx.Received(p);
      if (m.owner < s.mine.owner) {
        s.mine.owner = m.owner;
        s.mine.parity = static_cast<std::uint8_t>(t & 1);
        changed = true;
      }
    }
    if (t >= beta && t < beta + k) Record(s, t - beta);
    if (changed) ctx.Send(s.mine);
    s.last = t;
    s.drop_pending = s.odd_pending = false;
    DropTest(ctx, s.mine.parity, s.drop_pending, s.odd_pending);
    ctx.WaitUntil(beta + k);
  }

  Output Finish(const State& s) const {
    ClusterOutput out;
    out.error = s.error;
    for (std::uint32_t j = 0; j < k; ++j) {
      if (Bit(s.kept, j) == 0) continue;
      if (out.kept++ < b) out.colours.Insert(2 * j + Bit(s.parity, j));
    }
    return out;
  }

 private:
  static std::uint8_t Bit(const std::array<std::uint64_t, W>& m,
                          std::uint32_t j) {
    return static_cast<std::uint8_t>((m[j / 64] >> (j % 64)) & 1);
  }
  static void Keep(ClusterState<W>& s, std::uint32_t j) {
    s.kept[j / 64] |= std::uint64_t{1} << (j % 64);
  }
  // Against the neighbours' messages: a neighbour of equal colour and a
  // smaller owner drops v; one with an equal owner closes an odd walk.
  static void DropTest(Context<ClusterProgram<W>>& ctx, std::uint8_t parity,
                       bool& dropped, bool& odd) {
    const NodeId owner = ctx.state().mine.owner;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const ClusterMessage& m = ctx.Received(p);
      if (m.owner == kNone || m.parity != parity) continue;
      if (m.owner == owner) odd = true;
      if (m.owner < owner) dropped = true;
    }
  }
  // The owner of clustering j is fixed now (the flood reached radius R + j).
  static void Record(ClusterState<W>& s, std::uint32_t j) {
    if (s.mine.owner == kNone) {
      s.error = 2;
      return;
    }
    if (s.mine.parity != 0) s.parity[j / 64] |= std::uint64_t{1} << (j % 64);
  }
};

// D_L = s - 1, D_{L-1} = ceil(D_L / top_ratio), then halving down to D_0 = 1
// (level 0 stores one entry per neighbour only: the memory peak per vertex).
std::vector<std::uint32_t> HierarchyRadii(std::uint32_t s,
                                          std::uint32_t top_ratio) {
  std::vector<std::uint32_t> radii;
  std::uint32_t r = s - 1;
  if (r > 1) {
    radii.push_back(r);
    r = (r + top_ratio - 1) / top_ratio;
  }
  while (r > 1) {
    radii.push_back(r);
    r = (r + 1) / 2;
  }
  radii.push_back(r);
  std::reverse(radii.begin(), radii.end());
  return radii;
}

}  // namespace

std::uint64_t BepGridMissBound(std::uint32_t d, std::uint32_t s,
                               std::uint32_t beta, std::uint32_t k) {
  const std::uint64_t t = (s - 1) / 2;
  std::uint64_t bound = (LatticeBallSize(d, std::uint64_t{beta} + k + t) -
                         LatticeBallSize(d, beta - t)) /
                        LatticeBallSize(d, t);
  if (d == 1) {
    // Two intervals of k points, s-separated points in each.
    bound = std::min<std::uint64_t>(bound, 2 * ((k - 1) / s + 1));
  } else if (d == 2 && k <= s) {
    // Quadrant bound: per closed quadrant, w = x − y of s-separated points
    // of the annulus lies in [−(β+k), β+k] and is s-separated.
    bound = std::min<std::uint64_t>(
        bound, 4 * ((2 * (std::uint64_t{beta} + k)) / s + 1));
  }
  return bound;
}

std::uint64_t LatticeBallSize(std::uint32_t d, std::uint64_t r) {
  std::uint64_t total = 0;
  std::uint64_t binom_d = 1;  // C(d, i)
  std::uint64_t binom_r = 1;  // C(r, i)
  std::uint64_t pow2 = 1;
  for (std::uint32_t i = 0; i <= d && i <= r; ++i) {
    total += pow2 * binom_d * binom_r;
    binom_d = binom_d * (d - i) / (i + 1);
    binom_r = binom_r * (r - i) / (i + 1);
    pow2 *= 2;
  }
  return total;
}

std::uint64_t BepGridPlan::total_rounds() const {
  std::uint64_t total = cluster_rounds();
  for (const BepGridLevel& l : levels) {
    total += l.linial_rounds() + l.mis_rounds();
  }
  return total;
}

BepGridPlan MakeBepGridPlan(std::uint64_t max_degree, NodeId id_range,
                            const Rational& epsilon) {
  if (epsilon <= Rational(0)) {
    throw std::invalid_argument("BEP-c: ε must be positive, got " +
                                epsilon.ToString());
  }
  if (max_degree == 0 || max_degree > 8) {
    throw std::invalid_argument(
        "BEP-c: declared Δ = " + Num(max_degree) +
        " outside 1..8 (grids of dimension d = ⌈Δ/2⌉ <= 4)");
  }
  if (id_range == 0) {
    throw std::invalid_argument("BEP-c: knowledge must declare id_range");
  }
  BepGridPlan plan;
  plan.d = static_cast<std::uint32_t>((max_degree + 1) / 2);
  const Rational target = Rational(2) + epsilon;
  constexpr std::uint32_t kMaxSpacing = 1u << 13;
  std::vector<std::uint32_t> best_radii;
  // The least top ratio that admits a plan (memory first: the top level's
  // Linial stores one entry per member within D_L, about (2λ)^d of them),
  // and for it the least feasible s, then the least k.
  for (std::uint32_t ratio : kBepGridTopRatios) {
    if (plan.k != 0) break;
    bool found = false;
    for (std::uint32_t s = 3; s <= kMaxSpacing && !found;
         s += std::max<std::uint32_t>(1, s / 16)) {
      const std::vector<std::uint32_t> radii = HierarchyRadii(s, ratio);
      std::uint32_t beta = 0;
      for (std::uint32_t r : radii) beta += r;
      for (std::uint32_t k = 1; k <= kBepGridMaxClusterings; ++k) {
        const std::uint64_t miss = BepGridMissBound(plan.d, s, beta, k);
        if (miss >= k) continue;
        if (Rational(static_cast<std::int64_t>(2 * k),
                     static_cast<std::int64_t>(k - miss)) <= target) {
          plan.spacing = s;
          plan.top_ratio = ratio;
          plan.beta = beta;
          plan.k = k;
          plan.missed = static_cast<std::uint32_t>(miss);
          best_radii = radii;
          found = true;
          break;
        }
      }
    }
  }
  for (std::size_t i = 0; i < best_radii.size(); ++i) {
    const std::vector<std::uint32_t>& radii = best_radii;
    BepGridLevel level;
    level.radius = radii[i];
    if (i == 0) {
      level.degree_bound = LatticeBallSize(plan.d, radii[0]) - 1;
    } else {
      const std::uint64_t t = radii[i - 1] / 2;
      level.degree_bound =
          LatticeBallSize(plan.d, radii[i] + t) / LatticeBallSize(plan.d, t) -
          1;
    }
    if (level.degree_bound < id_range) {
      level.schedule = LinialSchedule(id_range, level.degree_bound);
    }
    level.colours =
        level.schedule.empty() ? id_range : level.schedule.back().colours_out;
    for (std::size_t j = 0; j < i; ++j) level.relay_hops += radii[j];
    level.members_relay = i > 0 && radii[i] > 2 * radii[i - 1] + 1;
    level.class_schedule =
        level.colours * level.radius <= kBepGridMaxClassScheduleRounds;
    level.chunk = std::clamp<std::uint64_t>(
        kBepGridMaxPhaseRounds / level.radius, 1, level.colours);
    plan.levels.push_back(std::move(level));
  }
  if (plan.k == 0) {
    throw std::invalid_argument(
        "BEP-c: ε = " + epsilon.ToString() + " needs more than " +
        Num(2 * kBepGridMaxClusterings) + " colours in dimension d = " +
        Num(plan.d) + " under the proved miss bound (see papers/bep_grid.md)");
  }
  plan.a = 2 * plan.k;
  plan.b = plan.k - plan.missed;
  return plan;
}

RoundBound BepGridRoundBound(const Rational& epsilon) {
  return RoundBound{
      "sum_i [D_i*S_i + h_i + MIS_i] + R + k, eps=" + epsilon.ToString() +
          ", D_L=s-1, D_{L-1}=ceil(D_L/lambda), D_{i-1}=ceil(D_i/2) down to "
          "1, "
          "S_i=|LinialSchedule(id,Δ_i)|, C_i=LinialColours(id,Δ_i), "
          "h_i=sum_{j<i} D_j, MIS_i=C_i*D_i + P_i*(1+h_i) if C_i*D_i<=2^24 "
          "(P_i=ceil(C_i/floor(2^19/D_i))) else 2*D_i*(C_i+1), "
          "R=sum_i D_i (plan: MakeBepGridPlan)",
      [epsilon](const BoundInputs& in) {
        return MakeBepGridPlan(in.max_degree, in.id_range, epsilon)
            .total_rounds();
      }};
}

namespace {

// Steps 1 and 2 (centres, clusterings) with their input checks.
VertexData<ClusterOutput> RunClusters(Simulation& sim,
                                      const BepGridPlan& plan) {
  const VertexData<NodeId> ids = sim.Run(OwnId{}, "bep-grid-ids");
  VertexData<std::uint8_t> members = sim.Constant(std::uint8_t{1});
  for (std::size_t i = 0; i < plan.levels.size(); ++i) {
    const BepGridLevel& level = plan.levels[i];
    const VertexData<MemberInput> in = sim.Map(
        sim.Zip(ids, members), [](const std::pair<NodeId, std::uint8_t>& x) {
          return MemberInput{x.first, x.second != 0};
        });
    const std::string suffix = std::to_string(i);
    const VertexData<std::uint64_t> colours = sim.Run(
        MemberLinialProgram{&level, i > 0}, in, "bep-grid-linial-" + suffix);
    if (sim.Any(colours, [](std::uint64_t c) { return c == kBad; })) {
      throw std::invalid_argument(
          "BEP-c: a ball of radius " + Num(level.radius) + " holds more than " +
          Num(level.degree_bound + 1) +
          " level members: the graph is not a d-dimensional grid (d = " +
          Num(plan.d) + ")");
    }
    if (!level.class_schedule) {
      members = sim.Run(LevelMisProgram{level.radius}, colours,
                        "bep-grid-mis-" + suffix);
      continue;
    }
    VertexData<MisChunkInput> mis = sim.Map(colours, [](std::uint64_t c) {
      MisChunkInput in;
      in.colour = c;
      in.vertex.status = c != 0 ? kUndecided : kNonMember;
      return in;
    });
    const std::uint64_t chunks = level.chunks();
    VertexData<MisVertex> result;
    for (std::uint64_t p = 0; p < chunks; ++p) {
      const ClassMisProgram program{
          level.radius, p * level.chunk,
          std::min(level.chunk, level.colours - p * level.chunk), i > 0,
          level.members_relay};
      result = sim.Run(
          program, mis,
          chunks == 1 ? "bep-grid-mis-" + suffix
                      : "bep-grid-mis-" + suffix + "." + std::to_string(p));
      if (p + 1 < chunks) {
        mis = sim.Map(sim.Zip(colours, result),
                      [](const std::pair<std::uint64_t, MisVertex>& x) {
                        return MisChunkInput{x.first, x.second};
                      });
      }
    }
    if (sim.Any(result,
                [](const MisVertex& v) { return v.status == kUndecided; })) {
      throw std::logic_error("BEP-c: a member is undecided after its class");
    }
    members = sim.Map(result, [](const MisVertex& v) {
      return static_cast<std::uint8_t>(v.status == kJoined ? 1 : 0);
    });
  }

  // The masks' width follows k, so that small plans keep small states.
  const VertexData<ClusterOutput> clusters =
      plan.k <= 128
          ? sim.Run(ClusterProgram<2>{plan.beta, plan.k, plan.b}, members,
                    "bep-grid-clusters")
          : sim.Run(ClusterProgram<kBepGridMaxClusterings / 64>{plan.beta,
                                                                plan.k, plan.b},
                    members, "bep-grid-clusters");
  if (sim.Any(clusters, [](const ClusterOutput& c) { return c.error == 1; })) {
    throw std::invalid_argument(
        "BEP-c: an odd closed walk was found (an edge with equal owner and "
        "parity): the graph is not bipartite");
  }
  if (sim.Any(clusters, [](const ClusterOutput& c) { return c.error == 2; })) {
    throw std::logic_error("BEP-c: a vertex has no centre within β");
  }
  return clusters;
}

}  // namespace

FractionalOutput RunBepGrid(Simulation& sim, const Rational& epsilon) {
  const Knowledge& know = sim.knowledge();
  const BepGridPlan plan =
      MakeBepGridPlan(know.max_degree, know.id_range, epsilon);
  const VertexData<ClusterOutput> clusters = RunClusters(sim, plan);
  const std::uint32_t b = plan.b;
  if (sim.Any(clusters,
              [b](const ClusterOutput& c) { return c.colours.Count() < b; })) {
    throw std::invalid_argument(
        "BEP-c: a vertex was kept in fewer than k - B = " + Num(b) +
        " clusterings: the graph is outside the class (not a grid of "
        "dimension d = " +
        Num(plan.d) + ")");
  }
  FractionalOutput out;
  out.colors =
      sim.Map(clusters, [](const ClusterOutput& c) { return c.colours; });
  out.a = plan.a;
  out.b = plan.b;
  return out;
}

std::vector<std::uint32_t> BepGridKeptCounts(Simulation& sim,
                                             const Rational& epsilon) {
  const Knowledge& know = sim.knowledge();
  const BepGridPlan plan =
      MakeBepGridPlan(know.max_degree, know.id_range, epsilon);
  return Simulation::Release(sim.Map(
      RunClusters(sim, plan), [](const ClusterOutput& c) { return c.kept; }));
}

FractionalAlgorithm BepGridAlgorithm(const Rational& epsilon) {
  FractionalAlgorithm algorithm;
  algorithm.name = "bep-grid";
  algorithm.epsilon = epsilon;
  algorithm.rounds = BepGridRoundBound(epsilon);
  algorithm.weight_claim = [epsilon](const BoundInputs& in) {
    const BepGridPlan plan =
        MakeBepGridPlan(in.max_degree, in.id_range, epsilon);
    return Rational(plan.a, plan.b);
  };
  algorithm.constant_output = [epsilon](const BoundInputs& in) {
    const BepGridPlan plan =
        MakeBepGridPlan(in.max_degree, in.id_range, epsilon);
    return std::pair<std::uint32_t, std::uint32_t>(plan.a, plan.b);
  };
  algorithm.run = [epsilon](Simulation& sim) {
    return RunBepGrid(sim, epsilon);
  };
  return algorithm;
}

}  // namespace fcsim
