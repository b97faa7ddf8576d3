// Running a synchronous "rule" on G (broadcast path) or on the power graph
// G^r (variable-size path), with every round of G^r costing exactly r rounds
// of G. This is the shared shell of the colour-reduction, MIS and ruling-set
// building blocks.
//
// A rule gives every vertex a 64-bit value and, in each of its steps, lets a
// vertex replace its value by a function of its input, its value and the
// values of the other vertices of its radius-r ball. Steps are synchronous:
// step k sees the values as they were after step k-1.
//
// Model: LOCAL. On G^r a vertex never reads state outside its ball: values
// travel as (ID, value) updates relayed hop by hop, and an update is relayed
// only while it has travelled fewer than r hops, so after r rounds a vertex
// has heard exactly the updates of its r-ball. Only changed values travel
// (unchanged ones are already known), which is a performance matter only.
//
// A rule R provides:
//   using Input = ...;                        // per-vertex input
//   static constexpr bool kInitialFlood;      // false: initial values are 0
//                                             // everywhere, no need to send
//   std::uint32_t steps() const;
//   std::uint64_t Initial(NodeId id, const Input&) const;
//   bool Acts(std::uint32_t k, const Input&, std::uint64_t own) const;
//   std::uint64_t Step(std::uint32_t k, const Input&, std::uint64_t own,
//                      std::span<const std::uint64_t> others) const;
//   bool Final(std::uint32_t k, const Input&, std::uint64_t own) const;
// `others` holds the values of the other ball members whose value is known
// (all of them when kInitialFlood; otherwise those that ever changed, the
// rest being 0). Final(k, ..) = true lets a vertex on G halt after step k
// (its value can no longer change); on G^r vertices keep relaying instead.
//
// Rounds: kInitialFlood ? r * steps : r * (steps - 1) (and 0 for 0 steps).
#ifndef FCSIM_ALGORITHMS_BLOCKS_POWER_ROUNDS_H_
#define FCSIM_ALGORITHMS_BLOCKS_POWER_ROUNDS_H_

#include <algorithm>
#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "sim/engine.h"

namespace fcsim {

// Rounds of G used by a rule of `steps` steps run on G^r.
inline std::uint64_t RuleRounds(std::uint32_t steps, bool initial_flood,
                                std::uint32_t r) {
  if (steps == 0) return 0;
  return std::uint64_t{r} * (initial_flood ? steps : steps - 1);
}

// The rule on G itself: values are broadcast, neighbours' latest values are
// read directly from the message buffers.
template <typename Rule>
struct DirectRuleProgram {
  using Input = typename Rule::Input;
  using State = std::uint64_t;
  using Message = std::uint64_t;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kBroadcast;

  Rule rule;

  void Init(Context<DirectRuleProgram>& ctx) const {
    std::uint64_t& value = ctx.state();
    value = rule.Initial(ctx.id(), ctx.input());
    if (rule.steps() == 0) {
      ctx.Halt();
      return;
    }
    if (Rule::kInitialFlood) {
      ctx.Send(value);
      return;
    }
    // Without an initial flood, step 0 sees every neighbour at value 0.
    Apply(ctx, 0);
  }
  void Round(Context<DirectRuleProgram>& ctx) const {
    const std::uint32_t k = ctx.round() - (Rule::kInitialFlood ? 1 : 0);
    Apply(ctx, k);
  }
  Output Finish(const State& s) const { return s; }

 private:
  void Apply(Context<DirectRuleProgram>& ctx, std::uint32_t k) const {
    std::uint64_t& value = ctx.state();
    if (rule.Acts(k, ctx.input(), value)) {
      thread_local std::vector<std::uint64_t> others;
      others.clear();
      if (ctx.round() > 0) {
        for (Port p = 0; p < ctx.degree(); ++p) {
          others.push_back(ctx.Received(p));
        }
      } else {
        others.assign(ctx.degree(), 0);
      }
      const std::uint64_t next = rule.Step(k, ctx.input(), value, others);
      if (next != value) {
        value = next;
        ctx.Send(value);
      }
    }
    if (k + 1 >= rule.steps() || rule.Final(k, ctx.input(), value)) {
      ctx.Halt();
    }
  }
};

// One relayed value: `stamp` is the round in which it was sent, so that a
// stale (persisting) message is never mistaken for a fresh one.
struct PowerUpdate {
  NodeId id = 0;
  std::uint64_t value = 0;
  std::uint32_t stamp = 0;
};

// The rule on G^r, r >= 1.
template <typename Rule>
struct PowerRuleProgram {
  using Input = typename Rule::Input;
  using Message = PowerUpdate;
  using Output = std::uint64_t;
  static constexpr MessagePath kPath = MessagePath::kVariable;

