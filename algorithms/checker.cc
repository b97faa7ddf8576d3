#include "algorithms/checker.h"

#include <tbb/blocked_range.h>
#include <tbb/parallel_reduce.h>

#include <algorithm>
#include <functional>
#include <map>
#include <vector>

namespace fcsim {
namespace {

// The smallest v in [0, n) for which first_bad(v) returns a violation, and
// that violation. first_bad must be a pure function of v.
std::optional<Violation> FirstOver(
    Vertex n,
    const std::function<std::optional<Violation>(Vertex)>& first_bad) {
  using Found = std::pair<Vertex, std::optional<Violation>>;
  const Found none{kNoVertex, std::nullopt};
  const Found best = tbb::parallel_reduce(
      tbb::blocked_range<Vertex>(0, n, 256), none,
      [&](const tbb::blocked_range<Vertex>& r, Found acc) {
        for (Vertex v = r.begin(); v != r.end() && v < acc.first; ++v) {
          std::optional<Violation> bad = first_bad(v);
          if (bad) return Found{v, std::move(bad)};
        }
        return acc;
      },
      [](const Found& x, const Found& y) {
        return x.first <= y.first ? x : y;
      });
  return best.second;
}

Violation Make(ViolationKind kind, std::string message,
               Vertex vertex = kNoVertex, Vertex other = kNoVertex,
               std::int64_t color = -1) {
  return Violation{kind, std::move(message), vertex, other, color};
}

std::string EdgeName(Vertex u, Vertex v) {
  return "edge (" + std::to_string(u) + ", " + std::to_string(v) + ")";
}

}  // namespace

std::string_view ViolationKindName(ViolationKind kind) {
  switch (kind) {
    case ViolationKind::kMalformed:
      return "malformed";
    case ViolationKind::kColorOutOfRange:
      return "colour out of range";
    case ViolationKind::kTooFewColors:
      return "too few colours";
    case ViolationKind::kSharedColor:
      return "shared colour";
    case ViolationKind::kBadInterval:
      return "bad interval";
    case ViolationKind::kMeasureTooSmall:
      return "measure too small";
    case ViolationKind::kOverlap:
      return "overlap";
    case ViolationKind::kDuplicateId:
      return "duplicate id";
    case ViolationKind::kWeightExceeded:
      return "weight exceeded";
    case ViolationKind::kOutputNotConstant:
      return "output not constant";
    case ViolationKind::kRoundsExceeded:
      return "rounds exceeded";
    case ViolationKind::kNonLocal:
      return "non-local";
    case ViolationKind::kVerifierFailed:
      return "verifier failed";
  }
  return "unknown";
}

Verdict& Verdict::Then(const Verdict& next) {
  if (passed() && !next.passed()) violation = next.violation;
  return *this;
}

std::string Verdict::ToString() const {
  if (passed()) return "PASS";
  return "FAIL: " + std::string(ViolationKindName(violation->kind)) + ": " +
         violation->message;
}

namespace {

// CheckABColoring over the first `checked` vertices of `graph`, naming
// vertex v as name[v] (v itself when `name` is empty): vertex checks on
// those vertices, edge checks on their edges {u, v} with name[u] < name[v].
Verdict CheckABColoringOver(const Graph& graph, const ABColoring& coloring,
                            Vertex checked, std::span<const Vertex> name) {
  const Vertex n = graph.num_vertices();
  if (coloring.num_vertices() != n) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "colouring has " +
                                  std::to_string(coloring.num_vertices()) +
                                  " vertices, graph has " + std::to_string(n)));
  }
  if (coloring.b() == 0) {
    return Verdict::Fail(Make(ViolationKind::kMalformed, "b = 0"));
  }
  auto named = [&](Vertex v) { return name.empty() ? v : name[v]; };
  const std::uint32_t a = coloring.a(), b = coloring.b();
  auto vertex_bad = [&](Vertex v) -> std::optional<Violation> {
    if (coloring.Bound(v) > a) {
      // Smallest colour >= a.
      std::int64_t bad = -1;
      coloring.ForEach(v, [&](std::uint32_t c) {
        if (bad < 0 && c >= a) bad = c;
      });
      return Make(
          ViolationKind::kColorOutOfRange,
          "vertex " + std::to_string(named(v)) + " has colour " +
              std::to_string(bad) + " outside 0.." +
              (a == 0 ? std::string("-1 (a = 0)") : std::to_string(a - 1)),
          named(v), kNoVertex, bad);
    }
    const std::uint32_t count = coloring.Count(v);
    if (count < b) {
      return Make(ViolationKind::kTooFewColors,
                  "vertex " + std::to_string(named(v)) + " has " +
                      std::to_string(count) + " colours, needs " +
                      std::to_string(b),
                  named(v));
    }
    return std::nullopt;
  };
  if (auto bad = FirstOver(checked, vertex_bad)) return Verdict::Fail(*bad);
  auto edge_bad = [&](Vertex u) -> std::optional<Violation> {
    // Neighbour lists may be in any order: take the smallest v > u.
    Vertex best = kNoVertex;
    std::uint32_t colour = 0;
    for (Vertex v : graph.neighbors(u)) {
      if (named(v) <= named(u) || named(v) >= best) continue;
      if (auto c = coloring.FirstCommon(u, v)) {
        best = named(v);
        colour = *c;
      }
    }
    if (best == kNoVertex) return std::nullopt;
    return Make(
        ViolationKind::kSharedColor,
        EdgeName(named(u), best) + " shares colour " + std::to_string(colour),
        named(u), best, colour);
  };
  if (auto bad = FirstOver(checked, edge_bad)) return Verdict::Fail(*bad);
  return Verdict::Pass();
}

}  // namespace

