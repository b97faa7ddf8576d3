// Ruling sets of the power graph G^r, every round of G^r simulated by r
// rounds of G (values relayed hop by hop; nothing outside the r-ball is
// read).
//
// Model: LOCAL, deterministic. Knowledge: id_range, max_degree (Δ).
// Δ_r = Σ_{i=1..r} Δ(Δ-1)^{i-1} bounds the degree of G^r.
//
// PowerMis (an (r+1, r)-ruling set of G, i.e. an MIS of G^r):
//   Linial on G^r (K = LinialColours(id_range, Δ_r) colours), reduction to
//   Δ_r + 1 colours (ReduceColours, fastest schedule), then one colour class
//   per G^r round. Rounds: LinialRoundBound + ReductionRoundBound +
//   r · Δ_r, stated by PowerMisRoundBound.
//
// PowerRulingSet (an (r+1, r·ceil(log2 K))-ruling set):
//   Linial on G^r, then the bit-by-bit merge of Awerbuch, Goldberg, Luby and
//   Plotkin (FOCS 1989), run as DigitRulingSet with every base 2.
//   Rounds: LinialRoundBound + r · ceil(log2 K).
//
// DigitRulingSet (an (r+1, r·m)-ruling set from a proper K-colouring of
// G^r, the colour written in a mixed radix b_0, ..., b_{m-1} with
// Π b_j >= K): every vertex starts as a candidate; digit by digit, for
// value x = 0, ..., b_j − 2 in turn, every candidate whose digit j is x
// floods "candidate" r hops (fixed-size messages, relayed only when the
// hop count improves), and a candidate whose digit j exceeds x withdraws
// when such a flood reaches it. Why it is a ruling set: two survivors
// within distance r differ in some digit j, and the one with the larger
// digit heard the other's flood while both were candidates; a vertex that
// withdraws at digit j has, within r, a candidate of value x, which cannot
// withdraw later in digit j (only larger values do), so chains of
// withdrawals have at most m links. Base 2 everywhere is AGLP's bit merge.
// Rounds: r · Σ_j (b_j − 1); domination β = r · m. Larger bases trade
// rounds for a smaller β (BEP-a picks the bases that minimise its total).
// Citation: Awerbuch, Goldberg, Luby, Plotkin, "Network decomposition and
// locality in distributed computation", FOCS 1989; Linial 1992.
#ifndef FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_
#define FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "sim/engine.h"

namespace fcsim {

std::uint64_t PowerMisRoundBound(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r);
VertexData<std::uint8_t> PowerMis(Simulation& sim, std::uint32_t r);

// Domination distance β (in hops of G) of PowerRulingSet.
std::uint32_t PowerRulingSetBeta(std::uint64_t id_range,
                                 std::uint64_t max_degree, std::uint32_t r);
std::uint64_t PowerRulingSetRoundBound(std::uint64_t id_range,
                                       std::uint64_t max_degree,
                                       std::uint32_t r);
// The bit-merge step alone, from a proper K-colouring of G^r: DigitRulingSet
// with BinaryDigits(K) (one program for every r >= 1).
VertexData<std::uint8_t> RulingSetFromColouring(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    std::uint64_t num_colours, std::uint32_t r);
VertexData<std::uint8_t> PowerRulingSet(Simulation& sim, std::uint32_t r);

// A mixed radix for colours 0..colours-1: digit j has base bases[j] >= 2.
struct RulingDigits {
  std::vector<std::uint32_t> bases;
  std::uint64_t colours = 0;
  std::uint64_t windows() const;  // Σ (b_j − 1)
  std::uint32_t digits() const {
    return static_cast<std::uint32_t>(bases.size());
  }
};
// Base 2 throughout (AGLP): ceil(log2 K) digits.
RulingDigits BinaryDigits(std::uint64_t colours);
// The radix minimising  windows · r + digits · digit_cost  (in rounds of
// G): for each digit count m the most balanced bases with Π b_j >= K.
RulingDigits CheapestDigits(std::uint64_t colours, std::uint32_t r,
                            std::uint64_t digit_cost);
// Rounds of G (r · windows) and domination distance (r · digits).
std::uint64_t DigitRulingSetRounds(const RulingDigits& digits, std::uint32_t r);
std::uint64_t DigitRulingSetBeta(const RulingDigits& digits, std::uint32_t r);
// From a proper colouring of G^r with colours < digits.colours; output 1
// for members. Fixed-size broadcast messages, any r >= 1 (r <= 250).
VertexData<std::uint8_t> DigitRulingSet(
    Simulation& sim, const VertexData<std::uint64_t>& colours,
    const RulingDigits& digits, std::uint32_t r, std::string_view name);

// Verifier: members pairwise at distance >= alpha, everyone within beta.
std::string VerifyRulingSet(const Graph& graph,
                            std::span<const std::uint8_t> members,
                            std::uint32_t alpha, std::uint32_t beta);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_RULING_SET_H_
