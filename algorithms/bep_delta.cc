#include "algorithms/bep_delta.h"

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>

#include "algorithms/bep_delta_small.h"
#include "algorithms/blocks/colour_reduction.h"
#include "algorithms/blocks/linial.h"
#include "algorithms/bounds.h"

namespace fcsim {
namespace {

constexpr std::uint8_t kNoHole = 0xFF;

// Phase 0: a vertex whose degree exceeds the declared Δ flags it (0 rounds).
struct DegreeCheckProgram {
  using Input = NoInput;
  using State = std::uint8_t;
  using Message = std::uint8_t;
  using Output = std::uint8_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  void Init(Context<DegreeCheckProgram>& ctx) const {
    ctx.state() = ctx.degree() > ctx.knowledge().max_degree ? 1 : 0;
    ctx.Halt();
  }
  void Round(Context<DegreeCheckProgram>&) const {}
  Output Finish(const State& s) const { return s; }
};

// Phase 4: holes. A BFS from the centres up to depth L = 2k − 2, then an
// MIS of every even layer 2i (1 <= i < k) by c0 classes (see the header).
struct HoleMessage {
  std::uint8_t dist = 0xFF;  // distance to the nearest centre (0xFF: > L)
  std::uint8_t joined = 0;   // 1: in the MIS of its layer
};

struct HoleInput {
  std::uint8_t centre = 0;
  std::uint8_t c0 = 0;
};

struct HolesProgram {
  using Input = HoleInput;
  using Message = HoleMessage;
  using Output = std::uint8_t;  // hole index i, or kNoHole
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  static constexpr std::uint8_t kFar = 0xFF;
  static std::uint64_t MessageBits(const Message&) { return 16; }

  struct State {
    HoleMessage mine;
    std::uint8_t hole = kNoHole;
  };

  std::uint32_t depth = 0;       // L
  std::uint32_t max_degree = 3;  // Δ: c0 classes are 0..Δ

  void Init(Context<HolesProgram>& ctx) const {
    State& s = ctx.state();
    const bool centre = ctx.input().centre != 0;
    s.hole = centre ? 0 : kNoHole;
    if (depth == 0) {
      ctx.Halt();
      return;
    }
    s.mine.dist = centre ? 0 : kFar;
    if (centre) ctx.Send(s.mine);
  }

  void Round(Context<HolesProgram>& ctx) const {
    State& s = ctx.state();
    HoleMessage& me = s.mine;
    const std::uint32_t t = ctx.round();
    if (t <= depth) {
      // BFS: the distance is final when first heard (one hop per round).
      if (me.dist == kFar) {
        for (Port p = 0; p < ctx.degree(); ++p) {
          if (ctx.Received(p).dist == t - 1) {
            me.dist = static_cast<std::uint8_t>(t);
            ctx.Send(me);
            break;
          }
        }
      }
      return;
    }
    // Round depth + 1 + c: the class-c vertices of the even layers decide;
    // every layer label is visible from round depth + 1 on.
    const std::uint32_t c = t - depth - 1;
    if (me.dist != kFar && me.dist > 0 && me.dist % 2 == 0 &&
        ctx.input().c0 == c) {
      bool free = true;
      for (Port p = 0; p < ctx.degree(); ++p) {
        const HoleMessage& m = ctx.Received(p);
        if (m.dist == me.dist && m.joined != 0) free = false;
      }
      if (free) {
        me.joined = 1;
        s.hole = static_cast<std::uint8_t>(me.dist / 2);
        ctx.Send(me);
      }
    }
    if (c >= max_degree) ctx.Halt();
  }

  Output Finish(const State& s) const { return s.hole; }
};

// Phase 5a: distances to S_0..S_{k-1}, one flood of D rounds.
using Distances = std::array<std::uint16_t, kBepMaxPalettes>;
constexpr std::uint16_t kFarDistance = 0xFFFF;

struct LayersProgram {
  using Input = std::uint8_t;  // hole index or kNoHole
  using State = Distances;
  using Message = Distances;
  using Output = Distances;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t k = 1;
  std::uint64_t max_distance = 0;  // D

