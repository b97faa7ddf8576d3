#include "graphs/spec.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <functional>
#include <limits>
#include <sstream>
#include <stdexcept>

#include "graphs/generators.h"
#include "graphs/io.h"

namespace fcsim {
namespace {

std::string Trim(const std::string& s) {
  const auto begin = s.find_first_not_of(" \t\r\n");
  if (begin == std::string::npos) return "";
  const auto end = s.find_last_not_of(" \t\r\n");
  return s.substr(begin, end - begin + 1);
}

[[noreturn]] void SpecError(const std::string& spec, const std::string& what) {
  throw std::invalid_argument("graph spec '" + spec + "': " + what);
}

// Splits "k=v,k=v" at top-level separators, honouring brackets.
std::vector<std::string> SplitParams(const std::string& spec,
                                     const std::string& text) {
  std::vector<std::string> items;
  std::string current;
  int depth = 0;
  for (char c : text) {
    if (c == '[') ++depth;
    if (c == ']' && --depth < 0) SpecError(spec, "unbalanced ']'");
    if (depth == 0 && (c == ',' || c == ';')) {
      items.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  if (depth != 0) SpecError(spec, "unbalanced '['");
  items.push_back(current);
  return items;
}

// Parameter access with typed, range-checked conversions; every failure
// names the spec, the key and the value.
class Args {
 public:
  Args(std::string spec, std::map<std::string, std::string> values)
      : spec_(std::move(spec)), values_(std::move(values)) {}

  const std::string& Text(const std::string& key) const {
    return values_.at(key);
  }

  std::uint64_t Count(const std::string& key, std::uint64_t max) const {
    const std::string& v = Text(key);
    std::uint64_t out = 0;
    const char* end = v.data() + v.size();
    auto [ptr, ec] = std::from_chars(v.data(), end, out);
    if (ec == std::errc() && ptr == end) {
      if (out > max) OutOfRange(key, max);
      return out;
    }
    if (ec == std::errc::result_out_of_range) OutOfRange(key, max);
    // Scientific notation such as 1e6 or 2.5e3, when it denotes an integer.
    const double d = ParseDouble(key, "a non-negative integer");
    if (d < 0 || d != std::floor(d)) Bad(key, "a non-negative integer");
    if (d > static_cast<double>(max)) OutOfRange(key, max);
    return static_cast<std::uint64_t>(d);
  }
  Vertex VertexCount(const std::string& key) const {
    return static_cast<Vertex>(Count(key, kNoVertex - 1));
  }
  int Int(const std::string& key, int max = 1 << 30) const {
    return static_cast<int>(Count(key, static_cast<std::uint64_t>(max)));
  }
  std::uint64_t Seed() const {
    return Count("seed", std::numeric_limits<std::uint64_t>::max());
  }
  double Real(const std::string& key) const {
    return ParseDouble(key, "a number");
  }
  bool Flag(const std::string& key) const {
    const std::string& v = Text(key);
    if (v == "1" || v == "true" || v == "yes") return true;
    if (v == "0" || v == "false" || v == "no") return false;
    Bad(key, "0/1/true/false/yes/no");
  }
  std::vector<Vertex> Dims(const std::string& key) const {
    std::vector<Vertex> dims;
    std::string part;
    std::stringstream in(Text(key));
    while (std::getline(in, part, 'x')) {
      Args one(spec_, {{key, part}});
      dims.push_back(one.VertexCount(key));
    }
    if (dims.empty()) Bad(key, "side lengths such as 100x100");
    return dims;
  }
  Graph Nested(const std::string& key) const { return MakeGraph(Text(key)); }

  [[noreturn]] void Bad(const std::string& key, const std::string& want) const {
    SpecError(spec_, "bad value '" + Text(key) + "' for '" + key +
                         "' (expected " + want + ")");
  }

 private:
  double ParseDouble(const std::string& key, const std::string& want) const {
    const std::string& v = Text(key);
    if (v.empty()) Bad(key, want);
    std::size_t used = 0;
    double d = 0;
    try {
      d = std::stod(v, &used);
    } catch (const std::exception&) {
      Bad(key, want);
    }
    if (used != v.size() || !std::isfinite(d)) Bad(key, want);
    return d;
  }
  [[noreturn]] void OutOfRange(const std::string& key,
                               std::uint64_t max) const {
    SpecError(spec_, "value '" + Text(key) + "' for '" + key +
                         "' is out of range (at most " + std::to_string(max) +
                         ")");
  }

  std::string spec_;
  std::map<std::string, std::string> values_;
};

struct Family {
  FamilyInfo info;
  std::function<Graph(const Args&)> build;
};

const FamilyParam kSeed{"seed", "random seed", "1"};

const std::vector<Family>& Registry() {
  static const std::vector<Family> families = {
      {{"path",
        "path P_n: 0 - 1 - ... - n-1",
        {{"n", "vertices", ""}},
        "tree, bipartite, Δ = 2 (n >= 3), χ_f = 2 (n >= 2)",
        "path:n=100"},
       [](const Args& a) { return Path(a.VertexCount("n")); }},
      {{"cycle",
        "cycle C_n: i ~ i+1 mod n",
        {{"n", "vertices (>= 3)", ""}},
        "2-regular, girth n, bipartite iff n even; χ_f = 2 (n even), 2 + "
        "1/k (n = 2k+1)",
        "cycle:n=1000"},
       [](const Args& a) { return Cycle(a.VertexCount("n")); }},
      {{"complete",
        "complete graph K_n",
        {{"n", "vertices", ""}},
        "(n-1)-regular, contains K_{Δ+1}, χ_f = n",
        "complete:n=5"},
       [](const Args& a) { return Complete(a.VertexCount("n")); }},
      {{"completebipartite",
        "complete bipartite K_{a,b}: 0..a-1 | a..a+b-1",
        {{"a", "left side", ""}, {"b", "right side", ""}},
        "bipartite, girth 4 (a, b >= 2), χ_f = 2",
        "completebipartite:a=3,b=4"},
       [](const Args& a) {
         return CompleteBipartite(a.VertexCount("a"), a.VertexCount("b"));
       }},
      {{"star",
        "star K_{1,leaves}, centre 0",
        {{"leaves", "leaves", ""}},
        "tree, Δ = leaves, χ_f = 2",
        "star:leaves=10"},
       [](const Args& a) { return Star(a.VertexCount("leaves")); }},
      {{"grid",
        "d-dimensional box, row-major numbering (last coordinate fastest)",
        {{"dims", "side lengths, e.g. 1000x1000", ""},
         {"torus", "wrap every side (sides >= 3)", "0"}},
        "box: bipartite, Δ = 2d (all sides >= 3), girth 4 (two sides >= 2), "
        "χ_f = 2; torus: 2d-regular, bipartite iff all sides even",
        "grid:dims=100x100"},
       [](const Args& a) { return Grid(a.Dims("dims"), a.Flag("torus")); }},
      {{"torus",
        "d-dimensional torus (every side wraps), row-major",
        {{"dims", "side lengths >= 3, e.g. 6x6", ""}},
        "2d-regular, vertex-transitive; bipartite (χ_f = 2) iff all sides "
        "even; 2-D C_a x C_b with smallest odd side 2k+1: χ_f = 2 + 1/k",
        "torus:dims=6x6"},
       [](const Args& a) { return Grid(a.Dims("dims"), true); }},
      {{"hypercube",
        "hypercube Q_d on 0..2^d-1, bit-flip adjacency",
        {{"d", "dimension (0..31)", ""}},
        "d-regular, bipartite, girth 4 (d >= 2), χ_f = 2",
        "hypercube:d=10"},
       [](const Args& a) { return Hypercube(a.Int("d", 31)); }},
      {{"tree",
        "uniform random labelled tree (Prüfer sequence)",
        {{"n", "vertices", ""}, kSeed},
        "tree (connected, acyclic), bipartite, χ_f = 2 (n >= 2)",
        "tree:n=1e4,seed=3"},
       [](const Args& a) { return RandomTree(a.VertexCount("n"), a.Seed()); }},
      {{"karytree",
        "complete arity-ary tree, root 0, BFS numbering",
        {{"arity", "children per internal vertex", ""},
         {"depth", "levels below the root", ""}},
        "tree, Δ = arity + 1 (depth >= 2), χ_f = 2",
        "karytree:arity=3,depth=8"},
       [](const Args& a) {
         return CompleteTree(a.Int("arity"), a.Int("depth"));
       }},
      {{"regular",
        "random simple d-regular graph (configuration model + switchings)",
        {{"n", "vertices", ""},
         {"d", "degree (n*d even, d < n)", ""},
         {"girth", "minimum girth (short cycles switched away)", "3"},
         kSeed},
        "simple, d-regular, girth >= girth (checked by construction)",
        "regular:n=1e4,d=4,girth=5,seed=7"},
       [](const Args& a) {
         return RandomRegular(a.VertexCount("n"), a.Int("d"), a.Seed(),
                              a.Int("girth", 64));
       }},
      {{"gnp",
        "Erdős–Rényi G(n, p)",
        {{"n", "vertices", ""},
         {"p", "edge probability", ""},
         kSeed,
         {"maxdeg", "degree cap (0 = none); excess edges dropped", "0"}},
        "Δ <= maxdeg when maxdeg > 0",
        "gnp:n=1000,p=0.01,maxdeg=8"},
       [](const Args& a) {
         return Gnp(a.VertexCount("n"), a.Real("p"), a.Seed(), a.Int("maxdeg"));
       }},
      {{"gnm",
        "Erdős–Rényi G(n, m): m distinct uniform edges",
        {{"n", "vertices", ""},
         {"m", "edges", ""},
         kSeed,
         {"maxdeg", "degree cap (0 = none); excess edges dropped", "0"}},
        "exactly m edges without cap; Δ <= maxdeg when maxdeg > 0",
        "gnm:n=1e4,m=3e4"},
       [](const Args& a) {
         return Gnm(a.VertexCount("n"),
                    a.Count("m", std::numeric_limits<std::uint64_t>::max()),
                    a.Seed(), a.Int("maxdeg"));
       }},
      {{"geometric",
        "random geometric (unit-disk) graph: uniform points in [0,1)^2",
        {{"n", "vertices", ""}, {"radius", "connection radius", ""}, kSeed},
        "u ~ v iff Euclidean distance <= radius",
        "geometric:n=1e4,radius=0.02"},
       [](const Args& a) {
         return RandomGeometric(a.VertexCount("n"), a.Real("radius"), a.Seed());
       }},
      {{"kneser",
        "Kneser graph K(n, k): k-subsets, adjacent when disjoint",
        {{"n", "ground set size (<= 64)", ""}, {"k", "subset size", ""}},
        "C(n-k, k)-regular, vertex-transitive, χ_f = n/k (n >= 2k)",
        "kneser:n=7,k=3"},
       [](const Args& a) { return Kneser(a.Int("n", 64), a.Int("k", 64)); }},
      {{"petersen",
        "Petersen graph = K(5, 2)",
        {},
        "3-regular, girth 5, χ_f = 5/2",
        "petersen"},
       [](const Args&) { return Petersen(); }},
      {{"mycielski",
        "Mycielski graph M_k (M_2 = K_2, M_3 = C_5, M_4 = Grötzsch)",
        {{"k", "index (1..16)", ""}},
        "triangle-free, χ = k; χ_f(M_2..M_5) = 2, 5/2, 29/10, 941/290",
        "mycielski:k=4"},
       [](const Args& a) { return Mycielski(a.Int("k", 16)); }},
      {{"chvatal",
        "Chvátal graph (12 vertices, 24 edges)",
        {},
        "4-regular, triangle-free, χ = 4, χ_f = 3",
        "chvatal"},
       [](const Args&) { return Chvatal(); }},
      {{"cyclepower",
        "k-th power of C_n: cyclic distance <= k",
        {{"n", "vertices (>= 3)", ""}, {"k", "power", ""}},
        "2k-regular when n > 2k+1; C_8^2: 4-regular, no K_5, χ_f = 4",
        "cyclepower:n=8,k=2"},
       [](const Args& a) {
         return CyclePower(a.VertexCount("n"), a.Int("k"));
       }},
      {{"lex",
        "lexicographic product G[H], (g, h) numbered g*|H| + h",
        {{"outer", "spec of G", ""}, {"inner", "spec of H", ""}},
        "deg(g,h) = deg_G(g)|H| + deg_H(h); C_5[K_2]: 10 vertices, 25 edges, "
        "5-regular, no K_6, χ_f = 5",
        "lex:outer=cycle:n=5,inner=complete:n=2"},
       [](const Args& a) {
         return LexicographicProduct(a.Nested("outer"), a.Nested("inner"));
       }},
      {{"replacement",
        "K_Δ-replacement of a Δ-regular graph: v -> clique v*Δ..v*Δ+Δ-1, "
        "one port per edge",
        {{"of", "spec of a Δ-regular graph", ""}},
        "Δ-regular, n*Δ vertices, n*Δ(Δ-1)/2 + n*Δ/2 edges, contains K_Δ, no "
        "K_{Δ+1}, χ_f = Δ (BEP lower-bound gadget)",
        "replacement:of=[regular:n=1000,d=4,girth=6]"},
       [](const Args& a) { return CliqueReplacement(a.Nested("of")); }},
      {{"planar",
        "random planar triangulation (random face insertions and edge "
        "splits), then non-spanning-tree edges deleted with prob. delete",
        {{"n", "vertices", ""},
         kSeed,
         {"delete", "fraction of non-tree edges deleted", "0"},
         {"maxdeg", "degree cap (>= 7; 0 = none: heavy-tailed degrees)", "0"}},
        "planar, connected, Δ <= maxdeg when maxdeg > 0; delete=0: maximal "
        "planar (3n-6 edges, n >= 3)",
        "planar:n=1e4,seed=2,delete=0.3,maxdeg=10"},
       [](const Args& a) {
         return RandomPlanar(a.VertexCount("n"), a.Seed(), a.Real("delete"),
                             a.Int("maxdeg"));
       }},
      {{"outerplanar",
        "random maximal outerplanar graph (ears glued on random outer edges)",
        {{"n", "vertices", ""}, kSeed},
        "outerplanar, 2n-3 edges (n >= 2), Hamiltonian outer cycle",
        "outerplanar:n=1000"},
       [](const Args& a) {
         return RandomOuterplanar(a.VertexCount("n"), a.Seed());
       }},
      {{"ktree",
        "random partial w-tree: random w-tree, then non-spanning-tree edges "
        "deleted with prob. delete",
        {{"n", "vertices", ""},
         {"w", "treewidth bound", ""},
         kSeed,
         {"delete", "fraction of non-tree edges deleted", "0.5"}},
        "treewidth <= w, connected (hence K_{w+2}-minor-free)",
        "ktree:n=1e4,w=3"},
       [](const Args& a) {
         return RandomPartialKTree(a.VertexCount("n"), a.Int("w"), a.Seed(),
                                   a.Real("delete"));
       }},
      {{"subdivide",
        "every edge replaced by a path with s internal vertices",
        {{"of", "spec of the graph to subdivide", ""},
         {"s", "internal vertices per edge", ""}},
        "girth = girth(G)*(s+1); planar / minor-closed class membership kept",
        "subdivide:s=3,of=[planar:n=1000,seed=1]"},
       [](const Args& a) { return Subdivide(a.Nested("of"), a.Int("s")); }},
      {{"file",
        "a graph file (format by extension unless given)",
        {{"path", "file path", ""},
         {"format",
          "edgelist, metis, dimacs, mtx, graphml, dot, g6, s6, or auto (by "
          "extension)",
          "auto"},
         {"strict", "refuse self-loops and repeated edges", "0"}},
        "as read; self-loops and repeated edges dropped with a warning",
        "file:roads.mtx"},
       [](const Args& a) {
         ReadOptions options;
         options.strict = a.Flag("strict");
         const std::string& format = a.Text("format");
         if (format == "auto") return ReadGraph(a.Text("path"), options);
         return ReadGraph(a.Text("path"), ParseGraphFormat(format), options);
       }},
  };
  return families;
}

}  // namespace

GraphSpec ParseGraphSpec(const std::string& text) {
  const std::string spec = Trim(text);
  if (spec.empty()) SpecError(text, "empty spec");
  GraphSpec out;
  const auto colon = spec.find(':');
  out.family = spec.substr(0, colon);
  for (char c : out.family) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-') {
      SpecError(spec, "bad family name '" + out.family + "'");
    }
  }
  if (out.family.empty()) SpecError(spec, "missing family name");
  if (colon == std::string::npos) return out;
  const std::string rest = spec.substr(colon + 1);
  if (out.family == "file" && rest.rfind("path=", 0) != 0) {
    // A path may hold ',' '=' ':' freely: take it whole.
    if (rest.empty()) SpecError(spec, "missing file path");
    out.params["path"] = rest;
    return out;
  }
  for (const std::string& raw : SplitParams(spec, rest)) {
    const std::string item = Trim(raw);
    if (item.empty()) SpecError(spec, "empty parameter");
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      SpecError(spec,
                "parameter '" + item + "' has no value (expected key=value)");
    }
    const std::string key = Trim(item.substr(0, eq));
    std::string value = Trim(item.substr(eq + 1));
    if (key.empty()) SpecError(spec, "parameter '" + item + "' has no key");
    if (value.size() >= 2 && value.front() == '[' && value.back() == ']') {
      value = Trim(value.substr(1, value.size() - 2));
    }
    if (!out.params.emplace(key, value).second) {
      SpecError(spec, "key '" + key + "' given twice");
    }
  }
  return out;
}

