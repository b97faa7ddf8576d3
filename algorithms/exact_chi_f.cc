#include "algorithms/exact_chi_f.h"

#include <glpk.h>
#include <gmpxx.h>

#include <algorithm>
#include <bit>
#include <map>
#include <memory>
#include <numeric>
#include <set>
#include <stdexcept>

namespace fcsim {
namespace {

constexpr int kMaxVertices = 64;
// Pricing tolerance in floating point; exactness comes later, from the
// rational re-solve and the exact dual check.
constexpr double kPriceTolerance = 1e-9;
constexpr int kMaxIterations = 20000;

using Mask = std::uint64_t;

Mask Bit(int v) { return Mask{1} << v; }

std::vector<Mask> AdjacencyMasks(const Graph& graph) {
  std::vector<Mask> adj(graph.num_vertices(), 0);
  for (Vertex v = 0; v < graph.num_vertices(); ++v) {
    for (Vertex u : graph.neighbors(v)) adj[v] |= Bit(static_cast<int>(u));
  }
  return adj;
}

// Maximum-weight independent set by Östergård's scheme (as in Cliquer, for
// cliques of the complement): vertices are put in an order; c[i] is the best
// weight inside the suffix starting at position i, computed for i = n-1
// down to 0; a branch whose candidates start at position j is cut as soon
// as cur + c[j] (or cur + the candidates' total weight) cannot beat the
// best. Works for any ordered additive weight type W.
template <typename W>
class MwisSolver {
 public:
  MwisSolver(const std::vector<Mask>& adj, const std::vector<W>& weight)
      : n_(static_cast<int>(adj.size())) {
    // Heavy, high-degree vertices early: the suffixes solved first are the
    // light, sparse ones, whose c[] values then prune the rest.
    order_.resize(n_);
    std::iota(order_.begin(), order_.end(), 0);
    std::stable_sort(order_.begin(), order_.end(), [&](int x, int y) {
      if (weight[x] != weight[y]) return weight[y] < weight[x];
      return std::popcount(adj[x]) > std::popcount(adj[y]);
    });
    std::vector<int> pos(n_);
    for (int i = 0; i < n_; ++i) pos[order_[i]] = i;
    adj_.assign(n_, 0);
    w_.resize(n_);
    for (int i = 0; i < n_; ++i) {
      const int v = order_[i];
      w_[i] = weight[v];
      for (Mask m = adj[v]; m != 0; m &= m - 1) {
        adj_[i] |= Bit(pos[std::countr_zero(m)]);
      }
    }
    c_.assign(n_, W{});
  }

  // Returns (best weight, mask in the original vertex numbering).
  std::pair<W, Mask> Solve() {
    best_ = W{};
    best_set_ = 0;
    for (int i = n_ - 1; i >= 0; --i) {
      if (W{} < w_[i]) {
        const Mask above = i + 1 >= 64 ? 0 : ~Mask{0} << (i + 1);
        const Mask cand = above & ~adj_[i] & All();
        if (cand == 0) {
          if (best_ < w_[i]) {
            best_ = w_[i];
            best_set_ = Bit(i);
          }
        } else {
          Expand(cand, w_[i], Bit(i));
        }
      }
      c_[i] = best_;
    }
    Mask original = 0;
    for (Mask m = best_set_; m != 0; m &= m - 1) {
      original |= Bit(order_[std::countr_zero(m)]);
    }
    return {best_, original};
  }

 private:
  Mask All() const { return n_ == 64 ? ~Mask{0} : (Bit(n_) - 1); }

  W Sum(Mask m) const {
    W s{};
    for (; m != 0; m &= m - 1) s = s + w_[std::countr_zero(m)];
    return s;
  }

