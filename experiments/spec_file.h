// Spec files of `fcsim sweep` and `fcsim papers`: TOML (parsed by toml++),
// converted to a JSON value so that the sweep and papers code share one
// representation. Errors are CliError with one line "FILE:LINE:COL: ..." for
// syntax and "FILE: key 'a.b[2].c': ..." for values (see SpecError).
#ifndef FCSIM_EXPERIMENTS_SPEC_FILE_H_
#define FCSIM_EXPERIMENTS_SPEC_FILE_H_

#include <nlohmann/json.hpp>
#include <string>

#include "experiments/cli.h"

namespace fcsim {

// Reads a TOML file into a JSON object (tables -> objects, arrays -> arrays,
// integers -> int64, floats -> double, booleans, strings; dates and times
// are refused). Throws CliError naming the file (and line:column).
nlohmann::json ReadTomlFile(const std::string& path);

// "FILE: key 'KEY': MESSAGE", as a CliError.
[[noreturn]] void SpecError(const std::string& file, const std::string& key,
                            const std::string& message);

}  // namespace fcsim

#endif  // FCSIM_EXPERIMENTS_SPEC_FILE_H_
