// The synchronous LOCAL round engine.
//
// Contract (see docs/engine.md):
//  * A vertex program sees only its Context: its own state and input, its ID,
//    its degree and ports, the messages received this round, the declared
//    global knowledge, the round number within the phase, and a random stream
//    that is a pure function of (seed, ID, phase, round, draw). The Context
//    holds no reference to the graph, to other vertices' state or to global
//    counters, so a program cannot reach them through its types.
//  * A message sent in round r (or in Init, "round 0") is received in round
//    r+1. The engine counts rounds; programs never do.
//  * Three message paths: broadcast of a fixed-size message (double-buffered,
//    the fast default), per-port fixed-size messages, and variable-size
//    broadcast messages. A message persists until its sender replaces it; a
//    halted vertex keeps showing its last message.
//  * A vertex may Halt() (its output is final), Wait() (sleep until some
//    neighbour sends) or SleepUntil(r) (sleep until round r of the phase).
//    NeighbourSent(p) tells whether the neighbour on port p sent in the
//    previous round. Rounds in which few vertices act run over an explicit
//    active set; the result is the same as a dense round by construction.
//  * Phases compose: Run() maps per-vertex inputs to per-vertex outputs held
//    in opaque VertexData; the driver cannot index them by vertex.
//  * Results and the deterministic RunStats fields are identical for any
//    thread count: every vertex writes only its own slots and counters are
//    integer sums.
//  * Distributed mode (a LocalPart and a Communicator, see sim/partition.h
//    and docs/mpi.md): the same phases run on one rank's owned vertices; after
//    every round one halo exchange sends the boundary vertices that sent
//    (their message(s) and send flag) to the ranks holding them as ghosts,
//    and one allreduce sums the round's counters, so that every decision
//    (termination, stall, sparse or dense, RunStats) is the global one: the
//    results equal the single-process engine's bit for bit.
#ifndef FCSIM_SIM_ENGINE_H_
#define FCSIM_SIM_ENGINE_H_

#include <tbb/blocked_range.h>
#include <tbb/enumerable_thread_specific.h>
#include <tbb/parallel_for.h>
#include <tbb/parallel_sort.h>
#include <tbb/task_arena.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <concepts>
#include <cstdint>
#include <cstring>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "sim/comm.h"
#include "sim/graph.h"
#include "sim/ids.h"
#include "sim/partition.h"
#include "sim/rng.h"
#include "sim/stats.h"

namespace fcsim {

enum class MessagePath { kBroadcast, kPerPort, kVariable };

// What an algorithm may declare that every vertex knows. Fields left at 0 are
// not declared. The same object is handed to the re-runs of the locality
// audit, so that a ball is simulated with the original global knowledge.
struct Knowledge {
  std::uint64_t n = 0;  // number of vertices, or an upper bound
  Port max_degree = 0;  // Δ, or an upper bound
  NodeId id_range = 0;  // every ID lies in 1..id_range
};

// Thrown for a run that cannot complete: round limit, stall, bad options.
class SimulationError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct SimOptions {
  int threads = 1;                      // worker threads (>= 1)
  std::uint64_t seed = 1;               // seed of every random stream
  std::uint32_t max_rounds = 1u << 20;  // per phase; exceeding it is an error
  // A round runs over an explicit active set when the vertices that may act
  // are fewer than n / sparse_divisor (0 disables active-set execution).
  std::uint32_t sparse_divisor = 20;
  // Count runs of empty rounds (nobody awake, no message in flight, every
  // sleeper due later) without executing them. Off only to test that it
  // changes nothing.
  bool skip_empty_rounds = true;
  // Called after every round (from the driving thread), e.g. for progress.
  std::function<void(std::string_view phase, std::uint32_t round,
                     std::uint64_t active)>
      on_round;
};

// Per-vertex data produced by a phase. Opaque to algorithm drivers: only the
// Simulation reads it, so per-vertex outputs cannot be combined globally
// between phases.
template <typename T>
class VertexData {
 public:
  VertexData() = default;
  std::size_t size() const { return values_.size(); }

 private:
  friend class Simulation;
  template <typename U>
  friend class VertexData;
  explicit VertexData(std::vector<T> values) : values_(std::move(values)) {}
  std::vector<T> values_;
};

struct NoInput {
  bool operator==(const NoInput&) const = default;
};

template <typename P>
concept VertexProgram = requires {
  typename P::Input;
  typename P::State;
  typename P::Message;
  typename P::Output;
  { P::kPath } -> std::convertible_to<MessagePath>;
}
&&std::is_trivially_copyable_v<typename P::Message>&&
    std::is_default_constructible_v<typename P::State>;

// A program that declares `static constexpr bool kTimedWaits = true` may
// call Context::WaitUntil (the engine then keeps one deadline per vertex).
template <typename P>
concept TimedWaits = requires {
  requires P::kTimedWaits;
};

namespace internal {
template <typename P>
class PhaseRunner;

template <typename P>
std::uint64_t BitsOf(const typename P::Message& m) {
  if constexpr (requires { P::MessageBits(m); }) {
    return P::MessageBits(m);
  } else {
    (void)m;
    return sizeof(typename P::Message) * 8;
  }
}
}  // namespace internal

// What a vertex program sees in Init (round 0) and in every Round.
template <typename P>
class Context {
 public:
  using Message = typename P::Message;