  void Expand(Mask cand, W cur, Mask set) {
    while (cand != 0) {
      if (!(best_ < cur + Sum(cand))) return;
      const int i = std::countr_zero(cand);
      if (!(best_ < cur + c_[i])) return;
      cand &= cand - 1;
      const W next_weight = cur + w_[i];
      const Mask next = cand & ~adj_[i];
      if (next == 0) {
        if (best_ < next_weight) {
          best_ = next_weight;
          best_set_ = set | Bit(i);
        }
      } else {
        Expand(next, next_weight, set | Bit(i));
      }
    }
  }

  int n_;
  std::vector<int> order_;
  std::vector<Mask> adj_;
  std::vector<W> w_;
  std::vector<W> c_;
  W best_{};
  Mask best_set_ = 0;
};

// Adds vertices (ascending) until the set is maximal: a larger column is
// never worse for the covering LP.
Mask MakeMaximal(Mask set, const std::vector<Mask>& adj) {
  const int n = static_cast<int>(adj.size());
  Mask blocked = set;
  for (Mask m = set; m != 0; m &= m - 1) blocked |= adj[std::countr_zero(m)];
  for (int v = 0; v < n; ++v) {
    if ((blocked & Bit(v)) == 0) {
      set |= Bit(v);
      blocked |= Bit(v) | adj[v];
    }
  }
  return set;
}

// Greedy independent sets from every start vertex, by decreasing weight:
// cheap pricing that usually finds an improving column.
std::vector<Mask> GreedyPricing(const std::vector<Mask>& adj,
                                const std::vector<double>& y) {
  const int n = static_cast<int>(adj.size());
  std::vector<int> by_weight(n);
  std::iota(by_weight.begin(), by_weight.end(), 0);
  std::stable_sort(by_weight.begin(), by_weight.end(),
                   [&](int a, int b) { return y[a] > y[b]; });
  std::vector<std::pair<double, Mask>> found;
  for (int start = 0; start < n; ++start) {
    Mask set = Bit(start), blocked = Bit(start) | adj[start];
    double total = y[start];
    for (int v : by_weight) {
      if ((blocked & Bit(v)) == 0 && y[v] > 0) {
        set |= Bit(v);
        blocked |= Bit(v) | adj[v];
        total += y[v];
      }
    }
    if (total > 1 + kPriceTolerance) found.push_back({total, set});
  }
  std::sort(found.begin(), found.end(),
            [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<Mask> out;
  for (const auto& [w, m] : found) {
    const Mask full = MakeMaximal(m, adj);
    if (std::find(out.begin(), out.end(), full) == out.end()) {
      out.push_back(full);
    }
    if (out.size() >= 8) break;
  }
  return out;
}

// Solves the square system M x = rhs exactly (Gauss-Jordan over Q).
std::vector<mpq_class> SolveExact(std::vector<std::vector<mpq_class>> m,
                                  std::vector<mpq_class> rhs) {
  const std::size_t k = rhs.size();
  for (std::size_t col = 0; col < k; ++col) {
    std::size_t pivot = col;
    while (pivot < k && m[pivot][col] == 0) ++pivot;
    if (pivot == k) {
      throw std::runtime_error("exact χ_f: the final GLPK basis is singular");
    }
    std::swap(m[pivot], m[col]);
    std::swap(rhs[pivot], rhs[col]);
    const mpq_class inv = 1 / m[col][col];
    for (std::size_t j = col; j < k; ++j) m[col][j] *= inv;
    rhs[col] *= inv;
    for (std::size_t r = 0; r < k; ++r) {
      if (r == col || m[r][col] == 0) continue;
      const mpq_class f = m[r][col];
      for (std::size_t j = col; j < k; ++j) m[r][j] -= f * m[col][j];
      rhs[r] -= f * rhs[col];
    }
  }
  return rhs;
}

// The maximum y-weight of an independent set, exactly, and a set reaching
// it. y is scaled to integers by the common denominator D: returns
// (max Σ y_v D, D, mask).
struct ExactPrice {
  mpz_class weight;
  mpz_class scale;
  Mask set = 0;
};

ExactPrice ExactMaxWeight(const std::vector<Mask>& adj,
                          const std::vector<mpq_class>& y) {
  mpz_class scale = 1;
  for (const mpq_class& q : y) {
    mpz_lcm(scale.get_mpz_t(), scale.get_mpz_t(), q.get_den_mpz_t());
  }
  std::vector<mpz_class> w(y.size());
  for (std::size_t v = 0; v < y.size(); ++v) {
    mpq_class scaled = y[v] * scale;
    scaled.canonicalize();
    w[v] = scaled.get_num();
  }
  ExactPrice out;
  out.scale = scale;
  // Sums of <= 64 weights each <= 64 * scale: int64 is exact when
  // 64 * 64 * scale < 2^63 or so; otherwise use GMP integers (slower).
  const bool fits = mpz_sizeinbase(scale.get_mpz_t(), 2) <= 48 &&
                    std::all_of(w.begin(), w.end(), [](const mpz_class& x) {
                      return mpz_sizeinbase(x.get_mpz_t(), 2) <= 50;
                    });
  if (fits) {
    std::vector<std::int64_t> wi(w.size());
    for (std::size_t v = 0; v < w.size(); ++v) wi[v] = w[v].get_si();
    auto [best, mask] = MwisSolver<std::int64_t>(adj, wi).Solve();
    out.weight = mpz_class(std::to_string(best));
    out.set = mask;
  } else {
    auto [best, mask] = MwisSolver<mpz_class>(adj, w).Solve();
    out.weight = best;
    out.set = mask;
  }
  return out;
}

std::vector<Vertex> MaskVertices(Mask m) {
  std::vector<Vertex> out;
  for (; m != 0; m &= m - 1) out.push_back(std::countr_zero(m));
  return out;
}

struct LpDeleter {
  void operator()(glp_prob* lp) const { glp_delete_prob(lp); }
};

}  // namespace

std::pair<std::int64_t, std::uint64_t> MaxWeightIndependentSet(
    const Graph& graph, std::span<const std::int64_t> weights) {
  if (graph.num_vertices() > kMaxVertices) {
    throw std::invalid_argument(
        "MaxWeightIndependentSet: more than 64 vertices");
  }
  if (weights.size() != graph.num_vertices()) {
    throw std::invalid_argument("MaxWeightIndependentSet: weights size");
  }
  for (std::int64_t w : weights) {
    if (w < 0) throw std::invalid_argument("MaxWeightIndependentSet: w < 0");
  }
  const std::vector<Mask> adj = AdjacencyMasks(graph);
  return MwisSolver<std::int64_t>(
             adj, std::vector<std::int64_t>(weights.begin(), weights.end()))
      .Solve();
}

ChiF ExactFractionalChromaticNumber(const Graph& graph) {
  const int n = static_cast<int>(graph.num_vertices());
  if (graph.num_vertices() > kMaxVertices) {
    throw std::invalid_argument("exact χ_f: the graph has " +
                                std::to_string(graph.num_vertices()) +
                                " vertices, at most 64 are supported");
  }
  ChiF result;
  if (n == 0) return result;
  const std::vector<Mask> adj = AdjacencyMasks(graph);

  glp_term_out(GLP_OFF);
  std::unique_ptr<glp_prob, LpDeleter> lp(glp_create_prob());
  glp_set_obj_dir(lp.get(), GLP_MIN);
  glp_add_rows(lp.get(), n);
  for (int v = 0; v < n; ++v) {
    glp_set_row_bnds(lp.get(), v + 1, GLP_LO, 1.0, 0.0);
  }
  std::vector<Mask> columns;
  std::set<Mask> known;
  auto add_column = [&](Mask m) {
    if (!known.insert(m).second) return false;
    columns.push_back(m);
    const int j = glp_add_cols(lp.get(), 1);
    glp_set_col_bnds(lp.get(), j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(lp.get(), j, 1.0);
    std::vector<int> ind{0};
    std::vector<double> val{0.0};
    for (Mask b = m; b != 0; b &= b - 1) {
      ind.push_back(std::countr_zero(b) + 1);
      val.push_back(1.0);
    }
    glp_set_mat_col(lp.get(), j, static_cast<int>(ind.size()) - 1, ind.data(),
                    val.data());
    return true;
  };
  // Initial columns: the classes of a greedy colouring, made maximal, so
  // that the master is feasible from the start.
  {
    std::vector<int> colour(n, -1);
    int colours = 0;
    for (int v = 0; v < n; ++v) {
      Mask used = 0;
      for (Mask m = adj[v]; m != 0; m &= m - 1) {
        const int c = colour[std::countr_zero(m)];
        if (c >= 0) used |= Bit(c);
      }
      colour[v] = std::countr_one(used);
      colours = std::max(colours, colour[v] + 1);
    }
    for (int c = 0; c < colours; ++c) {
      Mask cls = 0;
      for (int v = 0; v < n; ++v) {
        if (colour[v] == c) cls |= Bit(v);
      }
      add_column(MakeMaximal(cls, adj));
    }
  }

  glp_smcp parm;
  glp_init_smcp(&parm);
  parm.msg_lev = GLP_MSG_OFF;
  std::vector<double> y(n);
  for (int iteration = 0; iteration < kMaxIterations; ++iteration) {
    if (glp_simplex(lp.get(), &parm) != 0 ||
        glp_get_status(lp.get()) != GLP_OPT) {
      throw std::runtime_error("exact χ_f: GLPK simplex failed on the master");
    }
    for (int v = 0; v < n; ++v) {
      y[v] = std::max(0.0, glp_get_row_dual(lp.get(), v + 1));
    }
    bool added = false;
    for (Mask m : GreedyPricing(adj, y)) added |= add_column(m);
    if (added) continue;
    auto [best, mask] = MwisSolver<double>(adj, y).Solve();
    if (best > 1 + kPriceTolerance && add_column(MakeMaximal(mask, adj))) {
      continue;
    }

    // Floating-point optimum reached: re-solve exactly, rebuild the primal
    // and the dual from the final basis with GMP, and price exactly.
    ++result.exact_rounds;
    if (glp_exact(lp.get(), &parm) != 0 ||
        glp_get_status(lp.get()) != GLP_OPT) {
      throw std::runtime_error("exact χ_f: glp_exact failed on the master");
    }
    std::vector<int> tight_rows, basic_cols;
    for (int v = 0; v < n; ++v) {
      if (glp_get_row_stat(lp.get(), v + 1) != GLP_BS) tight_rows.push_back(v);
    }
    for (int j = 0; j < static_cast<int>(columns.size()); ++j) {
      if (glp_get_col_stat(lp.get(), j + 1) == GLP_BS) basic_cols.push_back(j);
    }
    if (tight_rows.size() != basic_cols.size()) {
      throw std::runtime_error("exact χ_f: inconsistent GLPK basis");
    }
    const std::size_t k = tight_rows.size();
    std::vector<std::vector<mpq_class>> m(k, std::vector<mpq_class>(k));
    std::vector<std::vector<mpq_class>> mt(k, std::vector<mpq_class>(k));
    for (std::size_t r = 0; r < k; ++r) {
      for (std::size_t c = 0; c < k; ++c) {
        const bool in = (columns[basic_cols[c]] & Bit(tight_rows[r])) != 0;
        m[r][c] = in ? 1 : 0;
        mt[c][r] = m[r][c];
      }
    }
    const std::vector<mpq_class> lambda =
        SolveExact(m, std::vector<mpq_class>(k, mpq_class(1)));
    const std::vector<mpq_class> y_tight =
        SolveExact(mt, std::vector<mpq_class>(k, mpq_class(1)));
    std::vector<mpq_class> y_exact(n, mpq_class(0));
    for (std::size_t r = 0; r < k; ++r) y_exact[tight_rows[r]] = y_tight[r];

    const ExactPrice price = ExactMaxWeight(adj, y_exact);
    if (price.weight > price.scale) {
      // A column the floating-point pricing missed: continue generating.
      if (!add_column(MakeMaximal(price.set, adj))) {
        throw std::runtime_error(
            "exact χ_f: exact pricing found an existing column violated");
      }
      continue;
    }
    mpq_class primal_sum = 0, dual_sum = 0;
    for (const mpq_class& l : lambda) primal_sum += l;
    for (const mpq_class& v : y_exact) dual_sum += v;
    if (primal_sum != dual_sum) {
      throw std::runtime_error("exact χ_f: primal " + primal_sum.get_str() +
                               " != dual " + dual_sum.get_str());
    }
    result.value = Rational::FromMpq(primal_sum);
    for (std::size_t c = 0; c < k; ++c) {
      if (lambda[c] == 0) continue;
      result.primal.push_back(
          {MaskVertices(columns[basic_cols[c]]), Rational::FromMpq(lambda[c])});
    }
    result.dual.reserve(n);
    for (const mpq_class& v : y_exact) {
      result.dual.push_back(Rational::FromMpq(v));
    }
    result.columns = columns.size();
    std::string why;
    if (!CheckCertificate(graph, result, &why)) {
      throw std::runtime_error("exact χ_f: certificate check failed: " + why);
    }
    return result;
  }
  throw std::runtime_error("exact χ_f: column generation did not converge");
}

bool CheckCertificate(const Graph& graph, const ChiF& cert, std::string* why) {
  auto fail = [&](const std::string& reason) {
    if (why != nullptr) *why = reason;
    return false;
  };
  const Vertex n = graph.num_vertices();
  if (n > kMaxVertices) return fail("more than 64 vertices");
  if (cert.dual.size() != n) return fail("dual has the wrong size");
  const std::vector<Mask> adj = AdjacencyMasks(graph);
  // Primal: independent sets with positive weights covering every vertex.
  mpq_class primal_sum = 0;
  std::vector<mpq_class> cover(n, mpq_class(0));
  for (const WeightedIndependentSet& s : cert.primal) {
    if (s.weight <= 0) return fail("a primal weight is not positive");
    Mask m = 0;
    for (Vertex v : s.vertices) {
      if (v >= n) return fail("a primal set has a vertex out of range");
      if ((m & Bit(static_cast<int>(v))) != 0) {
        return fail("a primal set repeats a vertex");
      }
      if ((adj[v] & m) != 0) {
        return fail("primal set contains edge at vertex " + std::to_string(v));
      }
      m |= Bit(static_cast<int>(v));
    }
    const mpq_class w = s.weight.ToMpq();
    primal_sum += w;
    for (Vertex v : s.vertices) cover[v] += w;
  }
  for (Vertex v = 0; v < n; ++v) {
    if (cover[v] < 1) {
      return fail("vertex " + std::to_string(v) + " covered only " +
                  cover[v].get_str());
    }
  }
  if (primal_sum != cert.value.ToMpq()) {
    return fail("primal weights sum to " + primal_sum.get_str() + ", not " +
                cert.value.ToString());
  }
  // Dual: a fractional clique of the same value.
  std::vector<mpq_class> y(n);
  mpq_class dual_sum = 0;
  for (Vertex v = 0; v < n; ++v) {
    if (cert.dual[v] < 0) return fail("negative dual at " + std::to_string(v));
    y[v] = cert.dual[v].ToMpq();
    dual_sum += y[v];
  }
  if (dual_sum != cert.value.ToMpq()) {
    return fail("dual sums to " + dual_sum.get_str() + ", not " +
                cert.value.ToString());
  }
  if (n == 0) return true;
  const ExactPrice price = ExactMaxWeight(adj, y);
  if (price.weight > price.scale) {
    mpq_class over(price.weight, price.scale);
    over.canonicalize();
    return fail("an independent set has dual weight " + over.get_str() +
                " > 1");
  }
  return true;
}

}  // namespace fcsim