Verdict CheckABColoring(const Graph& graph, const ABColoring& coloring) {
  return CheckABColoringOver(graph, coloring, graph.num_vertices(), {});
}

Verdict CheckABColoringPart(const Graph& part, const ABColoring& coloring,
                            Vertex num_owned, std::span<const Vertex> global) {
  if (global.size() != part.num_vertices() || num_owned > global.size()) {
    return Verdict::Fail(
        Make(ViolationKind::kMalformed, "partition and colouring disagree"));
  }
  return CheckABColoringOver(part, coloring, num_owned, global);
}

Verdict CheckProperColoring(const Graph& graph,
                            std::span<const std::uint32_t> colors,
                            std::uint32_t k) {
  if (colors.size() != graph.num_vertices()) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "colouring has " + std::to_string(colors.size()) +
                                  " vertices, graph has " +
                                  std::to_string(graph.num_vertices())));
  }
  return CheckABColoring(graph, ABColoring::FromProperColoring(colors, k));
}

Verdict CheckSchedule(const Graph& graph, const IntervalSchedule& schedule) {
  const Vertex n = graph.num_vertices();
  if (schedule.num_vertices() != n) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "schedule has " +
                                  std::to_string(schedule.num_vertices()) +
                                  " vertices, graph has " + std::to_string(n)));
  }
  const Rational& frame = schedule.frame();
  if (frame <= 0) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "frame T = " + frame.ToString() + " is not > 0"));
  }
  auto vertex_bad = [&](Vertex v) -> std::optional<Violation> {
    for (const Interval& i : schedule.intervals(v)) {
      if (!(0 <= i.lo && i.lo < i.hi && i.hi <= frame)) {
        return Make(ViolationKind::kBadInterval,
                    "vertex " + std::to_string(v) + " has interval [" +
                        i.lo.ToString() + ", " + i.hi.ToString() +
                        ") not inside [0, " + frame.ToString() + ")",
                    v);
      }
    }
    const Rational measure = UnionMeasure(schedule.intervals(v));
    if (measure < 1) {
      return Make(ViolationKind::kMeasureTooSmall,
                  "vertex " + std::to_string(v) + " has measure " +
                      measure.ToString() + ", needs 1",
                  v);
    }
    return std::nullopt;
  };
  if (auto bad = FirstOver(n, vertex_bad)) return Verdict::Fail(*bad);
  auto edge_bad = [&](Vertex u) -> std::optional<Violation> {
    const std::vector<Interval> mine =
        NormalizeIntervals(schedule.intervals(u));
    Vertex best = kNoVertex;
    Rational point = 0;
    for (Vertex v : graph.neighbors(u)) {
      if (v <= u || v >= best) continue;
      const std::vector<Interval> theirs =
          NormalizeIntervals(schedule.intervals(v));
      // Two-pointer sweep over the sorted disjoint lists.
      std::size_t i = 0, j = 0;
      while (i < mine.size() && j < theirs.size()) {
        const Rational lo = std::max(mine[i].lo, theirs[j].lo);
        const Rational hi = std::min(mine[i].hi, theirs[j].hi);
        if (lo < hi) {
          best = v;
          point = lo;
          break;
        }
        if (mine[i].hi <= theirs[j].hi) {
          ++i;
        } else {
          ++j;
        }
      }
    }
    if (best == kNoVertex) return std::nullopt;
    return Make(ViolationKind::kOverlap,
                EdgeName(u, best) + " overlaps from time " + point.ToString(),
                u, best);
  };
  if (auto bad = FirstOver(n, edge_bad)) return Verdict::Fail(*bad);
  return Verdict::Pass();
}

