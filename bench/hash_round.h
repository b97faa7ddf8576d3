// The baseline vertex program of the benchmarks: every vertex hashes its
// neighbours' values into its state and broadcasts it, for `rounds` rounds
// (a dense round with a realistic inner loop). Shared by engine_bench (the
// engine against a hand loop) and bep_grid_bench (the algorithm's cost in
// dense-round equivalents).
#ifndef FCSIM_BENCH_HASH_ROUND_H_
#define FCSIM_BENCH_HASH_ROUND_H_

#include <cstdint>

#include "sim/engine.h"

namespace fcsim {

inline std::uint64_t Combine(std::uint64_t x, std::uint64_t y) {
  return x ^ (y + 0x9e3779b97f4a7c15ULL + (x << 6) + (x >> 2));
}

struct HashRound {
  using Input = NoInput;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;
  std::uint32_t rounds;
  void Init(Context<HashRound>& ctx) const {
    ctx.state() = ctx.id();
    ctx.Send(ctx.state());
  }
  void Round(Context<HashRound>& ctx) const {
    std::uint64_t x = ctx.state();
    for (Port p = 0; p < ctx.degree(); ++p) x = Combine(x, ctx.Received(p));
    ctx.state() = x;
    ctx.Send(x);
    if (ctx.round() == rounds) ctx.Halt();
  }
  Output Finish(const State& s) const { return s; }
};

}  // namespace fcsim

#endif  // FCSIM_BENCH_HASH_ROUND_H_
