// Serial checks shared by the building-block verifiers. They read only the
// graph and the per-vertex outputs, never an algorithm's internals, and
// return an empty string when the property holds, else a one-line reason
// naming the first offending vertex or edge.
#ifndef FCSIM_ALGORITHMS_BLOCKS_BLOCK_CHECKS_H_
#define FCSIM_ALGORITHMS_BLOCKS_BLOCK_CHECKS_H_

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "sim/graph.h"

namespace fcsim {

inline constexpr std::uint32_t kUnreached = ~std::uint32_t{0};

// Multi-source BFS distances (kUnreached beyond `limit` or when
// disconnected from every source).
std::vector<std::uint32_t> SerialDistances(
    const Graph& graph, std::span<const std::uint8_t> sources,
    std::uint32_t limit = kUnreached);

// Proper colouring with colours in [0, num_colours).
std::string CheckProperColouring(const Graph& graph,
                                 std::span<const std::uint64_t> colours,
                                 std::uint64_t num_colours);

// Proper colouring of the power graph G^r (vertices at distance <= r get
// different colours), colours in [0, num_colours).
std::string CheckPowerColouring(const Graph& graph,
                                std::span<const std::uint64_t> colours,
                                std::uint64_t num_colours, std::uint32_t r);

// (alpha, beta)-ruling set: members pairwise at distance >= alpha, every
// vertex within distance beta of a member. An MIS is a (2, 1)-ruling set.
std::string CheckRulingSet(const Graph& graph,
                           std::span<const std::uint8_t> members,
                           std::uint32_t alpha, std::uint32_t beta);

// Σ_{i=1..r} Δ(Δ-1)^{i-1}: the largest possible degree in G^r (saturates).
std::uint64_t PowerDegreeBound(std::uint64_t max_degree, std::uint32_t r);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_BLOCK_CHECKS_H_
