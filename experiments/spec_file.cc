#include "experiments/spec_file.h"

#include <fmt/core.h>
#include <toml++/toml.h>

#include <filesystem>
#include <string>

namespace fcsim {
namespace {

using nlohmann::json;

json ToJson(const toml::node& node, const std::string& file,
            const std::string& key) {
  if (const toml::table* t = node.as_table()) {
    json object = json::object();
    for (const auto& [k, v] : *t) {
      const std::string name(k.str());
      object[name] = ToJson(v, file, key.empty() ? name : key + "." + name);
    }
    return object;
  }
  if (const toml::array* a = node.as_array()) {
    json array = json::array();
    std::size_t i = 0;
    for (const toml::node& v : *a) {
      array.push_back(ToJson(v, file, fmt::format("{}[{}]", key, i++)));
    }
    return array;
  }
  if (const auto* s = node.as_string()) return json(s->get());
  if (const auto* i = node.as_integer()) return json(i->get());
  if (const auto* f = node.as_floating_point()) return json(f->get());
  if (const auto* b = node.as_boolean()) return json(b->get());
  SpecError(file, key, "dates and times are not accepted here");
}

}  // namespace

void SpecError(const std::string& file, const std::string& key,
               const std::string& message) {
  throw CliError(fmt::format("{}: key '{}': {}", file, key, message));
}

json ReadTomlFile(const std::string& path) {
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    throw CliError("cannot open spec file '" + path + "'");
  }
  try {
    const toml::table table = toml::parse_file(path);
    return ToJson(table, path, "");
  } catch (const toml::parse_error& e) {
    const toml::source_position begin = e.source().begin;
    throw CliError(fmt::format("{}:{}:{}: TOML syntax error: {}", path,
                               begin.line, begin.column, e.description()));
  }
}

}  // namespace fcsim
