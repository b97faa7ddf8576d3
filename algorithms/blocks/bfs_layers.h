// BFS layers (flooding): every vertex learns its distance to a source set.
//
// Model: LOCAL (CONGEST-sized messages), deterministic, nothing known but
// the radius limit R. Input: 1 at sources.
// Guarantee: output = dist(v, sources) when <= R, else kUnreached.
// Rounds: at most R (exactly the eccentricity of the source set, capped at
// R). Citation: folklore (distributed BFS by flooding).
//
// Two ways for unreached vertices to stop:
//  * BfsMode::kWait: a vertex sleeps (Wait) until a neighbour sends, so a
//    round touches only the frontier and the engine's active-set path runs.
//    Every vertex must be within R of a source: a vertex that is never
//    reached would sleep forever, which the engine reports as a stall error
//    ("phase 'bfs-layers' stalled ...").
//  * BfsMode::kClock: unreached vertices stay awake and stop after round R
//    with kUnreached; correct on any input, but every round is dense.
#ifndef FCSIM_ALGORITHMS_BLOCKS_BFS_LAYERS_H_
#define FCSIM_ALGORITHMS_BLOCKS_BFS_LAYERS_H_

#include <cstdint>
#include <span>
#include <string>

#include "algorithms/blocks/block_checks.h"
#include "sim/engine.h"

namespace fcsim {

enum class BfsMode { kWait, kClock };

struct BfsLayersProgram {
  using Input = std::uint8_t;     // 1 at sources
  using State = std::uint32_t;    // distance or kUnreached
  using Message = std::uint32_t;  // 1 + the sender's distance; 0 = silent
  using Output = std::uint32_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  std::uint32_t radius = kUnreached;
  BfsMode mode = BfsMode::kWait;

  void Init(Context<BfsLayersProgram>& ctx) const;
  void Round(Context<BfsLayersProgram>& ctx) const;
  Output Finish(const State& s) const { return s; }
};

std::uint64_t BfsLayersRoundBound(std::uint32_t radius);

VertexData<std::uint32_t> BfsLayers(Simulation& sim,
                                    const VertexData<std::uint8_t>& sources,
                                    std::uint32_t radius,
                                    BfsMode mode = BfsMode::kWait);

// Verifier: distances equal a serial multi-source BFS capped at radius.
std::string VerifyBfsLayers(const Graph& graph,
                            std::span<const std::uint8_t> sources,
                            std::uint32_t radius,
                            std::span<const std::uint32_t> distances);

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_BFS_LAYERS_H_
