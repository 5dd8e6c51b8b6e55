// The steps of views (compiler/diff_views.h): what changed between two canonical schemas'
// views. Queries are compared as PostgreSQL prints them (pg_get_viewdef on both sides), never
// as written. A query whose columns stay or are only appended is replaced in place (CREATE OR
// REPLACE VIEW); any other change of columns, and any change of a materialized view's query,
// drops the view and creates it again, with every view that uses it dropped before and created
// after (PostgreSQL refuses to drop a view others use; CASCADE is never written).

#include "compiler/diff_views.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <string_view>
#include <tuple>

namespace schemac {

using plan::Step;
using plan::StepKind;

namespace {

bool IsWordStart(unsigned char c) { return std::isalpha(c) || c == '_' || c >= 0x80; }
bool IsWordChar(unsigned char c) { return std::isalnum(c) || c == '_' || c == '$' || c >= 0x80; }

bool SameIndex(const ir::Index& a, const ir::Index& b) {
  auto key = [](const ir::IndexKey& k) {
    return std::tie(k.column, k.expression, k.collation, k.opclass, k.order, k.nulls_first);
  };
  if (a.keys.size() != b.keys.size()) return false;
  for (size_t i = 0; i < a.keys.size(); ++i) {
    if (key(a.keys[i]) != key(b.keys[i])) return false;
  }
  return a.unique == b.unique && a.method == b.method && a.include == b.include &&
         a.nulls_not_distinct == b.nulls_not_distinct && a.with == b.with && a.where == b.where &&
         !a.invalid && !b.invalid;
}

bool SameColumn(const ir::ViewColumn& a, const ir::ViewColumn& b) {
  return a.name == b.name && a.type == b.type;
}

// CREATE OR REPLACE VIEW keeps the old columns (names and types) and may append new ones.
bool Replaceable(const ir::View& old, const ir::View& now) {
  if (old.materialized || now.materialized) return false;
  if (now.columns.size() < old.columns.size()) return false;
  return std::equal(old.columns.begin(), old.columns.end(), now.columns.begin(), SameColumn);
}

bool SameOptions(const ir::View& a, const ir::View& b) {
  return a.security_invoker == b.security_invoker && a.security_barrier == b.security_barrier &&
         a.check_option == b.check_option;
}

// Which view of one schema uses which: by the schema's pg_depend edges when any of them has a
// view as its dependent, else by the names in each view's query. Worked out once per list of
// views: asked for every pair of views, walking every edge (or reading the query again) at
// each question cost views² × edges, about a quarter of a second of a 1,000-table plan with
// 100 views (tools/bench/bench_objects.sh, docs/benchmarks.md).
class ViewUses {
 public:
  ViewUses(const std::vector<ir::View>& views, const std::vector<ir::Dependency>& dependencies)
      : views_(views) {
    by_edges_ = std::any_of(dependencies.begin(), dependencies.end(), [](const ir::Dependency& d) {
      return d.dependent.kind == ir::ObjectKind::kView;
    });
    if (!by_edges_) {
      words_.reserve(views.size());
      for (const ir::View& view : views) words_.push_back(ViewQueryWords(view.query));
      return;
    }
    std::map<ir::QualifiedName, std::vector<size_t>> by_name;
    for (size_t i = 0; i < views.size(); ++i) by_name[views[i].name].push_back(i);
    for (const ir::Dependency& d : dependencies) {
      if (d.dependent.kind != ir::ObjectKind::kView) continue;
      auto user = by_name.find(d.dependent.name);
      auto used = by_name.find(d.referenced.name);
      if (user == by_name.end() || used == by_name.end()) continue;
      for (size_t u : user->second) {
        for (size_t r : used->second) edges_.emplace(u, r);
      }
    }
  }

  /// Whether views[user] uses views[used] (never itself).
  bool operator()(size_t user, size_t used) const {
    if (user == used) return false;
    if (by_edges_) return edges_.count({user, used}) > 0;
    return words_[user].count(views_[used].name.name) > 0;
  }
  /// The same, for two views of the list.
  bool operator()(const ir::View& user, const ir::View& used) const {
    return (*this)(static_cast<size_t>(&user - views_.data()),
                   static_cast<size_t>(&used - views_.data()));
  }

 private:
  const std::vector<ir::View>& views_;
  bool by_edges_ = false;
  std::set<std::pair<size_t, size_t>> edges_;  // (user, used), indexes into views_
  std::vector<std::set<std::string>> words_;   // per view, its query's words
};

std::string Key(const ir::QualifiedName& name) { return name.ToString(); }

class ViewPlanner {
 public:
  ViewPlanner(const ir::Schema& from, const ir::Schema& to, std::vector<Step>& steps)
      : from_(from), to_(to), steps_(steps) {}

