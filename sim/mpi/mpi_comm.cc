#include "sim/mpi/mpi_comm.h"

#include <mpi.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <stdexcept>

namespace fcsim {
namespace {

std::int64_t NowNs() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

int CheckedCount(std::size_t n, const char* what) {
  if (n > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::runtime_error(std::string("MPI: ") + what +
                             " exceeds 2^31-1 bytes");
  }
  return static_cast<int>(n);
}

void Check(int rc, const char* what) {
  if (rc != MPI_SUCCESS) {
    throw std::runtime_error(std::string("MPI: ") + what + " failed");
  }
}

// Element 0 holds the number k of summed elements 1..k; the rest are maxima.
void SumMaxOp(void* in, void* inout, int* len, MPI_Datatype*) {
  const auto* a = static_cast<const std::uint64_t*>(in);
  auto* b = static_cast<std::uint64_t*>(inout);
  const int k = static_cast<int>(b[0]);
  for (int i = 1; i < *len; ++i) {
    b[i] = i <= k ? b[i] + a[i] : std::max(b[i], a[i]);
  }
}

}  // namespace

bool LaunchedByMpirun() {
  return std::getenv("OMPI_COMM_WORLD_SIZE") != nullptr ||
         std::getenv("PMIX_RANK") != nullptr ||
         std::getenv("PMI_RANK") != nullptr;
}

MpiSession::MpiSession(int* argc, char*** argv) {
  int provided = 0;
  MPI_Init_thread(argc, argv, MPI_THREAD_FUNNELED, &provided);
}

MpiSession::~MpiSession() { MPI_Finalize(); }

void MpiSession::Abort(int code) {
  MPI_Abort(MPI_COMM_WORLD, code);
  std::_Exit(code);
}

struct MpiCommunicator::Impl {
  MPI_Comm world = MPI_COMM_NULL;
  MPI_Comm graph = MPI_COMM_NULL;
  MPI_Op sum_max = MPI_OP_NULL;
};

std::int64_t MpiCommunicator::ToNs(double seconds) {
  return static_cast<std::int64_t>(seconds * 1e9);
}

MpiCommunicator::MpiCommunicator(double timeout_seconds)
    : impl_(std::make_unique<Impl>()), timeout_ns_(ToNs(timeout_seconds)) {
  MPI_Comm_dup(MPI_COMM_WORLD, &impl_->world);
  MPI_Comm_rank(impl_->world, &rank_);
  MPI_Comm_size(impl_->world, &size_);
  MPI_Op_create(&SumMaxOp, /*commute=*/1, &impl_->sum_max);
  watchdog_ = std::thread([this] {
    while (!stop_.load()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      const std::int64_t entered = entered_ns_.load();
      const std::int64_t limit = timeout_ns_.load();
      if (entered != 0 && limit > 0 && NowNs() - entered > limit) {
        std::fprintf(stderr,
                     "fcsim: error: rank %d of %d: %s did not complete within "
                     "%.0f s (another rank died or hangs); giving up\n",
                     rank_, size_, what_.load(), limit / 1e9);
        std::fflush(stderr);
        std::_Exit(3);
      }
    }
  });
}

MpiCommunicator::~MpiCommunicator() {
  stop_ = true;
  if (watchdog_.joinable()) watchdog_.join();
  if (impl_->graph != MPI_COMM_NULL) MPI_Comm_free(&impl_->graph);
  if (impl_->world != MPI_COMM_NULL) MPI_Comm_free(&impl_->world);
  if (impl_->sum_max != MPI_OP_NULL) MPI_Op_free(&impl_->sum_max);
}

void MpiCommunicator::AllreduceSumMax(std::span<std::uint64_t> sums,
                                      std::span<std::uint64_t> maxima) {
  std::vector<std::uint64_t> buf;
  buf.reserve(1 + sums.size() + maxima.size());
  buf.push_back(sums.size());
  buf.insert(buf.end(), sums.begin(), sums.end());
  buf.insert(buf.end(), maxima.begin(), maxima.end());
  Enter("an allreduce of the round's counters");
  Check(MPI_Allreduce(MPI_IN_PLACE, buf.data(), static_cast<int>(buf.size()),
                      MPI_UINT64_T, impl_->sum_max, impl_->world),
        "MPI_Allreduce");
  Leave();
  std::copy(buf.begin() + 1, buf.begin() + 1 + sums.size(), sums.begin());
  std::copy(buf.begin() + 1 + sums.size(), buf.end(), maxima.begin());
}

void MpiCommunicator::Enter(const char* what) {
  what_ = what;
  entered_ns_ = NowNs();
}

void MpiCommunicator::Leave() {
  collective_ns_ += NowNs() - entered_ns_.load();
  entered_ns_ = 0;
}

void MpiCommunicator::AllreduceSum(std::span<std::uint64_t> values) {
  Enter("an allreduce of the round's counters");
  Check(MPI_Allreduce(MPI_IN_PLACE, values.data(),
                      static_cast<int>(values.size()), MPI_UINT64_T, MPI_SUM,
                      impl_->world),
        "MPI_Allreduce");
  Leave();
}

void MpiCommunicator::AllreduceMax(std::span<std::uint64_t> values) {
  Enter("an allreduce (max)");
  Check(MPI_Allreduce(MPI_IN_PLACE, values.data(),
                      static_cast<int>(values.size()), MPI_UINT64_T, MPI_MAX,
                      impl_->world),
        "MPI_Allreduce");
  Leave();
}

void MpiCommunicator::SetNeighbours(std::span<const int> neighbour_ranks) {
  if (impl_->graph != MPI_COMM_NULL &&
      std::vector<int>(neighbour_ranks.begin(), neighbour_ranks.end()) ==
          neighbours_) {
    return;  // the same partition: keep the communicator
  }
  // Collective over the world: every rank rebuilds (each Simulation of a
  // run declares its partition's neighbours).
  Enter("building the distributed-graph communicator");
  if (impl_->graph != MPI_COMM_NULL) MPI_Comm_free(&impl_->graph);
  neighbours_.assign(neighbour_ranks.begin(), neighbour_ranks.end());
  const int k = static_cast<int>(neighbours_.size());
  Check(MPI_Dist_graph_create_adjacent(impl_->world, k, neighbours_.data(),
                                       MPI_UNWEIGHTED, k, neighbours_.data(),
                                       MPI_UNWEIGHTED, MPI_INFO_NULL,
                                       /*reorder=*/0, &impl_->graph),
        "MPI_Dist_graph_create_adjacent");
  Leave();
}

void MpiCommunicator::Exchange(const std::vector<Bytes>& send,
                               std::vector<Bytes>& recv) {
  const std::size_t k = neighbours_.size();
  if (send.size() != k) throw std::logic_error("MPI: halo for wrong ranks");
  std::vector<int> send_counts(k), recv_counts(k), send_displs(k),
      recv_displs(k);
  std::size_t total = 0;
  for (std::size_t i = 0; i < k; ++i) {
    send_counts[i] = CheckedCount(send[i].size(), "a halo message");
    send_displs[i] = CheckedCount(total, "a rank's halo");
    total += send[i].size();
  }
  ++halo_exchanges_;
  halo_bytes_sent_ += total;
  Bytes send_buf;
  send_buf.reserve(total);
  for (const Bytes& b : send)
    send_buf.insert(send_buf.end(), b.begin(), b.end());
  Enter("a halo exchange");
  Check(MPI_Neighbor_alltoall(send_counts.data(), 1, MPI_INT,
                              recv_counts.data(), 1, MPI_INT, impl_->graph),
        "MPI_Neighbor_alltoall");
  std::size_t recv_total = 0;
  for (std::size_t i = 0; i < k; ++i) {
    recv_displs[i] = CheckedCount(recv_total, "a rank's halo");
    recv_total += static_cast<std::size_t>(recv_counts[i]);
  }
  Bytes recv_buf(recv_total);
  Check(MPI_Neighbor_alltoallv(send_buf.data(), send_counts.data(),
                               send_displs.data(), MPI_BYTE, recv_buf.data(),
                               recv_counts.data(), recv_displs.data(), MPI_BYTE,
                               impl_->graph),
        "MPI_Neighbor_alltoallv");
  Leave();
  recv.assign(k, {});
  for (std::size_t i = 0; i < k; ++i) {
    recv[i].assign(recv_buf.begin() + recv_displs[i],
                   recv_buf.begin() + recv_displs[i] + recv_counts[i]);
  }
}

Bytes MpiCommunicator::GatherToRoot(const Bytes& mine) {
  const int count = CheckedCount(mine.size(), "a rank's outputs");
  std::vector<int> counts(rank_ == 0 ? size_ : 0), displs(counts.size());
  Enter("gathering the outputs");
  Check(MPI_Gather(&count, 1, MPI_INT, counts.data(), 1, MPI_INT, 0,
                   impl_->world),
        "MPI_Gather");
  Bytes all;
  if (rank_ == 0) {
    std::size_t total = 0;
    for (int r = 0; r < size_; ++r) {
      displs[r] = CheckedCount(total, "the gathered outputs");
      total += static_cast<std::size_t>(counts[r]);
    }
    all.resize(total);
  }
  Check(MPI_Gatherv(mine.data(), count, MPI_BYTE, all.data(), counts.data(),
                    displs.data(), MPI_BYTE, 0, impl_->world),
        "MPI_Gatherv");
  Leave();
  return all;
}

void MpiCommunicator::BroadcastFromRoot(Bytes& bytes) {
  std::uint64_t size = bytes.size();
  Enter("a broadcast from rank 0");
  Check(MPI_Bcast(&size, 1, MPI_UINT64_T, 0, impl_->world), "MPI_Bcast");
  bytes.resize(size);
  Check(MPI_Bcast(bytes.data(), CheckedCount(size, "a broadcast"), MPI_BYTE, 0,
                  impl_->world),
        "MPI_Bcast");
  Leave();
}

}  // namespace fcsim