  NodeId id() const { return id_; }
  Port degree() const { return degree_; }
  std::uint32_t round() const { return round_; }
  const Knowledge& knowledge() const { return *knowledge_; }
  const typename P::Input& input() const { return *input_; }
  typename P::State& state() { return *state_; }
  RandomStream& rng() {
    if (!rng_ready_) {
      rng_ = RandomStream(seed_, id(), phase_, round_);
      rng_ready_ = true;
    }
    return rng_;
  }

  // The message that arrived on port p this round (the neighbour's latest
  // message; a default-constructed one if it never sent in this phase).
  decltype(auto) Received(Port p) const {
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      return static_cast<const Message&>(bcast_cur_[neighbours_[p]]);
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      return static_cast<const Message&>(port_cur_[incoming_[p]]);
    } else {
      const auto& vec = var_cur_[neighbours_[p]];
      return std::span<const Message>(vec.data(), vec.size());
    }
  }

  // Broadcast: the message this vertex's neighbours see from it this round
  // (its last Send, or a default-constructed one). A vertex knows what it
  // sent, so a program whose state is its message may keep an empty State.
  const Message& LastSent() const
      requires(P::kPath == MessagePath::kBroadcast) {
    return bcast_cur_[self_];
  }

  // Whether the neighbour on port p sent in the previous round (for a
  // per-port program: sent on any of its ports). False in Init. A LOCAL
  // vertex knows this: it is whether a message arrived on p.
  bool NeighbourSent(Port p) const {
    return sent_prev_ != nullptr && sent_prev_[neighbours_[p]] != 0;
  }

  // Broadcast: the same message to every neighbour, received next round.
  void Send(const Message& m) requires(P::kPath == MessagePath::kBroadcast) {
    *bcast_out_ = m;
    sent_ = true;
    sent_messages_ = degree_;
    bits_ = internal::BitsOf<P>(m);
  }
  // Variable-size broadcast.
  void Send(std::vector<Message> m) requires(P::kPath ==
                                             MessagePath::kVariable) {
    bits_ = m.size() * sizeof(Message) * 8;
    *var_out_ = std::move(m);
    sent_ = true;
    sent_messages_ = degree_;
  }
  // Per-port: a message on port p only. Ports not written this round keep
  // their previous message.
  void SendTo(Port p,
              const Message& m) requires(P::kPath == MessagePath::kPerPort) {
    if (!sent_) {
      std::copy_n(port_cur_ + edge_begin_, degree_, port_next_ + edge_begin_);
      sent_ = true;
    }
    port_next_[edge_begin_ + p] = m;
    ++sent_messages_;
    const std::uint64_t b = internal::BitsOf<P>(m);
    port_bits_ += b;
    if (b > bits_) bits_ = b;
  }

  // The vertex's output is final; Round is not called again in this phase.
  void Halt() { status_ = kHalted; }
  // Sleep until some neighbour sends a message (Round is then called again).
  void Wait() { status_ = kWaiting; }
  // Sleep until round r of this phase: Round is not called before round r,
  // whatever arrives, and is called in round r (reading then the latest
  // message of each neighbour). r <= round() + 1 means "stay awake".
  void SleepUntil(std::uint32_t r) {
    if (r > round_ + 1) {
      status_ = kSleeping;
      wake_round_ = r;
    } else {
      status_ = kAwake;
    }
  }
  // Wait with a deadline: Round is called again in the first round in which
  // a neighbour sent (as for Wait) or in round r, whichever comes first.
  // r <= round() + 1 means "stay awake".
  void WaitUntil(std::uint32_t r) requires TimedWaits<P> {
    if (r > round_ + 1) {
      status_ = kWaiting;
      wake_round_ = r;
    } else {
      status_ = kAwake;
    }
  }

 private:
  friend class internal::PhaseRunner<P>;
  static constexpr std::uint8_t kAwake = 0, kWaiting = 1, kHalted = 2,
                                kSleeping = 3;

  Context() : rng_(0, 0, 0, 0) {}

  // Per-vertex fields: pointers resolved once per vertex, so that the
  // accessors a program calls in its inner loops are one load each.
  Vertex self_ = 0;
  NodeId id_ = 0;
  Port degree_ = 0;
  EdgeIndex edge_begin_ = 0;
  const Vertex* neighbours_ = nullptr;   // the vertex's adjacency row
  const EdgeIndex* incoming_ = nullptr;  // per-port: incoming edge slots
  const typename P::Input* input_ = nullptr;
  typename P::State* state_ = nullptr;
  std::uint8_t status_ = kAwake;
  bool sent_ = false;
  bool rng_ready_ = false;
  std::uint32_t wake_round_ = 0;
  std::uint64_t sent_messages_ = 0;
  std::uint64_t bits_ = 0;       // bits of the (largest) message sent
  std::uint64_t port_bits_ = 0;  // per-port: total bits sent
  Message* bcast_out_ = nullptr;
  std::vector<Message>* var_out_ = nullptr;
  RandomStream rng_;

  // Per-round fields, shared by all vertices.
  std::uint32_t round_ = 0;
  std::uint32_t phase_ = 0;
  std::uint64_t seed_ = 0;
  const Knowledge* knowledge_ = nullptr;
  const std::uint8_t* sent_prev_ = nullptr;  // sent flags of round - 1
  const Message* bcast_cur_ = nullptr;
  const Message* port_cur_ = nullptr;
  Message* port_next_ = nullptr;
  const std::vector<Message>* var_cur_ = nullptr;
};