  void Run() {
    for (const ir::View& v : from_.views) old_[Key(v.name)] = &v;
    for (const ir::View& v : to_.views) new_[Key(v.name)] = &v;
    // Views dropped, or dropped and created again, and (transitively) the views using them.
    std::set<std::string> gone;
    for (const ir::View& old : from_.views) {
      auto it = new_.find(Key(old.name));
      if (it == new_.end()) {
        gone.insert(Key(old.name));
        continue;
      }
      const ir::View& now = *it->second;
      bool rebuild = old.materialized != now.materialized ||
                     (old.query != now.query && !Replaceable(old, now));
      if (rebuild) gone.insert(Key(old.name));
    }
    ViewUses from_uses(from_.views, from_.dependencies);
    for (bool grew = true; grew;) {
      grew = false;
      for (const ir::View& user : from_.views) {
        if (gone.count(Key(user.name))) continue;
        for (const ir::View& used : from_.views) {
          if (gone.count(Key(used.name)) && from_uses(user, used)) {
            gone.insert(Key(user.name));
            grew = true;
            break;
          }
        }
      }
    }
    // A view the plan creates on a view it drops and creates again exists when the migration
    // runs a second time, and would make that drop fail: it is dropped first (IF EXISTS, so
    // nothing happens the first time) and created again with the others.
    std::vector<const ir::View*> fresh_users;
    std::set<std::string> rebuilt = gone;
    ViewUses to_uses(to_.views, to_.dependencies);
    for (bool grew = true; grew;) {
      grew = false;
      for (const ir::View& user : to_.views) {
        std::string key = Key(user.name);
        if (old_.count(key) || rebuilt.count(key)) continue;
        for (const ir::View& used : to_.views) {
          if (rebuilt.count(Key(used.name)) && to_uses(user, used)) {
            rebuilt.insert(key);
            fresh_users.push_back(&user);
            grew = true;
            break;
          }
        }
      }
    }
    for (auto it = fresh_users.rbegin(); it != fresh_users.rend(); ++it) {
      Add(StepKind::kDropView, **it);
    }
    // Drops: users before what they use (the reverse of the build order).
    std::vector<const ir::View*> order = OrderViews(from_.views, from_.dependencies);
    for (auto it = order.rbegin(); it != order.rend(); ++it) {
      if (gone.count(Key((*it)->name))) Add(StepKind::kDropView, **it);
    }
    for (const ir::View* now : OrderViews(to_.views, to_.dependencies)) {
      auto old = old_.find(Key(now->name));
      if (old == old_.end() || gone.count(Key(now->name))) {
        Create(*now);
      } else {
        Change(*old->second, *now);
      }
    }
  }

 private:
  Step& Add(StepKind kind, const ir::View& view) {
    Step& step = steps_.emplace_back();
    step.kind = kind;
    step.table = view.name;
    step.view = view;
    return step;
  }

  void Create(const ir::View& view) {
    Add(StepKind::kCreateView, view);
    for (const ir::Index& index : view.indexes) {
      Step& step = Add(StepKind::kCreateIndex, view);
      step.name = index.name;
      step.index = index;
    }
    Grants(nullptr, view);
    if (!view.comment.empty()) Add(StepKind::kCommentView, view).value = view.comment;
    for (const auto& [column, comment] : ViewColumnComments(view)) {
      Step& step = Add(StepKind::kCommentViewColumn, view);
      step.name = column;
      step.value = comment;
    }
  }

  void Change(const ir::View& old, const ir::View& now) {
    if (old.query != now.query) {
      Add(StepKind::kReplaceView, now);  // Sets the options too.
    } else if (!SameOptions(old, now)) {
      Add(StepKind::kAlterView, now);
    }
    for (const ir::Index& index : old.indexes) {
      auto it = std::find_if(now.indexes.begin(), now.indexes.end(),
                             [&](const ir::Index& i) { return i.name == index.name; });
      if (it == now.indexes.end() || !SameIndex(index, *it)) {
        Step& step = Add(StepKind::kDropIndex, now);
        step.name = index.name;
        step.index = index;
      }
    }
    for (const ir::Index& index : now.indexes) {
      auto it = std::find_if(old.indexes.begin(), old.indexes.end(),
                             [&](const ir::Index& i) { return i.name == index.name; });
      if (it == old.indexes.end() || !SameIndex(index, *it)) {
        Step& step = Add(StepKind::kCreateIndex, now);
        step.name = index.name;
        step.index = index;
      }
    }
    Grants(&old, now);
    if (old.comment != now.comment) Add(StepKind::kCommentView, now).value = now.comment;
    std::map<std::string, std::string> had;
    for (const auto& [column, comment] : ViewColumnComments(old)) had[column] = comment;
    std::map<std::string, std::string> has;
    for (const auto& [column, comment] : ViewColumnComments(now)) has[column] = comment;
    for (const ir::ViewColumn& column : now.columns) {
      if (had[column.name] == has[column.name]) continue;
      Step& step = Add(StepKind::kCommentViewColumn, now);
      step.name = column.name;
      step.value = has[column.name];
    }
  }