namespace {

// Checks a parsed spec against the registry and builds it; `text` is the
// spec as the user wrote it, for error messages.
Graph Build(const GraphSpec& parsed, const std::string& text) {
  const Family* family = nullptr;
  for (const Family& f : Registry()) {
    if (f.info.name == parsed.family) family = &f;
  }
  if (family == nullptr) {
    std::string names;
    for (const Family& f : Registry()) {
      names += (names.empty() ? "" : ", ") + f.info.name;
    }
    SpecError(text,
              "unknown family '" + parsed.family + "' (known: " + names + ")");
  }
  std::map<std::string, std::string> values;
  for (const auto& [key, value] : parsed.params) {
    bool known = false;
    for (const FamilyParam& p : family->info.params) known |= p.name == key;
    if (!known) {
      std::string names;
      for (const FamilyParam& p : family->info.params) {
        names += (names.empty() ? "" : ", ") + p.name;
      }
      SpecError(text, "unknown key '" + key + "' for family '" + parsed.family +
                          "' (known: " + (names.empty() ? "none" : names) +
                          ")");
    }
    values[key] = value;
  }
  for (const FamilyParam& p : family->info.params) {
    if (values.count(p.name)) continue;
    if (p.default_value.empty()) {
      SpecError(text, "missing required key '" + p.name + "' for family '" +
                          parsed.family + "'");
    }
    values[p.name] = p.default_value;
  }
  return family->build(Args(text, std::move(values)));
}

}  // namespace

Graph MakeGraph(const std::string& spec) {
  return Build(ParseGraphSpec(spec), Trim(spec));
}

Graph MakeGraph(const GraphSpec& spec) {
  std::string text = spec.family;
  char sep = ':';
  for (const auto& [key, value] : spec.params) {
    text += sep + key + "=" + value;
    sep = ',';
  }
  return Build(spec, text);
}

const std::vector<FamilyInfo>& GraphFamilies() {
  static const std::vector<FamilyInfo> infos = [] {
    std::vector<FamilyInfo> out;
    for (const Family& f : Registry()) out.push_back(f.info);
    return out;
  }();
  return infos;
}

std::string DescribeGraphFamilies() {
  std::ostringstream out;
  for (const FamilyInfo& f : GraphFamilies()) {
    out << f.name << " - " << f.summary << "\n";
    for (const FamilyParam& p : f.params) {
      out << "    " << p.name << ": " << p.description;
      if (!p.default_value.empty())
        out << " [default " << p.default_value << "]";
      out << "\n";
    }
    out << "    guarantees: " << f.properties << "\n";
    out << "    example: " << f.example << "\n";
  }
  return out.str();
}

}  // namespace fcsim