class Simulation {
 public:
  // `ids` must hold a unique positive ID per vertex; both must outlive this.
  Simulation(const Graph& graph, std::span<const NodeId> ids,
             Knowledge knowledge, SimOptions options);
  // Distributed: this rank's part of a partitioned graph; `ids` holds the
  // IDs of its local vertices (owned, then ghosts). part and comm must
  // outlive this; every rank constructs its Simulation and runs the same
  // driver (the calls below are collective).
  Simulation(const LocalPart& part, Communicator& comm,
             std::span<const NodeId> ids, Knowledge knowledge,
             SimOptions options);

  bool distributed() const { return part_ != nullptr; }
  // Vertices this rank runs (all of them in a single-process simulation).
  Vertex num_owned() const { return num_owned_; }

  const Knowledge& knowledge() const { return knowledge_; }
  const RunStats& stats() const { return stats_; }
  int threads() const { return options_.threads; }

  // Runs one phase of `program` on every vertex, from `input`.
  template <VertexProgram P>
  VertexData<typename P::Output> Run(const P& program,
                                     const VertexData<typename P::Input>& input,
                                     std::string_view phase_name);
  template <VertexProgram P>
  requires std::same_as<typename P::Input, NoInput>
      VertexData<typename P::Output> Run(const P& program,
                                         std::string_view phase_name) {
    return Run(program, Constant(NoInput{}), phase_name);
  }

  // The same value at every vertex.
  template <typename T>
  VertexData<T> Constant(const T& value) const {
    return VertexData<T>(std::vector<T>(graph_.num_vertices(), value));
  }
  // A purely local transformation: f sees one vertex's value, nothing else.
  template <typename T, typename F>
  auto Map(const VertexData<T>& data, F f) const
      -> VertexData<std::invoke_result_t<F, const T&>> {
    using U = std::invoke_result_t<F, const T&>;
    std::vector<U> out(data.values_.size());
    Parallel([&](Vertex v) { out[v] = f(data.values_[v]); });
    return VertexData<U>(std::move(out));
  }
  // Pairs two per-vertex values at each vertex.
  template <typename A, typename B>
  VertexData<std::pair<A, B>> Zip(const VertexData<A>& a,
                                  const VertexData<B>& b) const {
    std::vector<std::pair<A, B>> out(a.values_.size());
    Parallel([&](Vertex v) { out[v] = {a.values_[v], b.values_[v]}; });
    return VertexData<std::pair<A, B>>(std::move(out));
  }
  // Termination detection for drivers that repeat phases until every vertex
  // is done: true when pred holds at some vertex. This only decides when the
  // simulation stops, as individual halting would; it feeds no vertex.
  template <typename T, typename Pred>
  bool Any(const VertexData<T>& data, Pred pred) const {
    std::atomic<bool> found{false};
    Parallel([&](Vertex v) {
      if (!found.load(std::memory_order_relaxed) && pred(data.values_[v])) {
        found = true;
      }
    });
    if (comm_ != nullptr) {
      std::uint64_t any = found ? 1 : 0;
      comm_->AllreduceMax(std::span<std::uint64_t>(&any, 1));
      return any != 0;
    }
    return found;
  }
  // Hands the final per-vertex outputs to the harness (end of an algorithm).
  template <typename T>
  static std::vector<T> Release(VertexData<T>&& data) {
    return std::move(data.values_);
  }
  template <typename T>
  static VertexData<T> Wrap(std::vector<T> values) {
    return VertexData<T>(std::move(values));
  }

  // Runs body(v) for every (owned) vertex inside this simulation's thread
  // arena.
  template <typename F>
  void Parallel(F&& body) const {
    arena_->execute([&] {
      tbb::parallel_for(tbb::blocked_range<Vertex>(0, num_owned_, kGrain),
                        [&](const tbb::blocked_range<Vertex>& r) {
                          for (Vertex v = r.begin(); v != r.end(); ++v) body(v);
                        });
    });
  }
  template <typename F>
  void ParallelRanges(std::size_t n, F&& body) const {
    arena_->execute([&] {
      tbb::parallel_for(tbb::blocked_range<std::size_t>(0, n, kGrain), body);
    });
  }

  static constexpr std::size_t kGrain = 1024;

 private:
  template <typename P>
  friend class internal::PhaseRunner;

  void CheckOptions();

  const Graph& graph_;
  std::span<const NodeId> ids_;
  Knowledge knowledge_;
  SimOptions options_;
  std::unique_ptr<tbb::task_arena> arena_;
  RunStats stats_;
  const LocalPart* part_ = nullptr;
  Communicator* comm_ = nullptr;
  Vertex num_owned_ = 0;
  std::uint64_t global_n_ = 0;
};

namespace internal {

// Executes one phase. Holds the message buffers and the active-set lists.
template <typename P>
class PhaseRunner {
 public:
  using Ctx = Context<P>;
  using Message = typename P::Message;
  using State = typename P::State;
  using Output = typename P::Output;

  // Broadcast messages without a MessageBits hook all have the same size, so
  // a round's messages and bits follow from its senders' degrees: the loops
  // count senders and degrees per task, not messages and bits per vertex.
  static constexpr bool kFixedBits =
      P::kPath == MessagePath::kBroadcast && !requires(const Message& m) {
    P::MessageBits(m);
  };
  static constexpr std::uint64_t kMessageBits = sizeof(Message) * 8;
  // A program with an empty State (e.g. one that keeps its state in its
  // broadcast message, read back with LastSent) gets one shared State object
  // instead of an array of n.
  static constexpr bool kEmptyState = std::is_empty_v<State>;
  // Timed waits: a vertex may have a stale sleep-bucket entry (it waited
  // with a deadline and a message woke it first), so a bucket entry wakes
  // its vertex only if the vertex's current deadline is that round.
  static constexpr bool kTimed = TimedWaits<P>;

