#include "algorithms/coloring_io.h"

#include <unistd.h>

#include <charconv>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <istream>
#include <map>
#include <ostream>
#include <sstream>
#include <string_view>
#include <vector>

namespace fcsim {
namespace {

constexpr std::uint64_t kMaxPalette = std::uint64_t{1} << 24;

// Reads lines, skipping blanks and comments, and names errors by line.
class LineReader {
 public:
  LineReader(std::istream& in, const std::string& name)
      : in_(in), name_(name) {}

  // The next meaningful line split into tokens; false at end of input.
  bool Next(std::vector<std::string>& tokens) {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_;
      if (!line.empty() && line.back() == '\r') line.pop_back();
      std::istringstream words(line);
      tokens.clear();
      for (std::string w; words >> w;) tokens.push_back(w);
      if (tokens.empty() || tokens[0][0] == '#') continue;
      return true;
    }
    return false;
  }

  [[noreturn]] void Fail(const std::string& what) const {
    throw ColoringFormatError(name_ + ":" + std::to_string(line_) + ": " +
                              what);
  }

  std::uint64_t Unsigned(std::string_view text, std::string_view what) const {
    std::uint64_t value = 0;
    const auto [ptr, ec] =
        std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
      Fail("bad " + std::string(what) + " '" + std::string(text) + "'");
    }
    return value;
  }

  Rational ParseRational(std::string_view text, std::string_view what) const {
    try {
      return Rational::Parse(text);
    } catch (const std::exception& e) {
      Fail("bad " + std::string(what) + ": " + e.what());
    }
  }

 private:
  std::istream& in_;
  const std::string& name_;
  std::uint64_t line_ = 0;
};

// Parses "magic 1 key=value ..." with exactly the given keys, in order.
std::vector<std::string> ReadHeader(LineReader& reader, const char* magic,
                                    const std::vector<std::string>& keys) {
  std::vector<std::string> tokens;
  if (!reader.Next(tokens))
    reader.Fail(std::string("missing '") + magic + "' header");
  if (tokens[0] != magic) {
    reader.Fail(std::string("expected header '") + magic + " 1 ...', got '" +
                tokens[0] + "'");
  }
  if (tokens.size() < 2 || tokens[1] != "1") {
    reader.Fail("unsupported format version (this reader knows version 1)");
  }
  if (tokens.size() != keys.size() + 2) {
    reader.Fail("header needs exactly the fields " + [&] {
      std::string s;
      for (const auto& k : keys) s += k + "=<..> ";
      return s;
    }());
  }
  std::vector<std::string> values;
  for (std::size_t i = 0; i < keys.size(); ++i) {
    const std::string& t = tokens[i + 2];
    if (t.rfind(keys[i] + "=", 0) != 0) {
      reader.Fail("expected '" + keys[i] + "=' in the header, got '" + t + "'");
    }
    values.push_back(t.substr(keys[i].size() + 1));
  }
  return values;
}

// Reads the vertex lines; body(v, tokens) handles tokens[1..].
void ReadVertexLines(
    LineReader& reader, Vertex n,
    const std::function<void(Vertex, const std::vector<std::string>&)>& body) {
  std::vector<char> seen(n, 0);
  std::vector<std::string> tokens;
  Vertex count = 0;
  while (reader.Next(tokens)) {
    const std::uint64_t v = reader.Unsigned(tokens[0], "vertex");
    if (v >= n) {
      reader.Fail("vertex " + tokens[0] + " outside 0.." +
                  std::to_string(static_cast<std::uint64_t>(n) - 1));
    }
    if (seen[v]) reader.Fail("vertex " + tokens[0] + " appears twice");
    seen[v] = 1;
    ++count;
    body(static_cast<Vertex>(v), tokens);
  }
  if (count != n) {
    Vertex missing = 0;
    while (seen[missing]) ++missing;
    reader.Fail("vertex " + std::to_string(missing) + " has no line (" +
                std::to_string(count) + " of " + std::to_string(n) +
                " vertices given)");
  }
}

Vertex ParseN(const LineReader& reader, const std::string& text) {
  const std::uint64_t n = reader.Unsigned(text, "n");
  if (n >= kNoVertex) reader.Fail("n = " + text + " too large");
  return static_cast<Vertex>(n);
}

std::ifstream OpenIn(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw ColoringFormatError(path + ": cannot open for reading");
  return in;
}