  // Privileges revoked and granted, per role; `old` null for a new view (all its grants).
  void Grants(const ir::View* old, const ir::View& now) {
    std::map<std::string, std::vector<std::string>> had, has;
    if (old != nullptr) {
      for (const ir::Grant& g : old->grants) had[g.role] = g.privileges;
    }
    for (const ir::Grant& g : now.grants) has[g.role] = g.privileges;
    std::set<std::string> roles;
    for (const auto& [role, p] : had) roles.insert(role);
    for (const auto& [role, p] : has) roles.insert(role);
    for (const std::string& role : roles) {
      ir::Grant revoke{role, {}, {}};
      ir::Grant grant{role, {}, {}};
      const std::vector<std::string>& a = had[role];
      const std::vector<std::string>& b = has[role];
      for (const std::string& p : a) {
        if (std::find(b.begin(), b.end(), p) == b.end()) revoke.privileges.push_back(p);
      }
      for (const std::string& p : b) {
        if (std::find(a.begin(), a.end(), p) == a.end()) grant.privileges.push_back(p);
      }
      if (!revoke.privileges.empty()) {
        Step& step = Add(StepKind::kRevokeOnView, now);
        step.name = role;
        step.grant = revoke;
      }
      if (!grant.privileges.empty()) {
        Step& step = Add(StepKind::kGrantOnView, now);
        step.name = role;
        step.grant = grant;
      }
    }
  }

  const ir::Schema& from_;
  const ir::Schema& to_;
  std::vector<Step>& steps_;
  std::map<std::string, const ir::View*> old_;
  std::map<std::string, const ir::View*> new_;
};

}  // namespace

std::set<std::string> ViewQueryWords(const std::string& query) {
  std::set<std::string> words;
  const char* p = query.data();
  const char* e = p + query.size();
  while (p < e) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c == '\'') {
      for (++p; p < e; ++p) {
        if (*p == '\'' && (p + 1 >= e || p[1] != '\'')) break;
        if (*p == '\'') ++p;
      }
      ++p;
    } else if (c == '"') {
      ++p;
      std::string word;
      for (; p < e; ++p) {
        if (*p == '"' && p + 1 < e && p[1] == '"') {
          word += '"';
          ++p;
        } else if (*p == '"') {
          break;
        } else {
          word += *p;
        }
      }
      words.insert(word);
      ++p;
    } else if (c == '-' && p + 1 < e && p[1] == '-') {
      while (p < e && *p != '\n') ++p;
    } else if (c == '/' && p + 1 < e && p[1] == '*') {
      static constexpr std::string_view kClose = "*/";
      const char* close = std::search(p + 2, e, kClose.begin(), kClose.end());
      p = close == e ? e : close + 2;
    } else if (IsWordStart(c)) {
      std::string word;
      while (p < e && IsWordChar(static_cast<unsigned char>(*p))) {
        word += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
        ++p;
      }
      words.insert(std::move(word));
    } else {
      ++p;
    }
  }
  return words;
}

std::vector<const ir::View*> OrderViews(const std::vector<ir::View>& views,
                                        const std::vector<ir::Dependency>& dependencies) {
  std::vector<const ir::View*> out;
  std::vector<int> state(views.size(), 0);  // 0 new, 1 visiting, 2 done.
  ViewUses uses(views, dependencies);
  std::function<void(size_t)> visit = [&](size_t i) {
    if (state[i] != 0) return;  // Done, or a cycle: declaration order decides.
    state[i] = 1;
    for (size_t j = 0; j < views.size(); ++j) {
      if (uses(i, j)) visit(j);
    }
    state[i] = 2;
    out.push_back(&views[i]);
  };
  for (size_t i = 0; i < views.size(); ++i) visit(i);
  return out;
}

std::vector<std::pair<std::string, std::string>> ViewColumnComments(const ir::View& view) {
  if (!view.column_comments.empty()) return view.column_comments;
  std::vector<std::pair<std::string, std::string>> out;
  for (const ir::ViewColumn& column : view.columns) {
    if (!column.comment.empty()) out.emplace_back(column.name, column.comment);
  }
  return out;
}

void DiffViews(const ir::Schema& from, const ir::Schema& to, std::vector<plan::Step>& steps) {
  if (from.views.empty() && to.views.empty()) return;
  ViewPlanner(from, to, steps).Run();
}

}  // namespace schemac