  PhaseRunner(Simulation& sim, const P& program,
              const std::vector<typename P::Input>& input, std::string name)
      : sim_(sim),
        g_(sim.graph_),
        program_(program),
        input_(input),
        n_(g_.num_vertices()),
        n_own_(sim.num_owned_),
        global_n_(sim.global_n_),
        part_(sim.part_),
        comm_(sim.comm_),
        offsets_(g_.offsets().data()),
        adjacency_(g_.adjacency().data()),
        ids_(sim.ids_.data()) {
    stats_.name = std::move(name);
    phase_index_ = static_cast<std::uint32_t>(sim.stats_.phases.size());
  }

  std::vector<Output> Execute() {
    const auto start = std::chrono::steady_clock::now();
    state_.assign(kEmptyState ? 1 : n_, State{});
    status_.assign(n_, Ctx::kAwake);
    if constexpr (kTimed) deadline_.assign(n_, 0);
    // Ghosts never run: kHalted keeps them out of every candidate list.
    std::fill(status_.begin() + n_own_, status_.end(), Ctx::kHalted);
    sent_[0].assign(n_, 0);
    sent_[1].assign(n_, 0);
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      bcast_cur_.assign(n_, Message{});
      bcast_next_.assign(n_, Message{});
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      incoming_ = g_.IncomingEdges().data();
      port_cur_.assign(g_.num_directed_edges(), Message{});
      port_next_.assign(g_.num_directed_edges(), Message{});
    } else {
      var_cur_.assign(n_, {});
      var_next_.assign(n_, {});
    }

    // Round 0: Init at every vertex (local computation, first messages).
    round_ = 0;
    RunDense</*kInit=*/true>();
    std::uint32_t rounds = 0;
    bool sparse = false;
    while (counts_.halted < global_n_) {
      rounds = SkipEmptyRounds(rounds);
      if (counts_.awake == 0 && counts_.senders == 0 && sleeping_ == 0) {
        throw SimulationError("phase '" + stats_.name +
                              "' stalled after round " +
                              std::to_string(rounds) + ": " +
                              std::to_string(global_n_ - counts_.halted) +
                              " vertices wait and no message is in flight");
      }
      if (rounds >= sim_.options_.max_rounds) {
        throw SimulationError(
            "phase '" + stats_.name + "' exceeded the round limit of " +
            std::to_string(sim_.options_.max_rounds) + " rounds (" +
            std::to_string(global_n_ - counts_.halted) +
            " vertices still running)");
      }
      ++rounds;
      round_ = rounds;
      WakeSleepers(sparse);
      const std::uint64_t divisor = sim_.options_.sparse_divisor;
      const bool want_sparse =
          divisor != 0 &&
          (counts_.awake + counts_.sender_degrees) * divisor < global_n_;
      if (want_sparse) {
        // A dense round writes every send flag; a sparse one only its
        // senders', so it clears the array first.
        ClearSent();
        if (!sparse) BuildLists();
        sparse = true;
        RunSparse();
        ++stats_.sparse_rounds;
      } else {
        sparse = false;
        RunDense</*kInit=*/false>();
      }
      if (sim_.options_.on_round) {
        sim_.options_.on_round(stats_.name, rounds, counts_.activations);
      }
    }
    stats_.rounds = rounds;

