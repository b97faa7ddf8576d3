// libFuzzer target: the metis reader (see graphs/io_fuzz.h and
// scripts/fuzz.sh).
#include <cstddef>
#include <cstdint>

#include "graphs/io_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data,
                                      std::size_t size) {
  return fcsim::FuzzReader(data, size, fcsim::GraphFormat::kMetis);
}