  void Init(Context<LayersProgram>& ctx) const {
    Distances& dist = ctx.state();
    dist.fill(kFarDistance);
    if (ctx.input() != kNoHole) dist[ctx.input()] = 0;
    if (max_distance == 0) {
      ctx.Halt();
      return;
    }
    ctx.Send(dist);
  }
  void Round(Context<LayersProgram>& ctx) const {
    Distances& dist = ctx.state();
    bool changed = false;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const Distances& m = ctx.Received(p);
      for (std::uint32_t i = 0; i < k; ++i) {
        if (m[i] != kFarDistance && m[i] + 1 < dist[i]) {
          dist[i] = static_cast<std::uint16_t>(m[i] + 1);
          changed = true;
        }
      }
    }
    if (changed) ctx.Send(dist);
    // A BFS distance is final when first set: once all k are known the
    // vertex has nothing left to do (its message stays visible).
    bool known = true;
    for (std::uint32_t i = 0; i < k; ++i)
      known = known && dist[i] != kFarDistance;
    // Known vertices sleep until round D, so that the phase takes exactly
    // D rounds on every graph (a count that depends on Δ and k only).
    if (ctx.round() >= max_distance) {
      ctx.Halt();
    } else if (known) {
      ctx.SleepUntil(static_cast<std::uint32_t>(max_distance));
    }
  }
  Output Finish(const State& s) const { return s; }
};

// Phase 5b: greedy colouring of every palette, farthest layer first, one c0
// class per round inside a layer.
struct GreedyInput {
  Distances dist{};
  std::uint8_t c0 = 0;
};
using PaletteColours = std::array<std::uint8_t, kBepMaxPalettes>;  // c + 1

struct GreedyOutput {
  ColorSet colours;
  bool complete = false;
};

struct GreedyProgram {
  using Input = GreedyInput;
  using Message = PaletteColours;
  using Output = GreedyOutput;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  struct State {
    PaletteColours colour{};
    GreedyOutput out;
  };

  std::uint32_t k = 1;
  std::uint32_t max_degree = 3;
  std::uint64_t max_distance = 0;

  // The slot of palette i, or -1 when v does not colour it (a hole, or no
  // hole of S_i within D: only in small components).
  std::int64_t Slot(const GreedyInput& in, std::uint32_t i) const {
    const std::uint16_t l = in.dist[i];
    if (l == 0 || l == kFarDistance || l > max_distance) return -1;
    // (D − ℓ)Δ + ((c0 − ℓ) mod (Δ + 1)): see the header for why a parent
    // of a different c0 class always comes strictly later.
    const std::uint64_t classes = max_degree + 1;
    const std::uint64_t shift = (in.c0 + classes - l % classes) % classes;
    return static_cast<std::int64_t>((max_distance - l) * max_degree + shift);
  }

  void Init(Context<GreedyProgram>& ctx) const { Act(ctx, 0); }
  void Round(Context<GreedyProgram>& ctx) const { Act(ctx, ctx.round()); }

  Output Finish(const State& s) const { return s.out; }

 private:
  void Act(Context<GreedyProgram>& ctx, std::uint32_t t) const {
    State& s = ctx.state();
    const GreedyInput& in = ctx.input();
    bool coloured = false;
    std::int64_t last = -1;
    std::int64_t next = std::numeric_limits<std::int64_t>::max();
    for (std::uint32_t i = 0; i < k; ++i) {
      const std::int64_t slot = Slot(in, i);
      last = std::max(last, slot);
      if (slot > static_cast<std::int64_t>(t)) next = std::min(next, slot);
      if (slot != static_cast<std::int64_t>(t)) continue;
      std::uint32_t used = 0;  // bit c: colour c taken by a neighbour
      if (t > 0) {
        for (Port p = 0; p < ctx.degree(); ++p) {
          const std::uint8_t c = ctx.Received(p)[i];
          if (c != 0) used |= 1u << (c - 1);
        }
      }
      const auto least = static_cast<std::uint32_t>(std::countr_one(used));
      if (least < max_degree) {
        s.colour[i] = static_cast<std::uint8_t>(least + 1);
        coloured = true;
      }
    }
    if (coloured) ctx.Send(s.colour);
    if (static_cast<std::int64_t>(t) >= last) {
      Complete(s, in);
      ctx.Halt();
    } else {
      // Nothing to do before the next slot; neighbours' messages persist.
      ctx.SleepUntil(static_cast<std::uint32_t>(next));
    }
  }