  struct Entry {
    NodeId id;
    std::uint64_t value;
    std::uint32_t heard;  // 1 + the G^r round in which it was last heard
  };
  struct State {
    std::uint64_t value = 0;
    std::vector<Entry> ball;  // sorted by ID, own entry excluded
  };

  Rule rule;
  std::uint32_t r = 1;

  void Init(Context<PowerRuleProgram>& ctx) const {
    State& s = ctx.state();
    s.value = rule.Initial(ctx.id(), ctx.input());
    if (rule.steps() == 0) {
      ctx.Halt();
      return;
    }
    if (Rule::kInitialFlood) {
      ctx.Send({PowerUpdate{ctx.id(), s.value, 0}});
      return;
    }
    Apply(ctx, 0);
  }

  void Round(Context<PowerRuleProgram>& ctx) const {
    State& s = ctx.state();
    const std::uint32_t t = ctx.round();
    const std::uint32_t power_round = (t - 1) / r;
    const std::uint32_t sub = (t - 1) % r + 1;  // 1..r
    std::vector<PowerUpdate> relay;
    for (Port p = 0; p < ctx.degree(); ++p) {
      const std::span<const PowerUpdate> in = ctx.Received(p);
      if (in.empty() || in.front().stamp != t - 1) continue;  // stale
      for (const PowerUpdate& u : in) {
        if (u.id == ctx.id()) continue;
        auto it = std::lower_bound(
            s.ball.begin(), s.ball.end(), u.id,
            [](const Entry& e, NodeId id) { return e.id < id; });
        if (it == s.ball.end() || it->id != u.id) {
          it = s.ball.insert(it, Entry{u.id, u.value, 0});
        }
        // The first arrival in this G^r round came along a shortest path;
        // later copies of the same update are dropped, not relayed.
        if (it->heard == power_round + 1) continue;
        it->heard = power_round + 1;
        it->value = u.value;
        if (sub < r) relay.push_back(PowerUpdate{u.id, u.value, t});
      }
    }
    if (sub < r) {
      if (!relay.empty()) ctx.Send(std::move(relay));
      return;
    }
    Apply(ctx, power_round + (Rule::kInitialFlood ? 0 : 1));
  }

  Output Finish(const State& s) const { return s.value; }

 private:
  void Apply(Context<PowerRuleProgram>& ctx, std::uint32_t k) const {
    State& s = ctx.state();
    if (rule.Acts(k, ctx.input(), s.value)) {
      thread_local std::vector<std::uint64_t> others;
      others.clear();
      for (const Entry& e : s.ball) others.push_back(e.value);
      const std::uint64_t next = rule.Step(k, ctx.input(), s.value, others);
      if (next != s.value) {
        s.value = next;
        ctx.Send({PowerUpdate{ctx.id(), s.value, ctx.round()}});
      }
    }
    if (k + 1 >= rule.steps()) ctx.Halt();
  }
};

// Runs `rule` on G^r (the broadcast shell when r == 1 and !force_power).
template <typename Rule>
VertexData<std::uint64_t> RunRule(Simulation& sim, const Rule& rule,
                                  const VertexData<typename Rule::Input>& in,
                                  std::uint32_t r, std::string_view name,
                                  bool force_power = false) {
  if (r == 0)
    throw std::invalid_argument(std::string(name) + ": r must be >= 1");
  if (r == 1 && !force_power) {
    return sim.Run(DirectRuleProgram<Rule>{rule}, in, name);
  }
  return sim.Run(PowerRuleProgram<Rule>{rule, r}, in, name);
}

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_BLOCKS_POWER_ROUNDS_H_
