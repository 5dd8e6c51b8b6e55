// The diff of `sequence` objects. Why the owner is two steps: a sequence OWNED BY a column is
// dropped with it, so the old owner is let go before any drop (kDisownSequence) and the new one
// taken once its column exists (kSetSequenceOwner).

#include "compiler/diff_sequences.h"

#include <map>
#include <set>

namespace schemac {

namespace {

using plan::Step;
using plan::StepKind;

const ir::Sequence* Find(const std::vector<ir::Sequence>& sequences, const ir::QualifiedName& name) {
  for (const ir::Sequence& s : sequences) {
    if (s.name == name) return &s;
  }
  return nullptr;
}

Step& Add(std::vector<Step>& steps, StepKind kind, const ir::Sequence& sequence) {
  Step& step = steps.emplace_back();
  step.kind = kind;
  step.table = sequence.name;
  step.sequence = sequence;
  return step;
}

void Grants(const ir::Sequence& old, const ir::Sequence& now, std::vector<Step>& steps) {
  std::map<std::string, const ir::Grant*> before;
  for (const ir::Grant& g : old.grants) before[g.role] = &g;
  std::set<std::string> kept;
  for (const ir::Grant& g : now.grants) {
    auto it = before.find(g.role);
    if (it != before.end() && it->second->privileges == g.privileges) {
      kept.insert(g.role);
      continue;
    }
    if (it != before.end()) {
      // Revoked whole and granted again: exactly the declared privileges.
      Step& revoke = Add(steps, StepKind::kRevokeOnSequence, now);
      revoke.name = g.role;
      revoke.grant = *it->second;
      kept.insert(g.role);
    }
    Step& grant = Add(steps, StepKind::kGrantOnSequence, now);
    grant.name = g.role;
    grant.grant = g;
  }
  for (const ir::Grant& g : old.grants) {
    if (kept.count(g.role)) continue;
    Step& revoke = Add(steps, StepKind::kRevokeOnSequence, now);
    revoke.name = g.role;
    revoke.grant = g;
  }
}

bool SameOwner(const ir::Sequence& a, const ir::Sequence& b) {
  return a.owned_table == b.owned_table && a.owned_column == b.owned_column;
}

// `old` (its name already `now`'s) -> `now`.
void Alter(const ir::Sequence& old, const ir::Sequence& now, std::vector<Step>& steps) {
  if (old.type != now.type || old.options != now.options) {
    Add(steps, StepKind::kAlterSequence, now);
  }
  if (!SameOwner(old, now)) {
    if (!old.owned_table.empty()) Add(steps, StepKind::kDisownSequence, now);
    if (!now.owned_table.empty()) Add(steps, StepKind::kSetSequenceOwner, now);
  }
  Grants(old, now, steps);
  if (old.comment != now.comment) Add(steps, StepKind::kCommentSequence, now).value = now.comment;
}

}  // namespace

void DiffSequences(const ir::Schema& from, const ir::Schema& to, const Renames& renames,
                   std::vector<Step>& steps) {
  std::map<ir::QualifiedName, ir::QualifiedName> old_names;  // New name -> old.
  for (const auto& [old_name, new_name] : renames.sequences) old_names[new_name] = old_name;
  std::set<ir::QualifiedName> renamed_away;
  for (const ir::Sequence& now : to.sequences) {
    const ir::Sequence* old = Find(from.sequences, now.name);
    auto hint = old_names.find(now.name);
    if (old == nullptr && hint != old_names.end()) {
      const ir::Sequence* before = Find(from.sequences, hint->second);
      if (before != nullptr && Find(to.sequences, before->name) == nullptr) {
        Step& rename = Add(steps, StepKind::kRenameSequence, now);
        rename.name = before->name.name;
        renamed_away.insert(before->name);
        ir::Sequence moved = *before;
        moved.name = now.name;
        Alter(moved, now, steps);
        continue;
      }
    }
    if (old != nullptr) {
      Alter(*old, now, steps);
      continue;
    }
    Add(steps, StepKind::kCreateSequence, now);
    if (!now.owned_table.empty()) Add(steps, StepKind::kSetSequenceOwner, now);
    ir::Sequence none;
    none.name = now.name;
    Grants(none, now, steps);
    if (!now.comment.empty()) Add(steps, StepKind::kCommentSequence, now).value = now.comment;
  }
  for (const ir::Sequence& old : from.sequences) {
    if (renamed_away.count(old.name) || Find(to.sequences, old.name) != nullptr) continue;
    Add(steps, StepKind::kDropSequence, old);
  }
}

}  // namespace schemac