  void Complete(State& s, const GreedyInput& in) const {
    std::uint32_t count = 0;
    for (std::uint32_t i = 0; i < k; ++i) {
      if (in.dist[i] == 0) {
        s.out.colours.Insert(k * max_degree);  // ⋆
        ++count;
      } else if (s.colour[i] != 0) {
        s.out.colours.Insert(i * max_degree + s.colour[i] - 1);
        ++count;
      }
    }
    s.out.complete = count == k;
  }
};

std::string Num(std::uint64_t x) { return std::to_string(x); }

}  // namespace

std::uint32_t BepPalettes(const Rational& epsilon) {
  if (epsilon <= Rational(0)) {
    throw std::invalid_argument("BEP-a: ε must be positive, got " +
                                epsilon.ToString());
  }
  return static_cast<std::uint32_t>((Rational(1) / epsilon).Ceil());
}

BepDeltaPlan MakeBepDeltaPlan(std::uint64_t max_degree, NodeId id_range,
                              std::uint32_t k) {
  if (max_degree < 3) {
    throw std::invalid_argument(
        "BEP-a needs Δ >= 3 (declared Δ = " + Num(max_degree) + ")");
  }
  if (k == 0 || k > kBepMaxPalettes) {
    throw std::invalid_argument("BEP-a: k = ⌈1/ε⌉ = " + Num(k) +
                                " outside 1..16 (ε >= 1/16 supported)");
  }
  if (k * max_degree + 1 > kBepDeltaMaxColors || max_degree > 31) {
    throw std::invalid_argument("BEP-a: kΔ + 1 = " + Num(k * max_degree + 1) +
                                " colours do not fit (at most 256, Δ <= 31)");
  }
  if (id_range == 0) {
    throw std::invalid_argument("BEP-a: knowledge must declare id_range");
  }
  BepDeltaPlan plan;
  plan.k = k;
  plan.max_degree = static_cast<std::uint32_t>(max_degree);
  plan.a = k * plan.max_degree + 1;
  plan.b = k;
  plan.holes_radius = 2 * k - 2;
  plan.centres = MakeCentreParams(id_range, max_degree, k == 1 ? 1 : 4 * k - 5);
  // Every vertex is within β of S_0 = M and within max(β − 1, 4i) of S_i
  // (see the header), so D = max(β, 4k − 4) for k >= 2 and D = β for k = 1.
  plan.max_distance =
      k == 1 ? plan.centres.beta()
             : std::max<std::uint64_t>(plan.centres.beta(), 4 * k - 4);
  if (plan.max_distance >= kFarDistance) {
    throw std::invalid_argument(
        "BEP-a: layer depth D = " + Num(plan.max_distance) + " too large");
  }
  plan.linial_rounds = LinialRoundBound(id_range, max_degree);
  plan.reduction_rounds =
      ReductionRoundBound(ReductionSchedule::kFastest,
                          LinialColours(id_range, max_degree), max_degree);
  plan.small_rounds = SmallComponentRounds(k);
  // The log* term: Linial on G^r runs at most log*(id_range) + 2 steps.
  plan.power_linial_rounds =
      std::uint64_t{plan.centres.r} * (LogStar(id_range) + 2);
  plan.ruling_rounds = plan.centres.ruling_rounds();
  plan.hole_rounds =
      k == 1 ? 0 : std::uint64_t{plan.holes_radius} + max_degree + 1;
  plan.layer_rounds = plan.max_distance;
  plan.greedy_rounds = plan.max_distance * max_degree;
  return plan;
}

RoundBound BepDeltaRoundBound(std::uint32_t k) {
  return RoundBound{
      "(1+r)(log*(id)+2) + reduction(LinialColours(id,Δ)->Δ+1) + 3(4k-1) "
      "+ r*W + [k>1](2k-1+Δ) + D + D*Δ, k=" +
          Num(k) +
          ", r=max(1,4k-5), Δ_r=sum_{i=1..r} Δ(Δ-1)^(i-1), "
          "C_r=LinialFixedPoint(Δ_r) (id if Δ_r>2^20), "
          "radix b_1..b_m of C_r minimising r*W+m*r(Δ+1), W=sum(b_j-1), "
          "D=[k>1]max(r*m,4k-4)+[k=1]r*m",
      [k](const BoundInputs& in) {
        return MakeBepDeltaPlan(in.max_degree, in.id_range, k).total_rounds();
      }};
}