Verdict CheckHhrsSchedule(const Graph& graph, std::span<const NodeId> ids,
                          const HhrsSchedule& schedule) {
  const Vertex n = graph.num_vertices();
  if (ids.size() != n) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "ids has " + std::to_string(ids.size()) +
                                  " entries, graph has " + std::to_string(n)));
  }
  if (schedule.p < 1 || schedule.p > 62 || schedule.frame <= 0) {
    return Verdict::Fail(
        Make(ViolationKind::kMalformed,
             "HHRS schedule needs 1 <= p <= 62 and T > 0 (p = " +
                 std::to_string(schedule.p) +
                 ", T = " + schedule.frame.ToString() + ")"));
  }
  NodeId max_id = 0;
  for (NodeId id : ids) max_id = std::max(max_id, id);
  // Digit positions go up to p(maxID+1)-1; they must be addressable.
  if (max_id >= UINT64_MAX / schedule.p - 1) {
    return Verdict::Fail(Make(ViolationKind::kMalformed,
                              "HHRS digit positions p(maxID+1) overflow 64 "
                              "bits"));
  }
  auto edge_bad = [&](Vertex u) -> std::optional<Violation> {
    for (Vertex v : graph.neighbors(u)) {
      if (v > u && ids[u] == ids[v]) {
        return Make(ViolationKind::kDuplicateId,
                    EdgeName(u, v) + " has equal IDs " + std::to_string(ids[u]),
                    u, v);
      }
    }
    return std::nullopt;
  };
  if (auto bad = FirstOver(n, edge_bad)) return Verdict::Fail(*bad);
  // One exact measure per distinct degree, with its first vertex.
  std::map<Port, Vertex> degrees;
  for (Vertex v = 0; v < n; ++v) degrees.emplace(graph.degree(v), v);
  for (const auto& [d, v] : degrees) {
    const mpq_class measure = HhrsMeasure(schedule, d);
    if (measure < 1) {
      return Verdict::Fail(
          Make(ViolationKind::kMeasureTooSmall,
               "vertex " + std::to_string(v) + " of degree " +
                   std::to_string(d) + " has measure " + measure.get_str() +
                   " (~" + std::to_string(measure.get_d()) + "), needs 1",
               v));
    }
  }
  return Verdict::Pass();
}

Verdict CheckRounds(std::uint64_t rounds, std::uint64_t bound,
                    std::string_view formula) {
  if (rounds <= bound) return Verdict::Pass();
  return Verdict::Fail(
      Make(ViolationKind::kRoundsExceeded,
           "rounds " + std::to_string(rounds) + " exceed the declared bound " +
               std::to_string(bound) + " = " + std::string(formula)));
}

Verdict CheckWeight(const Rational& weight, const Rational& claim) {
  if (weight <= claim) return Verdict::Pass();
  return Verdict::Fail(
      Make(ViolationKind::kWeightExceeded, "weight " + weight.ToString() +
                                               " exceeds the claimed bound " +
                                               claim.ToString()));
}

Verdict CheckConstantOutput(std::uint32_t a, std::uint32_t b,
                            std::pair<std::uint32_t, std::uint32_t> declared) {
  if (a == declared.first && b == declared.second) return Verdict::Pass();
  return Verdict::Fail(
      Make(ViolationKind::kOutputNotConstant,
           "output is " + std::to_string(a) + ":" + std::to_string(b) +
               " but the declared constant-size output f(Δ, ε) is " +
               std::to_string(declared.first) + ":" +
               std::to_string(declared.second)));
}

Verdict CheckLocality(const AuditReport& report) {
  if (report.ok()) return Verdict::Pass();
  const Vertex v =
      *std::min_element(report.mismatches.begin(), report.mismatches.end());
  return Verdict::Fail(Make(
      ViolationKind::kNonLocal,
      "vertex " + std::to_string(v) + " output changes when the algorithm " +
          "runs on its radius-" + std::to_string(report.radius) +
          " ball alone (" + std::to_string(report.mismatches.size()) + " of " +
          std::to_string(report.audited) + " audited vertices differ)",
      v));
}

}  // namespace fcsim
