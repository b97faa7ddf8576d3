// Byte encoding of per-vertex outputs, for gathering a distributed run's
// outputs at rank 0 (algorithms/harness.h). Trivially copyable outputs are
// copied as bytes; other output types specialise Wire<T> next to their
// definition (e.g. HhrsVertexOutput in algorithms/hhrs.h).
#ifndef FCSIM_ALGORITHMS_WIRE_H_
#define FCSIM_ALGORITHMS_WIRE_H_

#include <cstdint>
#include <cstring>
#include <span>
#include <stdexcept>
#include <type_traits>
#include <vector>

#include "sim/comm.h"
#include "sim/graph.h"
#include "sim/rng.h"

namespace fcsim {

template <typename T>
struct Wire {
  static_assert(std::is_trivially_copyable_v<T>,
                "specialise Wire<T> for this output type");
  static void Put(Bytes& out, const T& value) {
    const auto* p = reinterpret_cast<const std::byte*>(&value);
    out.insert(out.end(), p, p + sizeof(T));
  }
  static T Take(const Bytes& in, std::size_t& at) {
    if (at + sizeof(T) > in.size()) {
      throw std::runtime_error("gathered outputs are truncated");
    }
    T value;
    std::memcpy(static_cast<void*>(&value), in.data() + at, sizeof(T));
    at += sizeof(T);
    return value;
  }
};

template <typename T>
struct Wire<std::vector<T>> {
  static void Put(Bytes& out, const std::vector<T>& v) {
    Wire<std::uint64_t>::Put(out, v.size());
    for (const T& x : v) Wire<T>::Put(out, x);
  }
  static std::vector<T> Take(const Bytes& in, std::size_t& at) {
    const std::uint64_t n = Wire<std::uint64_t>::Take(in, at);
    if (n > in.size() - at) {
      throw std::runtime_error("gathered outputs are truncated");
    }
    std::vector<T> v;
    v.reserve(n);
    for (std::uint64_t i = 0; i < n; ++i) v.push_back(Wire<T>::Take(in, at));
    return v;
  }
};

// Digest of per-vertex outputs: the sum over vertices v of
// HashWords(v, FNV-1a of v's encoded output), mod 2^64. Equal outputs give
// equal digests; the sum does not depend on the order or on how the vertices
// are split between ranks (a distributed run sums its ranks' parts).
template <typename T>
std::uint64_t OutputDigestPart(std::span<const T> outputs,
                               std::span<const Vertex> global,
                               std::size_t count) {
  Bytes bytes;
  std::uint64_t sum = 0;
  for (std::size_t v = 0; v < count; ++v) {
    bytes.clear();
    Wire<T>::Put(bytes, outputs[v]);
    std::uint64_t h = 0xcbf29ce484222325ull;
    for (std::byte b : bytes) {
      h = (h ^ static_cast<std::uint64_t>(b)) * 0x100000001b3ull;
    }
    sum += HashWords(global.empty() ? v : global[v], h);
  }
  return sum;
}
template <typename T>
std::uint64_t OutputDigest(std::span<const T> outputs) {
  return OutputDigestPart(outputs, {}, outputs.size());
}

}  // namespace fcsim

#endif  // FCSIM_ALGORITHMS_WIRE_H_