FractionalOutput RunBepDelta(Simulation& sim, std::uint32_t k) {
  const Knowledge& know = sim.knowledge();
  const BepDeltaPlan plan = MakeBepDeltaPlan(know.max_degree, know.id_range, k);
  const std::uint32_t delta = plan.max_degree;

  const VertexData<std::uint8_t> bad_degree =
      sim.Run(DegreeCheckProgram{}, "bep-degree-check");
  if (sim.Any(bad_degree, [](std::uint8_t b) { return b != 0; })) {
    throw std::invalid_argument(
        "BEP-a: a vertex has degree above the declared Δ = " + Num(delta));
  }

  // 1. c0, a proper (Δ+1)-colouring.
  std::optional<VertexData<std::uint64_t>> c0 = ReduceColours(
      sim, LinialColouring(sim, 1), LinialColours(know.id_range, delta), 1);

  // 2. Small components.
  std::optional<VertexData<SmallResult>> small = RunSmallComponents(sim, k);
  if (sim.Any(*small, [](const SmallResult& s) {
        return s.status == SmallStatus::kCliqueK;
      })) {
    throw std::invalid_argument("input contains K_" + Num(delta + 1) +
                                " = K_{Δ+1} (Δ=" + Num(delta) +
                                "): outside BEP-a's class");
  }

  // 3. Centres, 4. holes, 5. layers and greedy palettes. Every phase's
  // input is dropped as soon as it is consumed: at n = 10^7 the per-vertex
  // arrays are the memory peak after the G^r gathering.
  std::optional<VertexData<std::uint8_t>> holes;
  {
    const VertexData<std::uint64_t> power_colours =
        RunPowerLinial(sim, plan.centres);
    const VertexData<std::uint8_t> centres =
        RunPowerRulingSet(sim, power_colours, plan.centres);
    const VertexData<HoleInput> hole_in = sim.Map(
        sim.Zip(centres, *c0),
        [](const std::pair<std::uint8_t, std::uint64_t>& x) {
          return HoleInput{x.first, static_cast<std::uint8_t>(x.second)};
        });
    holes =
        sim.Run(HolesProgram{plan.holes_radius, delta}, hole_in, "bep-holes");
  }
  std::optional<VertexData<GreedyInput>> greedy_in;
  {
    const VertexData<Distances> layers =
        sim.Run(LayersProgram{plan.k, plan.max_distance}, *holes, "bep-layers");
    holes.reset();
    greedy_in = sim.Map(
        sim.Zip(layers, *c0), [](const std::pair<Distances, std::uint64_t>& x) {
          return GreedyInput{x.first, static_cast<std::uint8_t>(x.second)};
        });
    c0.reset();
  }
  std::optional<VertexData<GreedyOutput>> greedy =
      sim.Run(GreedyProgram{plan.k, delta, plan.max_distance}, *greedy_in,
              "bep-greedy");
  greedy_in.reset();

  // Small components output their Brooks colour in every palette.
  const VertexData<GreedyOutput> combined =
      sim.Map(sim.Zip(*small, *greedy),
              [k, delta](const std::pair<SmallResult, GreedyOutput>& x) {
                if (x.first.status != SmallStatus::kSmall) return x.second;
                GreedyOutput out;
                for (std::uint32_t i = 0; i < k; ++i) {
                  out.colours.Insert(i * delta + x.first.colour);
                }
                out.complete = true;
                return out;
              });
  small.reset();
  greedy.reset();
  if (sim.Any(combined, [](const GreedyOutput& g) { return !g.complete; })) {
    throw std::logic_error(
        "BEP-a: a vertex of a large component ended without k colours");
  }
  FractionalOutput out;
  out.colors =
      sim.Map(combined, [](const GreedyOutput& g) { return g.colours; });
  out.a = plan.a;
  out.b = plan.b;
  return out;
}

FractionalAlgorithm BepDeltaAlgorithm(const Rational& epsilon) {
  const std::uint32_t k = BepPalettes(epsilon);
  FractionalAlgorithm algorithm;
  algorithm.name = "bep-delta";
  algorithm.epsilon = epsilon;
  algorithm.rounds = BepDeltaRoundBound(k);
  algorithm.weight_claim = [k](const BoundInputs& in) {
    return Rational(in.max_degree) + Rational(1, k);
  };
  algorithm.constant_output = [k](const BoundInputs& in) {
    return std::pair<std::uint32_t, std::uint32_t>(k * in.max_degree + 1, k);
  };
  algorithm.run = [k](Simulation& sim) { return RunBepDelta(sim, k); };
  return algorithm;
}

}  // namespace fcsim