    std::vector<Output> out(n_);  // ghosts' entries stay default
    sim_.Parallel([&](Vertex v) {
      out[v] = program_.Finish(state_[kEmptyState ? 0 : v]);
    });
    stats_.wall_seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start)
            .count();
    sim_.stats_.Add(stats_);
    sim_.stats_.peak_rss_bytes = PeakRssBytes();
    return out;
  }

 private:
  struct Counts {
    std::uint64_t awake = 0;           // awake after the round
    std::uint64_t halted = 0;          // halted after the round
    std::uint64_t senders = 0;         // vertices that sent this round
    std::uint64_t sender_degrees = 0;  // sum of their degrees
    std::uint64_t activations = 0;     // program invocations
    std::uint64_t messages = 0;
    std::uint64_t bits = 0;
    std::uint64_t max_bits = 0;
    void Merge(const Counts& o) {
      awake += o.awake;
      halted += o.halted;
      senders += o.senders;
      sender_degrees += o.sender_degrees;
      activations += o.activations;
      messages += o.messages;
      bits += o.bits;
      max_bits = std::max(max_bits, o.max_bits);
    }
  };
  // (wake round, vertex) of the vertices that went to sleep in a round.
  using Sleepers = std::vector<std::pair<std::uint32_t, Vertex>>;
  struct Partial {
    Counts counts;
    Sleepers sleepers;
  };

  // The arrays a round touches, copied into a local per task so that the
  // compiler keeps them in registers (a byte store may alias any member).
  struct Arrays {
    const EdgeIndex* offsets;
    const Vertex* adjacency;
    const NodeId* ids;
    const EdgeIndex* incoming;
    const typename P::Input* input;
    State* state;
    std::uint8_t* status;
    std::uint8_t* sent;       // this round's flags
    std::uint32_t* deadline;  // timed waits only: current wake round, 0 none
    Message* bcast_next;
    std::vector<Message>* var_next;
  };
  Arrays MakeArrays() {
    return Arrays{offsets_,
                  adjacency_,
                  ids_,
                  incoming_,
                  input_.data(),
                  state_.data(),
                  status_.data(),
                  SentIn(round_).data(),
                  deadline_.data(),
                  bcast_next_.data(),
                  var_next_.data()};
  }

  Ctx MakeContext() {
    Ctx ctx;
    ctx.round_ = round_;
    ctx.phase_ = phase_index_;
    ctx.seed_ = sim_.options_.seed;
    ctx.knowledge_ = &sim_.knowledge_;
    ctx.sent_prev_ = round_ == 0 ? nullptr : SentIn(round_ - 1).data();
    ctx.bcast_cur_ = bcast_cur_.data();
    ctx.port_cur_ = port_cur_.data();
    ctx.port_next_ = port_next_.data();
    ctx.var_cur_ = var_cur_.data();
    return ctx;
  }

  // Runs v's program (Init when kInit) and records its effects. Writes only
  // v's own slots. kKnownAwake: v's status is known to be kAwake (Init, or a
  // dense round in which every vertex is awake), so it is not read.
  // Returns whether v sent a message.
  template <bool kInit, bool kKnownAwake>
  bool Activate(Vertex v, Ctx& ctx, Counts& c, Sleepers& sleepers,
                const Arrays& a) {
    const EdgeIndex begin = a.offsets[v];
    ctx.self_ = v;
    ctx.id_ = a.ids[v];
    ctx.edge_begin_ = begin;
    ctx.degree_ = static_cast<Port>(a.offsets[v + 1] - begin);
    ctx.neighbours_ = a.adjacency + begin;
    if constexpr (P::kPath == MessagePath::kPerPort) {
      ctx.incoming_ = a.incoming + begin;
    }
    ctx.input_ = a.input + v;
    ctx.state_ = kEmptyState ? a.state : a.state + v;
    ctx.status_ = Ctx::kAwake;
    ctx.sent_ = false;
    ctx.rng_ready_ = false;
    if constexpr (kTimed) ctx.wake_round_ = 0;
    if constexpr (!kFixedBits) {
      ctx.sent_messages_ = 0;
      ctx.bits_ = 0;
      ctx.port_bits_ = 0;
    }
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      ctx.bcast_out_ = a.bcast_next + v;
    } else if constexpr (P::kPath == MessagePath::kVariable) {
      ctx.var_out_ = a.var_next + v;
    }
    if constexpr (kInit) {
      program_.Init(ctx);
    } else {
      program_.Round(ctx);
    }
    ++c.activations;
    const std::uint8_t st = ctx.status_;
    if constexpr (kKnownAwake) {
      if (st != Ctx::kAwake) [[unlikely]] {
        a.status[v] = st;
      }
    } else {
      if (a.status[v] != st) a.status[v] = st;
    }
    if constexpr (kTimed) {
      // Sleeping, or waiting with a deadline: one bucket entry, current.
      const bool due =
          st == Ctx::kSleeping || (st == Ctx::kWaiting && ctx.wake_round_ != 0);
      a.deadline[v] = due ? ctx.wake_round_ : 0;
      if (due) sleepers.emplace_back(ctx.wake_round_, v);
    } else if (st == Ctx::kSleeping) [[unlikely]] {
      sleepers.emplace_back(ctx.wake_round_, v);
    }
    if (st != Ctx::kAwake) [[unlikely]] {
      if (st == Ctx::kHalted) ++c.halted;
    } else {
      ++c.awake;
    }
    const bool sent = ctx.sent_;
    a.sent[v] = sent ? 1 : 0;
    if constexpr (kFixedBits) {
      // Messages and bits are derived in FinishTask.
      c.senders += sent ? 1 : 0;
      c.sender_degrees += sent ? ctx.degree_ : 0;
    } else if (sent) {
      ++c.senders;
      c.sender_degrees += ctx.degree_;
      c.messages += ctx.sent_messages_;
      if constexpr (P::kPath == MessagePath::kPerPort) {
        c.bits += ctx.port_bits_;
      } else {
        c.bits += ctx.bits_ * ctx.degree_;
      }
      if (ctx.sent_messages_ > 0) c.max_bits = std::max(c.max_bits, ctx.bits_);
    }
    return sent;
  }

  // Completes a task's counts: for fixed-size broadcast messages, every
  // sender sent one message of kMessageBits bits per port.
  static void FinishTask(Counts& c) {
    if constexpr (kFixedBits) {
      c.messages = c.sender_degrees;
      c.bits = c.sender_degrees * kMessageBits;
      c.max_bits = c.sender_degrees > 0 ? kMessageBits : 0;
    }
  }

  // Sums the per-thread counters and files the vertices that went to sleep
  // (bucket contents are unordered; the active set is sorted before use).
  void GatherPartials(tbb::enumerable_thread_specific<Partial>& partial) {
    local_ = Counts{};
    for (const Partial& p : partial) {
      local_.Merge(p.counts);
      for (const auto& [r, v] : p.sleepers) sleep_buckets_[r].push_back(v);
      local_sleeping_ += p.sleepers.size();
    }
  }

  // The round's global counts (this rank's in a single-process run), and
  // how many vertices sleep in all and wake next round.
  void Reduce() {
    std::uint64_t wake_next = 0;
    if (!sleep_buckets_.empty() &&
        sleep_buckets_.begin()->first == round_ + 1) {
      if constexpr (kTimed) {
        // Current entries only (a vertex that registered twice for the
        // same round counts twice: an upper bound, used for the sparse or
        // dense choice).
        for (Vertex v : sleep_buckets_.begin()->second) {
          wake_next += Due(v, round_ + 1) ? 1 : 0;
        }
      } else {
        wake_next = sleep_buckets_.begin()->second.size();
      }
    }
    if (comm_ == nullptr) {
      counts_ = local_;
      sleeping_ = local_sleeping_;
      wake_next_ = wake_next;
      return;
    }
    std::uint64_t sums[] = {
        local_.awake,          local_.halted,      local_.senders,
        local_.sender_degrees, local_.activations, local_.messages,
        local_.bits,           local_sleeping_,    wake_next};
    std::uint64_t max_bits = local_.max_bits;
    comm_->AllreduceSumMax(sums, std::span<std::uint64_t>(&max_bits, 1));
    counts_ = Counts{sums[0], sums[1], sums[2], sums[3],
                     sums[4], sums[5], sums[6], max_bits};
    sleeping_ = sums[7];
    wake_next_ = sums[8];
  }

  // Distributed mode, dense rounds: the staged buffer is about to become the
  // visible one; ghosts keep their visible message(s) unless the halo
  // exchange brings new ones.
  void CarryGhosts() {
    if (comm_ == nullptr) return;
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      std::copy(bcast_cur_.begin() + n_own_, bcast_cur_.end(),
                bcast_next_.begin() + n_own_);
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      const EdgeIndex b = g_.edge_begin(n_own_);
      std::copy(port_cur_.begin() + b, port_cur_.end(), port_next_.begin() + b);
    }
  }

  template <typename T>
  static void Put(Bytes& out, const T& value) {
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
  }
  template <typename T>
  static T Take(const Bytes& in, std::size_t& at) {
    if (at + sizeof(T) > in.size()) {
      throw SimulationError("halo exchange: truncated message");
    }
    T value;
    std::memcpy(static_cast<void*>(&value), in.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }

  // Distributed mode: after the round's messages are visible, sends the
  // boundary vertices that sent this round (position in the send list, then
  // the message(s)) to the ranks holding them as ghosts, and writes what
  // arrives into the ghosts' visible messages and send flags. In a sparse
  // round the ghost senders join the sender list (they wake their waiting
  // neighbours here).
  void HaloExchange(bool sparse_round) {
    if (comm_ == nullptr) return;
    std::vector<std::uint8_t>& sent = SentIn(round_);
    const std::size_t nr = part_->neighbour_ranks.size();
    std::vector<Bytes> send(nr), recv(nr);
    for (std::size_t i = 0; i < nr; ++i) {
      const std::vector<Vertex>& verts = part_->send_vertices[i];
      Bytes& out = send[i];
      for (std::uint32_t j = 0; j < verts.size(); ++j) {
        const Vertex u = verts[j];
        if (sent[u] == 0) continue;
        Put(out, j);
        if constexpr (P::kPath == MessagePath::kBroadcast) {
          Put(out, bcast_cur_[u]);
        } else if constexpr (P::kPath == MessagePath::kPerPort) {
          const auto& off = part_->send_edge_offsets[i];
          for (std::uint32_t k = off[j]; k < off[j + 1]; ++k) {
            Put(out, port_cur_[part_->send_edges[i][k]]);
          }
        } else {
          const std::vector<Message>& m = var_cur_[u];
          Put(out, static_cast<std::uint32_t>(m.size()));
          for (const Message& x : m) Put(out, x);
        }
      }
    }
    comm_->Exchange(send, recv);
    std::fill(sent.begin() + n_own_, sent.end(), 0);
    for (std::size_t i = 0; i < nr; ++i) {
      const Bytes& in = recv[i];
      const Vertex begin = part_->recv_begin[i], end = part_->recv_end[i];
      std::size_t at = 0;
      while (at < in.size()) {
        const Vertex g = begin + Take<std::uint32_t>(in, at);
        if (g >= end) throw SimulationError("halo exchange: bad ghost index");
        sent[g] = 1;
        if (sparse_round) senders_.push_back(g);
        if constexpr (P::kPath == MessagePath::kBroadcast) {
          bcast_cur_[g] = Take<Message>(in, at);
        } else if constexpr (P::kPath == MessagePath::kPerPort) {
          for (EdgeIndex e = g_.edge_begin(g); e < g_.edge_end(g); ++e) {
            port_cur_[e] = Take<Message>(in, at);
          }
        } else {
          const auto count = Take<std::uint32_t>(in, at);
          std::vector<Message>& m = var_cur_[g];
          m.clear();
          m.reserve(count);
          for (std::uint32_t k = 0; k < count; ++k) {
            m.push_back(Take<Message>(in, at));
          }
        }
      }
    }
  }

  // After round `rounds`: when no vertex is awake, none sent and none wakes
  // next round, every round until the earliest sleeper's wake round W is
  // empty (no activation, no message, no flag set), so it is counted without
  // being executed. The jump lands on a round of the same parity, so that
  // both send-flag arrays are clean, and at most two empty rounds before W
  // run for real (the last one computes W's wake count). Returns the round
  // to continue from; the skipped rounds count as sparse rounds exactly as
  // executed empty rounds would, and against the round limit.
  std::uint32_t SkipEmptyRounds(std::uint32_t rounds) {
    if (!sim_.options_.skip_empty_rounds || counts_.awake != 0 ||
        counts_.senders != 0 || wake_next_ != 0 || sleeping_ == 0 ||
        rounds == 0) {
      return rounds;
    }
    std::uint64_t wake = std::numeric_limits<std::uint32_t>::max();
    if (!sleep_buckets_.empty()) wake = sleep_buckets_.begin()->first;
    if (comm_ != nullptr) {  // global minimum: max of the complement
      std::uint64_t neg = std::numeric_limits<std::uint64_t>::max() - wake;
      comm_->AllreduceMax(std::span<std::uint64_t>(&neg, 1));
      wake = std::numeric_limits<std::uint64_t>::max() - neg;
    }
    std::uint64_t target = wake - 2;  // wake >= rounds + 2 (wake_next_ == 0)
    if ((target - rounds) % 2 != 0) --target;
    target = std::min<std::uint64_t>(target, sim_.options_.max_rounds);
    if (target <= rounds) return rounds;
    const auto skipped = static_cast<std::uint32_t>(target - rounds);
    if (sim_.options_.sparse_divisor != 0) stats_.sparse_rounds += skipped;
    stats_.skipped_rounds += skipped;
    return static_cast<std::uint32_t>(target);
  }

  // Wakes the vertices sleeping until this round: they are awake vertices
  // from now on (and on the active list when the last round was sparse).
  void WakeSleepers(bool sparse) {
    counts_.awake += wake_next_;  // global: every rank's sleepers of round_
    if (sleep_buckets_.empty() || sleep_buckets_.begin()->first > round_) {
      return;
    }
    std::vector<Vertex> woken = std::move(sleep_buckets_.begin()->second);
    sleep_buckets_.erase(sleep_buckets_.begin());
    local_sleeping_ -= woken.size();
    if constexpr (kTimed) {
      std::size_t kept = 0;
      for (Vertex v : woken) {
        if (!Due(v, round_)) continue;  // stale, or a duplicate entry
        deadline_[v] = 0;
        woken[kept++] = v;
      }
      woken.resize(kept);
    }
    for (Vertex v : woken) status_[v] = Ctx::kAwake;
    local_.awake += woken.size();
    if (sparse) awake_.insert(awake_.end(), woken.begin(), woken.end());
  }

  // Timed waits: whether v's bucket entry for round r is current.
  bool Due(Vertex v, std::uint32_t r) const {
    const std::uint8_t st = status_[v];
    return deadline_[v] == r && (st == Ctx::kSleeping || st == Ctx::kWaiting);
  }

  // Round r's send flags reuse round r-2's array: clear it first. Dense
  // rounds clear it whole; sparse rounds only the entries last set.
  void ClearSent() {
    std::vector<std::uint8_t>& sent = SentIn(round_);
    if (history_valid_[round_ & 1]) {
      for (Vertex v : sender_history_[round_ & 1]) sent[v] = 0;
    } else {
      sim_.ParallelRanges(n_, [&](const tbb::blocked_range<std::size_t>& r) {
        std::fill(sent.begin() + r.begin(), sent.begin() + r.end(), 0);
      });
    }
  }

  bool Woken(Vertex v) const {
    const std::uint32_t prev = round_ - 1;
    const std::vector<std::uint8_t>& sent = SentIn(prev);
    for (Vertex u : g_.neighbors(v)) {
      if (sent[u] != 0) return true;
    }
    return false;
  }

  // Keeps v's visible message for the next round when v did not send.
  void CarryOver(Vertex v) {
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      bcast_next_[v] = bcast_cur_[v];
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      const EdgeIndex b = g_.edge_begin(v);
      std::copy_n(port_cur_.data() + b, g_.degree(v), port_next_.data() + b);
    }
  }

  // Commits v's staged message(s) after a round in which v sent.
  void Commit(Vertex v) {
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      bcast_cur_[v] = bcast_next_[v];
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      const EdgeIndex b = g_.edge_begin(v);
      std::copy_n(port_next_.data() + b, g_.degree(v), port_cur_.data() + b);
    } else {
      var_cur_[v].swap(var_next_[v]);
      var_next_[v].clear();
    }
  }

  template <bool kInit>
  void RunDense() {
    // Every vertex awake (always so in Init): no status to read, no vertex
    // to skip.
    const bool all_awake = kInit || local_.awake == n_own_;
    tbb::enumerable_thread_specific<Partial> partial;
    sim_.ParallelRanges(n_own_, [&](const tbb::blocked_range<std::size_t>& r) {
      Counts c;
      Partial& local = partial.local();
      Ctx ctx = MakeContext();
      const Arrays a = MakeArrays();
      const auto begin = static_cast<Vertex>(r.begin());
      const auto end = static_cast<Vertex>(r.end());
      if (all_awake) {
        for (Vertex v = begin; v != end; ++v) {
          if (!Activate<kInit, true>(v, ctx, c, local.sleepers, a)) {
            CarryOver(v);
          }
        }
      } else {
        for (Vertex v = begin; v != end; ++v) {
          const std::uint8_t st = a.status[v];
          if (st == Ctx::kHalted || st == Ctx::kSleeping ||
              (st == Ctx::kWaiting && !Woken(v))) {
            if (st == Ctx::kHalted) ++c.halted;
            a.sent[v] = 0;
            CarryOver(v);
            continue;
          }
          if (!Activate<kInit, false>(v, ctx, c, local.sleepers, a)) {
            CarryOver(v);
          }
        }
      }
      FinishTask(c);
      local.counts.Merge(c);
    });
    GatherPartials(partial);
    // Fixed-size paths: the staged buffer (senders' new messages, everyone
    // else's carried over) becomes the visible one. Variable-size messages
    // are committed per sender.
    CarryGhosts();
    if constexpr (P::kPath == MessagePath::kBroadcast) {
      bcast_cur_.swap(bcast_next_);
    } else if constexpr (P::kPath == MessagePath::kPerPort) {
      port_cur_.swap(port_next_);
    } else {
      sim_.ParallelRanges(n_own_,
                          [&](const tbb::blocked_range<std::size_t>& r) {
                            for (std::size_t i = r.begin(); i != r.end(); ++i) {
                              if (SentIn(round_)[i] != 0) {
                                Commit(static_cast<Vertex>(i));
                              }
                            }
                          });
    }
    HaloExchange(/*sparse_round=*/false);
    Reduce();
    Tally();
    history_valid_[round_ & 1] = false;
  }

  // Builds the awake and sender lists from the arrays (dense -> sparse).
  void BuildLists() {
    awake_.clear();
    senders_.clear();
    const std::uint32_t prev = round_ - 1;
    const std::vector<std::uint8_t>& sent = SentIn(prev);
    for (Vertex v = 0; v < n_; ++v) {
      if (status_[v] == Ctx::kAwake) awake_.push_back(v);
      if (sent[v] != 0) senders_.push_back(v);
    }
  }

  void RunSparse() {
    // Candidates: awake vertices and waiting neighbours of last round's
    // senders, sorted and unique so that the set is thread-independent.
    std::vector<Vertex> cand = awake_;
    for (Vertex s : senders_) {
      for (Vertex u : g_.neighbors(s)) {
        if (status_[u] == Ctx::kWaiting) cand.push_back(u);
      }
    }
    tbb::parallel_sort(cand.begin(), cand.end());
    cand.erase(std::unique(cand.begin(), cand.end()), cand.end());

    const std::uint64_t halted_before = local_.halted;
    tbb::enumerable_thread_specific<Partial> partial;
    sim_.ParallelRanges(
        cand.size(), [&](const tbb::blocked_range<std::size_t>& r) {
          Counts c;
          Partial& local = partial.local();
          Ctx ctx = MakeContext();
          const Arrays a = MakeArrays();
          for (std::size_t i = r.begin(); i != r.end(); ++i) {
            Activate<false, false>(cand[i], ctx, c, local.sleepers, a);
          }
          FinishTask(c);
          local.counts.Merge(c);
        });
    GatherPartials(partial);
    local_.halted += halted_before;
    awake_.clear();
    senders_.clear();
    for (Vertex v : cand) {
      if (status_[v] == Ctx::kAwake) awake_.push_back(v);
      if (SentIn(round_)[v] != 0) senders_.push_back(v);
    }
    sim_.ParallelRanges(senders_.size(),
                        [&](const tbb::blocked_range<std::size_t>& r) {
                          for (std::size_t i = r.begin(); i != r.end(); ++i) {
                            Commit(senders_[i]);
                          }
                        });
    HaloExchange(/*sparse_round=*/true);
    Reduce();
    Tally();
    sender_history_[round_ & 1] = senders_;
    history_valid_[round_ & 1] = true;
  }

  void Tally() {
    stats_.messages += counts_.messages;
    stats_.message_bits += counts_.bits;
    stats_.max_message_bits =
        std::max(stats_.max_message_bits, counts_.max_bits);
    stats_.vertex_activations += counts_.activations;
  }

  Simulation& sim_;
  const Graph& g_;
  const P& program_;
  const std::vector<typename P::Input>& input_;
  const Vertex n_;      // local vertices (owned, then ghosts)
  const Vertex n_own_;  // vertices this rank runs
  const std::uint64_t global_n_;
  const LocalPart* const part_;
  Communicator* const comm_;
  const EdgeIndex* const offsets_;
  const Vertex* const adjacency_;
  const NodeId* const ids_;
  std::uint32_t round_ = 0;
  std::uint32_t phase_index_ = 0;
  PhaseStats stats_;
  Counts local_;                      // this rank's counts of the last round
  Counts counts_;                     // the global counts of the last round
  std::uint64_t local_sleeping_ = 0;  // this rank's sleeping vertices
  std::uint64_t sleeping_ = 0;        // all sleeping vertices
  std::uint64_t wake_next_ = 0;       // sleepers woken next round, all ranks

  std::vector<State> state_;
  std::vector<std::uint8_t> status_;
  // sent_[r & 1][v] != 0 iff v sent in round r. Round r clears and writes
  // one array and reads the other, so the dense loop has no read/write race.
  std::vector<std::uint8_t> sent_[2];
  std::vector<std::uint8_t>& SentIn(std::uint32_t r) { return sent_[r & 1]; }
  const std::vector<std::uint8_t>& SentIn(std::uint32_t r) const {
    return sent_[r & 1];
  }
  std::vector<Message> bcast_cur_, bcast_next_;
  const EdgeIndex* incoming_ = nullptr;
  std::vector<Message> port_cur_, port_next_;
  std::vector<std::vector<Message>> var_cur_, var_next_;
  std::vector<Vertex> awake_, senders_;
  std::vector<std::uint32_t> deadline_;  // timed waits only
  // Sleeping vertices by wake round (SleepUntil).
  std::map<std::uint32_t, std::vector<Vertex>> sleep_buckets_;
  // Senders of the last two sparse rounds, to clear their flags cheaply.
  std::vector<Vertex> sender_history_[2];
  bool history_valid_[2] = {false, false};
};

}  // namespace internal

template <VertexProgram P>
VertexData<typename P::Output> Simulation::Run(
    const P& program, const VertexData<typename P::Input>& input,
    std::string_view phase_name) {
  if (input.values_.size() != graph_.num_vertices()) {
    throw SimulationError("phase '" + std::string(phase_name) +
                          "': input has the wrong number of vertices");
  }
  internal::PhaseRunner<P> runner(*this, program, input.values_,
                                  std::string(phase_name));
  return VertexData<typename P::Output>(runner.Execute());
}

}  // namespace fcsim

#endif  // FCSIM_SIM_ENGINE_H_