// Writes via a temporary file and rename(2): atomic on POSIX file systems.
void WriteAtomically(const std::string& path,
                     const std::function<void(std::ostream&)>& write) {
  const std::string tmp =
      path + ".tmp." + std::to_string(static_cast<long>(::getpid()));
  {
    std::ofstream out(tmp, std::ios::trunc);
    if (!out) throw std::runtime_error(path + ": cannot open for writing");
    write(out);
    out.flush();
    if (!out) {
      std::remove(tmp.c_str());
      throw std::runtime_error(path + ": write failed");
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::remove(tmp.c_str());
    throw std::runtime_error(path +
                             ": cannot rename into place: " + ec.message());
  }
}

}  // namespace

ABColoring ReadColoring(std::istream& in, const std::string& name) {
  LineReader reader(in, name);
  const std::vector<std::string> h =
      ReadHeader(reader, "fcsim-coloring", {"a", "b", "n"});
  const std::uint64_t a = reader.Unsigned(h[0], "a");
  const std::uint64_t b = reader.Unsigned(h[1], "b");
  if (a > kMaxPalette) reader.Fail("a = " + h[0] + " exceeds 2^24");
  if (b == 0 || b > a) reader.Fail("b must be in 1..a, got " + h[1]);
  const Vertex n = ParseN(reader, h[2]);
  ABColoring coloring(static_cast<std::uint32_t>(a),
                      static_cast<std::uint32_t>(b), n);
  ReadVertexLines(reader, n, [&](Vertex v, const std::vector<std::string>& t) {
    for (std::size_t i = 1; i < t.size(); ++i) {
      const std::uint64_t c = reader.Unsigned(t[i], "colour");
      if (c >= a) {
        reader.Fail("colour " + t[i] + " outside 0.." + std::to_string(a - 1));
      }
      if (coloring.Contains(v, static_cast<std::uint32_t>(c))) {
        reader.Fail("colour " + t[i] + " repeated for vertex " +
                    std::to_string(v));
      }
      coloring.Insert(v, static_cast<std::uint32_t>(c));
    }
  });
  return coloring;
}

ABColoring ReadColoring(const std::string& path) {
  std::ifstream in = OpenIn(path);
  return ReadColoring(in, path);
}

void WriteColoring(std::ostream& out, const ABColoring& coloring) {
  out << "fcsim-coloring 1 a=" << coloring.a() << " b=" << coloring.b()
      << " n=" << coloring.num_vertices() << "\n";
  for (Vertex v = 0; v < coloring.num_vertices(); ++v) {
    out << v;
    coloring.ForEach(v, [&](std::uint32_t c) { out << ' ' << c; });
    out << '\n';
  }
}

void WriteColoring(const std::string& path, const ABColoring& coloring) {
  WriteAtomically(path,
                  [&](std::ostream& out) { WriteColoring(out, coloring); });
}

IntervalSchedule ReadSchedule(std::istream& in, const std::string& name) {
  LineReader reader(in, name);
  const std::vector<std::string> h =
      ReadHeader(reader, "fcsim-schedule", {"T", "n"});
  const Rational frame = reader.ParseRational(h[0], "T");
  if (frame <= 0) reader.Fail("T must be positive, got " + h[0]);
  const Vertex n = ParseN(reader, h[1]);
  std::vector<std::vector<Interval>> lists(n);
  ReadVertexLines(reader, n, [&](Vertex v, const std::vector<std::string>& t) {
    for (std::size_t i = 1; i < t.size(); ++i) {
      const std::size_t dash = t[i].find('-');
      if (dash == std::string::npos || dash == 0) {
        reader.Fail("bad interval '" + t[i] + "' (expected <lo>-<hi>)");
      }
      const Rational lo =
          reader.ParseRational(std::string_view(t[i]).substr(0, dash), "lo");
      const Rational hi =
          reader.ParseRational(std::string_view(t[i]).substr(dash + 1), "hi");
      lists[v].push_back({lo, hi});
    }
  });
  return IntervalSchedule::FromLists(frame, lists);
}

IntervalSchedule ReadSchedule(const std::string& path) {
  std::ifstream in = OpenIn(path);
  return ReadSchedule(in, path);
}

void WriteSchedule(std::ostream& out, const IntervalSchedule& schedule) {
  out << "fcsim-schedule 1 T=" << schedule.frame()
      << " n=" << schedule.num_vertices() << "\n";
  for (Vertex v = 0; v < schedule.num_vertices(); ++v) {
    out << v;
    for (const Interval& i : schedule.intervals(v)) {
      out << ' ' << i.lo << '-' << i.hi;
    }
    out << '\n';
  }
}

void WriteSchedule(const std::string& path, const IntervalSchedule& schedule) {
  WriteAtomically(path,
                  [&](std::ostream& out) { WriteSchedule(out, schedule); });
}

}  // namespace fcsim
