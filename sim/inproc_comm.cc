#include "sim/inproc_comm.h"

#include <algorithm>
#include <exception>
#include <stdexcept>
#include <thread>

namespace fcsim {

class InProcessGroup::Rank : public Communicator {
 public:
  Rank(InProcessGroup& group, int rank) : g_(group), rank_(rank) {}
  int rank() const override { return rank_; }
  int size() const override { return g_.size_; }

  void AllreduceSum(std::span<std::uint64_t> values) override {
    Reduce(values, [](std::uint64_t a, std::uint64_t b) { return a + b; });
  }
  void AllreduceMax(std::span<std::uint64_t> values) override {
    Reduce(values,
           [](std::uint64_t a, std::uint64_t b) { return std::max(a, b); });
  }
  void SetNeighbours(std::span<const int> neighbour_ranks) override {
    g_.neighbours_[rank_].assign(neighbour_ranks.begin(),
                                 neighbour_ranks.end());
    g_.Barrier();
    for (int j : neighbour_ranks) {
      const auto& theirs = g_.neighbours_[j];
      if (!std::binary_search(theirs.begin(), theirs.end(), rank_)) {
        throw std::logic_error("in-process group: asymmetric neighbours");
      }
    }
    g_.Barrier();
  }
  void Exchange(const std::vector<Bytes>& send,
                std::vector<Bytes>& recv) override {
    const auto& nb = g_.neighbours_[rank_];
    for (std::size_t i = 0; i < nb.size(); ++i)
      g_.mail_[rank_][nb[i]] = send[i];
    g_.Barrier();
    recv.assign(nb.size(), {});
    for (std::size_t i = 0; i < nb.size(); ++i)
      recv[i] = g_.mail_[nb[i]][rank_];
    g_.Barrier();
  }
  Bytes GatherToRoot(const Bytes& mine) override {
    g_.bytes_[rank_] = mine;
    g_.Barrier();
    Bytes all;
    if (rank_ == 0) {
      for (const Bytes& b : g_.bytes_)
        all.insert(all.end(), b.begin(), b.end());
    }
    g_.Barrier();
    return all;
  }
  void BroadcastFromRoot(Bytes& bytes) override {
    if (rank_ == 0) g_.bytes_[0] = bytes;
    g_.Barrier();
    if (rank_ != 0) bytes = g_.bytes_[0];
    g_.Barrier();
  }

 private:
  template <typename Op>
  void Reduce(std::span<std::uint64_t> values, Op op) {
    g_.values_[rank_].assign(values.begin(), values.end());
    g_.Barrier();
    for (std::size_t k = 0; k < values.size(); ++k) {
      std::uint64_t acc = g_.values_[0].at(k);
      for (int r = 1; r < g_.size_; ++r) acc = op(acc, g_.values_[r].at(k));
      values[k] = acc;
    }
    g_.Barrier();
  }

  InProcessGroup& g_;
  int rank_;
};

InProcessGroup::InProcessGroup(int size)
    : size_(size),
      values_(size),
      bytes_(size),
      mail_(size, std::vector<Bytes>(size)),
      neighbours_(size) {
  if (size < 1) throw std::invalid_argument("a group needs at least 1 rank");
}

void InProcessGroup::Barrier() {
  std::unique_lock lock(mu_);
  if (failed_) throw std::runtime_error("another rank failed");
  const std::uint64_t gen = generation_;
  if (++arrived_ == size_) {
    arrived_ = 0;
    ++generation_;
    cv_.notify_all();
    return;
  }
  cv_.wait(lock, [&] { return generation_ != gen || failed_; });
  if (generation_ == gen) throw std::runtime_error("another rank failed");
}

void InProcessGroup::Run(const std::function<void(Communicator&)>& body) {
  std::vector<std::exception_ptr> errors(size_);
  int first_failed = -1;
  std::vector<std::thread> threads;
  for (int r = 0; r < size_; ++r) {
    threads.emplace_back([&, r] {
      Rank comm(*this, r);
      try {
        body(comm);
      } catch (...) {
        errors[r] = std::current_exception();
        std::lock_guard lock(mu_);
        if (!failed_) first_failed = r;
        failed_ = true;
        cv_.notify_all();
      }
    });
  }
  for (auto& t : threads) t.join();
  if (first_failed >= 0) std::rethrow_exception(errors[first_failed]);
}

}  // namespace fcsim
