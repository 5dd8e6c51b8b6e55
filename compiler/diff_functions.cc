// The diff of functions: matched by Signature(), each new, gone or changed one becomes steps
// (compiler/diff_functions.h). What PostgreSQL changes in place and what it refuses follows
// CREATE OR REPLACE FUNCTION's rules (ProcedureCreate): the result type, the OUT and TABLE
// columns, an input argument's name once it has one, an argument's mode, and a default that goes
// away cannot be changed in place; everything else can.

#include "compiler/diff_functions.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace schemac {

using plan::Step;
using plan::StepKind;

namespace {

bool IsInput(const ir::FunctionArg& arg) {
  return arg.mode != ir::ArgMode::kOut && arg.mode != ir::ArgMode::kTable;
}

bool SameGrants(const std::vector<ir::Grant>& a, const std::vector<ir::Grant>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].role != b[i].role || a[i].privileges != b[i].privileges) return false;
  }
  return true;
}

// Whether `now` can replace `old` with CREATE OR REPLACE: PostgreSQL refuses a new result type
// (OUT and TABLE columns are part of it, names included), a changed argument mode, an input
// argument renamed or unnamed once named (naming an unnamed one is allowed), and a default
// removed (one added, or changed, is allowed).
bool ReplaceableBy(const ir::Function& old, const ir::Function& now) {
  if (!(old.returns == now.returns) || old.returns_set != now.returns_set) return false;
  if (old.args.size() != now.args.size()) return false;
  for (size_t i = 0; i < old.args.size(); ++i) {
    const ir::FunctionArg& a = old.args[i];
    const ir::FunctionArg& b = now.args[i];
    if (a.mode != b.mode || !(a.type == b.type)) return false;
    if (!IsInput(a)) {
      if (a.name != b.name) return false;
      continue;
    }
    if (!a.name.empty() && a.name != b.name) return false;
    if (!a.default_sql.empty() && b.default_sql.empty()) return false;
  }
  return true;
}

// What only CREATE OR REPLACE can change: the body, the language, an argument's name or default.
bool DefinitionDiffers(const ir::Function& old, const ir::Function& now) {
  if (old.body != now.body || old.language != now.language) return true;
  for (size_t i = 0; i < old.args.size() && i < now.args.size(); ++i) {
    if (old.args[i].name != now.args[i].name ||
        old.args[i].default_sql != now.args[i].default_sql) {
      return true;
    }
  }
  return old.args.size() != now.args.size();
}

// What changes between two definitions that ReplaceableBy accepts, as the plan shows it:
// "body, security definer, settings". Empty: nothing (grants and the comment aside).
std::string Changes(const ir::Function& old, const ir::Function& now) {
  std::vector<std::string> out;
  if (old.body != now.body) out.push_back("body");
  if (old.language != now.language) out.push_back("language " + now.language);
  bool args = false;
  for (size_t i = 0; i < old.args.size() && i < now.args.size(); ++i) {
    args = args || old.args[i].name != now.args[i].name ||
           old.args[i].default_sql != now.args[i].default_sql;
  }
  if (args) out.push_back("arguments");
  if (old.volatility != now.volatility) out.push_back(ir::ToString(now.volatility));
  if (old.strict != now.strict) out.push_back(now.strict ? "strict" : "called on null input");
  if (old.security_definer != now.security_definer) {
    out.push_back(now.security_definer ? "security definer" : "security invoker");
  }
  if (old.leakproof != now.leakproof) out.push_back(now.leakproof ? "leakproof" : "not leakproof");
  if (old.parallel != now.parallel) out.push_back(std::string("parallel ") + ir::ToString(now.parallel));
  if (old.cost != now.cost) out.push_back("cost");
  if (old.rows != now.rows) out.push_back("rows");
  if (old.settings != now.settings) out.push_back("settings");
  std::string text;
  for (const std::string& item : out) text += (text.empty() ? "" : ", ") + item;
  return text;
}

class FunctionPlanner {
 public:
  FunctionPlanner(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan)
      : from_(from), to_(to), plan_(plan) {}

