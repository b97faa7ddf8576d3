#include "algorithms/hhrs.h"

#include <algorithm>
#include <stdexcept>
#include <string>
#include <utility>

namespace fcsim {

HhrsSchedule HhrsScheduleFor(const Rational& alpha, std::uint32_t max_degree) {
  if (alpha <= 1) {
    throw std::invalid_argument("HHRS: α must be > 1, got " + alpha.ToString());
  }
  if (max_degree == 0) {
    throw std::invalid_argument("HHRS: Δ must be declared (got Δ = 0)");
  }
  const Rational frame = alpha * Rational(std::int64_t{max_degree} + 1);
  const std::uint32_t p = HhrsMinimalP(frame, max_degree);
  if (p == 0) {
    throw std::invalid_argument(
        "HHRS: no label length p <= 62 reaches measure 1 for α = " +
        alpha.ToString() + ", Δ = " + std::to_string(max_degree) +
        " (α too close to 1)");
  }
  return HhrsSchedule{p, frame};
}

void HhrsProgram::Init(Context<HhrsProgram>& ctx) const {
  if (ctx.degree() > ctx.knowledge().max_degree) {
    throw std::invalid_argument(
        "HHRS: vertex with ID " + std::to_string(ctx.id()) + " has degree " +
        std::to_string(ctx.degree()) + " above the declared Δ = " +
        std::to_string(ctx.knowledge().max_degree));
  }
  ctx.state().id = ctx.id();
  ctx.Send(ctx.id());
}

void HhrsProgram::Round(Context<HhrsProgram>& ctx) const {
  std::vector<NodeId>& ids = ctx.state().neighbor_ids;
  ids.resize(ctx.degree());
  for (Port p = 0; p < ctx.degree(); ++p) ids[p] = ctx.Received(p);
  ctx.Halt();
}

HhrsVertexOutput HhrsProgram::Finish(const State& state) const {
  return HhrsVertexOutput{state.id, state.neighbor_ids, schedule_};
}

VertexData<HhrsVertexOutput> RunHhrs(Simulation& sim, const Rational& alpha) {
  // Δ and α are global knowledge, so every vertex would compute the same
  // (p, T): computing it once here is the same function of the same inputs.
  const HhrsSchedule schedule =
      HhrsScheduleFor(alpha, sim.knowledge().max_degree);
  return sim.Run(HhrsProgram(schedule), "hhrs");
}

Verdict CheckHhrsOutputs(const Graph& graph, std::span<const NodeId> ids,
                         std::span<const HhrsVertexOutput> outputs,
                         const Rational& alpha, std::uint32_t max_degree) {
  const Vertex n = graph.num_vertices();
  if (outputs.size() != n || ids.size() != n) {
    return Verdict::Fail({ViolationKind::kMalformed,
                          "HHRS: " + std::to_string(outputs.size()) +
                              " outputs and " + std::to_string(ids.size()) +
                              " IDs for " + std::to_string(n) + " vertices"});
  }
  if (n == 0) return Verdict::Pass();
  const HhrsSchedule& schedule = outputs[0].schedule;
  for (Vertex v = 0; v < n; ++v) {
    const HhrsVertexOutput& out = outputs[v];
    if (!(out.schedule == schedule)) {
      return Verdict::Fail({ViolationKind::kMalformed,
                            "vertex " + std::to_string(v) + " uses (p, T) = (" +
                                std::to_string(out.schedule.p) + ", " +
                                out.schedule.frame.ToString() +
                                "), vertex 0 uses (" +
                                std::to_string(schedule.p) + ", " +
                                schedule.frame.ToString() + ")",
                            v});
    }
    bool consistent =
        out.id == ids[v] && out.neighbor_ids.size() == graph.degree(v);
    for (Port q = 0; consistent && q < graph.degree(v); ++q) {
      consistent = out.neighbor_ids[q] == ids[graph.neighbor(v, q)];
    }
    if (!consistent) {
      return Verdict::Fail({ViolationKind::kMalformed,
                            "vertex " + std::to_string(v) +
                                ": output IDs differ from the graph's IDs of "
                                "the vertex and its neighbours",
                            v});
    }
  }
  if (max_degree < graph.max_degree()) {
    return Verdict::Fail({ViolationKind::kMalformed,
                          "HHRS: declared Δ = " + std::to_string(max_degree) +
                              " is below the maximum degree " +
                              std::to_string(graph.max_degree())});
  }
  Verdict verdict = CheckWeight(schedule.frame,
                                alpha * Rational(std::int64_t{max_degree} + 1));
  verdict.Then(CheckHhrsSchedule(graph, ids, schedule));
  return verdict;
}

Algorithm<HhrsVertexOutput> HhrsAlgorithm(const Rational& alpha) {
  Algorithm<HhrsVertexOutput> algorithm;
  algorithm.name = "hhrs";
  algorithm.rounds = {"1", [](const BoundInputs&) { return 1; }};
  algorithm.run = [alpha](Simulation& sim) { return RunHhrs(sim, alpha); };
  algorithm.verify = [alpha](const Graph& graph, std::span<const NodeId> ids,
                             std::span<const HhrsVertexOutput> outputs,
                             const BoundInputs& inputs) {
    return CheckHhrsOutputs(graph, ids, outputs, alpha, inputs.max_degree);
  };
  return algorithm;
}

// ---------------------------------------------------------------------------
// Output size.
//
// Cells of depth L = p(m+1) are c in [0, 2^L), digit i of c being d_i (d_0
// most significant); membership f(c) depends on those digits only. The
// maximal intervals of S'_v are counted by their left ends: c = 0 when f(0),
// and every c >= 1 with f(c) and not f(c-1). Write i for the position of the
// last 1 of c: c = P 1 0..0 and c-1 = P 0 1..1 share the prefix P. A digit
// block entirely before i carries the same uniform label in both; the block
// containing i (if relevant) has a free j-bit prefix q; a block after i reads
// 0 in c and 2^p-1 in c-1. Digits before i outside the relevant blocks are
// free and only multiply the count by 2 each.

namespace {

enum class Place { kBefore, kPartial, kAfter };

// #q in [0, 2^j) with q·2^(p-j) + 2^(p-j-1) > threshold (as labels of the
// partial block in c; in c-1 the label is one less).
std::uint64_t CountPartialAbove(std::uint32_t p, std::uint32_t j,
                                std::int64_t threshold) {
  const std::int64_t step = std::int64_t{1} << (p - j);
  const std::int64_t offset = step / 2;
  const std::int64_t q_count = std::int64_t{1} << j;
  if (threshold < offset) return static_cast<std::uint64_t>(q_count);
  const std::int64_t first = (threshold - offset) / step + 1;
  return static_cast<std::uint64_t>(std::max<std::int64_t>(0, q_count - first));
}

// The number of relevant-digit assignments with f(c) and not f(c-1), for
// own/neighbour blocks placed as given (j = bits of the partial block).
mpz_class CountLeftEnds(std::uint32_t p, std::uint32_t j, Place own,
                        std::span<const Place> neighbors) {
  for (Place place : neighbors) {
    // A neighbour reading label 0 in c beats every own label: f(c) fails.
    if (place == Place::kAfter) return 0;
  }
  const std::int64_t labels = std::int64_t{1} << p;
  // Own configurations: (label in c, label in c-1).
  std::vector<std::pair<std::int64_t, std::int64_t>> configs;
  if (own == Place::kBefore) {
    for (std::int64_t l = 0; l < labels; ++l) configs.push_back({l, l});
  } else if (own == Place::kPartial) {
    const std::int64_t step = std::int64_t{1} << (p - j);
    for (std::int64_t q = 0; q < (std::int64_t{1} << j); ++q) {
      configs.push_back({q * step + step / 2, q * step + step / 2 - 1});
    }
  } else {
    configs.push_back({0, labels - 1});
  }
  mpz_class total = 0;
  for (const auto& [own_c, own_prev] : configs) {
    // f(c) and not f(c-1) = f(c) - (f(c) and f(c-1)); neighbours are
    // independent given the own configuration, so both are products.
    mpz_class all_c = 1, all_both = 1;
    for (Place place : neighbors) {
      std::uint64_t above_c = 0, above_both = 0;
      if (place == Place::kBefore) {
        above_c = static_cast<std::uint64_t>(labels - 1 - own_c);
        above_both = static_cast<std::uint64_t>(
            std::max<std::int64_t>(0, labels - 1 - std::max(own_c, own_prev)));
      } else {
        above_c = CountPartialAbove(p, j, own_c);
        above_both = CountPartialAbove(p, j, std::max(own_c, own_prev + 1));
      }
      all_c *= above_c;
      all_both *= above_both;
    }
    total += all_c - all_both;
  }
  return total;
}

mpz_class Pow2(std::uint64_t e) {
  mpz_class r = 1;
  mpz_mul_2exp(r.get_mpz_t(), r.get_mpz_t(), e);
  return r;
}

void CheckIds(NodeId id, std::span<const NodeId> neighbor_ids) {
  std::vector<NodeId> all(neighbor_ids.begin(), neighbor_ids.end());
  all.push_back(id);
  std::sort(all.begin(), all.end());
  if (all.front() == 0 ||
      std::adjacent_find(all.begin(), all.end()) != all.end()) {
    throw std::invalid_argument(
        "HHRS interval count: IDs must be positive and distinct");
  }
}

}  // namespace

mpz_class HhrsIntervalCount(std::uint32_t p, NodeId id,
                            std::span<const NodeId> neighbor_ids) {
  if (p == 0 || p > 20) {
    throw std::invalid_argument(
        "HHRS interval count: p must be in 1..20, got " + std::to_string(p));
  }
  CheckIds(id, neighbor_ids);
  // With no neighbour S'_v = [0, 1): one interval.
  if (neighbor_ids.empty()) return 1;
  std::vector<NodeId> blocks(neighbor_ids.begin(), neighbor_ids.end());
  blocks.push_back(id);
  std::sort(blocks.begin(), blocks.end());
  // κ_v has about L = p(m+1) bits; refuse IDs that would not fit in memory.
  if (blocks.back() >= (std::uint64_t{1} << 30) / p) {
    throw std::invalid_argument(
        "HHRS interval count: p(maxID+1) must stay below 2^30 bits (max ID " +
        std::to_string(blocks.back()) + ")");
  }
  const std::uint64_t length = std::uint64_t{p} * (blocks.back() + 1);
  mpz_class total = 0;  // f(0) is false: all labels are 0 in cell 0
  std::vector<Place> places(neighbor_ids.size());
  auto place_of = [&](NodeId y, std::size_t g, bool partial_g) {
    const std::size_t rank =
        std::lower_bound(blocks.begin(), blocks.end(), y) - blocks.begin();
    if (rank < g) return Place::kBefore;
    if (rank == g && partial_g) return Place::kPartial;
    return Place::kAfter;
  };
  auto count = [&](std::size_t g, bool partial_g, std::uint32_t j) {
    for (std::size_t k = 0; k < neighbor_ids.size(); ++k) {
      places[k] = place_of(neighbor_ids[k], g, partial_g);
    }
    return CountLeftEnds(p, j, place_of(id, g, partial_g), places);
  };
  for (std::size_t g = 0; g <= blocks.size(); ++g) {
    // The gap before block g (after the last block when g = blocks.size()):
    // positions [lo, hi), each with 2^(i - p·g) free prefix digits.
    const std::uint64_t lo = g == 0 ? 0 : p * (blocks[g - 1] + 1);
    const std::uint64_t hi = g < blocks.size() ? p * blocks[g] : length;
    if (lo < hi) {
      const mpz_class w = count(g, false, 0);
      if (w != 0) total += w * (Pow2(hi - p * g) - Pow2(lo - p * g));
    }
    if (g == blocks.size()) break;
    // Positions inside block g: j relevant prefix bits are enumerated as q.
    const mpz_class free_factor = Pow2(p * (blocks[g] - g));
    for (std::uint32_t j = 0; j < p; ++j) {
      const mpz_class w = count(g, true, j);
      if (w != 0) total += w * free_factor;
    }
  }
  return total;
}

std::uint64_t HhrsIntervalCountBruteForce(
    std::uint32_t p, NodeId id, std::span<const NodeId> neighbor_ids) {
  CheckIds(id, neighbor_ids);
  NodeId m = id;
  for (NodeId y : neighbor_ids) m = std::max(m, y);
  const std::uint64_t length = std::uint64_t{p} * (m + 1);
  if (p == 0 || length > 24) {
    throw std::invalid_argument("HHRS brute force: needs p(m+1) <= 24");
  }
  std::uint64_t runs = 0;
  bool previous = false;
  for (std::uint64_t c = 0; c < (std::uint64_t{1} << length); ++c) {
    auto digit = [&](std::uint64_t i) {
      return ((c >> (length - 1 - i)) & 1) != 0;
    };
    const bool inside = HhrsContains(p, id, neighbor_ids, digit);
    if (inside && !previous) ++runs;
    previous = inside;
  }
  return runs;
}

}  // namespace fcsim
