// Exact fractional chromatic number of a small graph, with a certificate.
//
// χ_f(G) = min Σ_I λ_I  s.t.  Σ_{I ∋ v} λ_I >= 1 for every v,  λ >= 0,
// over the independent sets I of G. Its LP dual is the fractional clique
// max Σ_v y_v s.t. Σ_{v ∈ I} y_v <= 1 for every independent set I, y >= 0.
//
// Method: column generation. The restricted master LP (GLPK, glp_simplex,
// warm-started) is priced by heuristics and, when they find nothing, by an
// exact maximum-weight independent set (Östergård-style branch and bound on
// 64-bit vertex masks). At the end the master is re-solved by glp_exact
// (rational simplex), and the primal and dual are recomputed EXACTLY with
// GMP from its final basis: with B the basic columns and R the rows at
// their bound, the square nonsingular 0/1 matrix M = A[R, B] gives
// M λ_B = 1 and Mᵀ y_R = 1 (complementary slackness). The dual is then
// checked exactly: the maximum y-weight independent set is computed with
// integer weights (y scaled by the common denominator) and must be <= 1;
// if it is not, that set becomes a new column and the loop continues.
// Nothing is rounded: a certificate that fails its exact checks throws.
//
// Limits: at most 64 vertices (bit masks); intended for graphs up to ~60
// vertices. Values must fit the int64 Rational.
#ifndef FCSIM_ALGORITHMS_EXACT_CHI_F_H_
#define FCSIM_ALGORITHMS_EXACT_CHI_F_H_

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "algorithms/rational.h"
#include "sim/graph.h"

namespace fcsim {

struct WeightedIndependentSet {
  std::vector<Vertex> vertices;  // ascending
  Rational weight;               // λ_I > 0
};

struct ChiF {
  Rational value;  // χ_f(G), exact
  // Primal certificate: Σ weights = value, every vertex covered >= 1.
  std::vector<WeightedIndependentSet> primal;
  // Dual certificate (fractional clique): y_v >= 0, Σ y_v = value, every
  // independent set has y-weight <= 1.
  std::vector<Rational> dual;
  std::uint64_t columns = 0;       // columns generated in total
  std::uint64_t exact_rounds = 0;  // glp_exact solves
};

// Throws std::invalid_argument for graphs with more than 64 vertices and
// std::runtime_error (with the reason) when the LP or a certificate check
// fails.
ChiF ExactFractionalChromaticNumber(const Graph& graph);

// Independent check of a certificate: sets independent and in range,
// λ > 0, coverage >= 1, Σλ = value, y >= 0, Σy = value, and the maximum
// y-weight independent set (exact) <= 1. On failure returns false and, when
// `why` is given, stores a one-line reason.
bool CheckCertificate(const Graph& graph, const ChiF& certificate,
                      std::string* why = nullptr);

// Maximum-weight independent set for integer weights >= 0 (n <= 64):
// returns (weight, vertex mask). Exact branch and bound.
std::pair<std::int64_t, std::uint64_t> MaxWeightIndependentSet(
    const Graph& graph, std::span<const std::int64_t> weights);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_EXACT_CHI_F_H_