  void Run() {
    std::map<std::string, const ir::Function*> old_by_signature;
    for (const ir::Function& f : from_.functions) old_by_signature[f.Signature()] = &f;
    // Gone ones first: an overload dropped and another created keep a plan readable.
    std::set<std::string> now_signatures;
    for (const ir::Function& f : to_.functions) now_signatures.insert(f.Signature());
    for (const ir::Function& f : from_.functions) {
      if (!now_signatures.count(f.Signature())) Add(StepKind::kDropFunction, f);
    }
    for (const ir::Function& f : to_.functions) {
      auto it = old_by_signature.find(f.Signature());
      if (it == old_by_signature.end()) {
        Create(f);
      } else {
        Change(*it->second, f);
      }
    }
  }

 private:
  Step& Add(StepKind kind, const ir::Function& function, std::string name = {}) {
    Step step;
    step.kind = kind;
    // Plans grouped by object show a function's steps under its name.
    step.table = function.name;
    step.name = std::move(name);
    step.function = function;
    plan_.steps.push_back(std::move(step));
    return plan_.steps.back();
  }

  // A function created (new, or made again): the SQL of kCreateFunction revokes what default
  // privileges gave it (PUBLIC's EXECUTE included), so its grants are exactly the declared ones,
  // each a step.
  void Create(const ir::Function& f) {
    Add(StepKind::kCreateFunction, f);
    if (!f.comment.empty()) Add(StepKind::kCommentFunction, f).value = f.comment;
    for (const ir::Grant& g : f.grants) Add(StepKind::kGrantOnFunction, f, g.role).grant = g;
  }

  void Change(const ir::Function& old, const ir::Function& now) {
    if (!ReplaceableBy(old, now)) {
      // Dropped and created again: its comment and every grant come back with it (a lost
      // GRANT is an outage under deny-by-default privileges).
      Add(StepKind::kDropFunction, old);
      Create(now);
      return;
    }
    std::string changes = Changes(old, now);
    if (!changes.empty()) {
      // With a new definition, CREATE OR REPLACE sets every attribute at once; without, ALTER
      // FUNCTION sets every attribute as `now` has it, settings reset first (emit_functions.cc).
      Step& step = Add(DefinitionDiffers(old, now) ? StepKind::kReplaceFunction
                                                   : StepKind::kAlterFunction,
                       now);
      step.value = changes;
      step.on = old.security_definer != now.security_definer;  // AUTHZ_CHANGE (step_kinds.cc).
    }
    if (old.comment != now.comment) Add(StepKind::kCommentFunction, now).value = now.comment;
    if (!SameGrants(old.grants, now.grants)) Grants(old, now);
  }

  // EXECUTE revoked from the roles that lose it and granted to those that gain it.
  void Grants(const ir::Function& old, const ir::Function& now) {
    std::set<std::string> had;
    std::set<std::string> has;
    for (const ir::Grant& g : old.grants) had.insert(g.role);
    for (const ir::Grant& g : now.grants) has.insert(g.role);
    for (const ir::Grant& g : old.grants) {
      if (!has.count(g.role)) Add(StepKind::kRevokeOnFunction, now, g.role).grant = g;
    }
    for (const ir::Grant& g : now.grants) {
      if (!had.count(g.role)) Add(StepKind::kGrantOnFunction, now, g.role).grant = g;
    }
  }

  const ir::Schema& from_;
  const ir::Schema& to_;
  plan::Plan& plan_;
};

}  // namespace

bool NamesRowType(const ir::Function& function) {
  if (function.returns.kind == ir::TypeKind::kOther) return true;
  for (const ir::FunctionArg& arg : function.args) {
    if (arg.type.kind == ir::TypeKind::kOther) return true;
  }
  return false;
}

bool HasStandardBody(const ir::Function& function) {
  auto lower = [](std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
  };
  if (lower(function.language) != "sql") return false;
  size_t start = function.body.find_first_not_of(" \t\r\n");
  if (start == std::string::npos) return false;
  std::string head = lower(function.body.substr(start, 13));
  // A whole word: `return_value` or `beginning` is no keyword.
  auto word = [&](std::string_view w) {
    return head.starts_with(w) &&
           (head.size() == w.size() ||
            (!std::isalnum(static_cast<unsigned char>(head[w.size()])) && head[w.size()] != '_'));
  };
  return word("begin atomic") || word("return");
}

bool NeedsRelations(const ir::Function& function) {
  return NamesRowType(function) || HasStandardBody(function);
}

void DiffFunctions(const ir::Schema& from, const ir::Schema& to, plan::Plan& plan) {
  FunctionPlanner(from, to, plan).Run();
}

}  // namespace schemac
