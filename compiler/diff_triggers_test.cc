// The diff of triggers (compiler/diff_triggers.cc) on schemas built in memory: which steps a
// change of a trigger gives, in both directions (the down plan is the diff the other way).

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "compiler/diff.h"
#include "compiler/diff_triggers.h"

namespace schemac {
namespace {

using plan::StepKind;

ir::Table Table(const std::string& schema, const std::string& name, bool is_extern = false) {
  ir::Table t;
  t.name = {schema, name};
  t.is_extern = is_extern;
  ir::Column id;
  id.name = "id";
  id.type.name = "uuid";
  t.columns.push_back(id);
  t.primary_key = ir::PrimaryKey{name + "_pkey", {"id"}, {}};
  return t;
}

ir::Trigger SignupTrigger() {
  ir::Trigger t;
  t.name = "on_auth_user_created";
  t.table = {"auth", "users"};
  t.timing = ir::TriggerTiming::kAfter;
  t.on_insert = true;
  t.level = ir::TriggerLevel::kRow;
  t.function = {"public", "handle_new_user"};
  return t;
}

ir::Schema With(std::vector<ir::Table> tables, std::vector<ir::Trigger> triggers) {
  ir::Schema s;
  s.target = ir::Target::kSupabase;
  s.tables = std::move(tables);
  s.triggers = std::move(triggers);
  s.Reindex();
  return s;
}

std::vector<std::string> Lines(const plan::Plan& plan) {
  std::vector<std::string> out;
  for (const plan::Step& step : plan.steps) out.push_back(step.Describe());
  return out;
}

}  // namespace

TEST_CASE("triggers on an extern table are created and dropped, the table never is",
          "[diff][triggers]") {
  ir::Schema without = With({Table("auth", "users", true)}, {});
  ir::Schema with = With({Table("auth", "users", true)}, {SignupTrigger()});
  with.triggers[0].comment = "Creates the profile.";
  plan::Plan up = Diff(without, with, {});
  CHECK(Lines(up) == std::vector<std::string>{
                         "create trigger on_auth_user_created on auth.users",
                         "comment on trigger on_auth_user_created on auth.users"});
  CHECK(up.errors.empty());
  plan::Plan down = Diff(with, without, {});
  CHECK(Lines(down) ==
        std::vector<std::string>{"drop trigger on_auth_user_created on auth.users"});
  CHECK(Diff(with, with, {}).steps.empty());
}

TEST_CASE("a changed trigger is one replace step, whatever changed with it", "[diff][triggers]") {
  ir::Trigger changed = SignupTrigger();
  changed.when = "new.email is not null";
  changed.enabled = ir::TriggerEnabled::kDisabled;
  ir::Schema from = With({Table("auth", "users", true)}, {SignupTrigger()});
  ir::Schema to = With({Table("auth", "users", true)}, {changed});
  plan::Plan plan = Diff(from, to, {});
  REQUIRE(plan.steps.size() == 1);
  CHECK(plan.steps[0].kind == StepKind::kCreateTrigger);
  CHECK(plan.steps[0].trigger.when == "new.email is not null");
  CHECK(plan.steps[0].trigger.enabled == ir::TriggerEnabled::kDisabled);
  // Only the state: ALTER TABLE ... ENABLE / DISABLE TRIGGER, both ways.
  ir::Trigger disabled = SignupTrigger();
  disabled.enabled = ir::TriggerEnabled::kDisabled;
  ir::Schema off = With({Table("auth", "users", true)}, {disabled});
  CHECK(Lines(Diff(from, off, {})) ==
        std::vector<std::string>{"disable trigger on_auth_user_created on auth.users"});
  CHECK(Lines(Diff(off, from, {})) ==
        std::vector<std::string>{"enable trigger on_auth_user_created on auth.users"});
  // Each field of the definition counts.
  for (auto change : std::vector<void (*)(ir::Trigger&)>{
           [](ir::Trigger& t) { t.timing = ir::TriggerTiming::kBefore; },
           [](ir::Trigger& t) { t.on_update = true; },
           [](ir::Trigger& t) { t.update_columns = {"email"}; },
           [](ir::Trigger& t) { t.level = ir::TriggerLevel::kStatement; },
           [](ir::Trigger& t) { t.new_table = "added"; },
           [](ir::Trigger& t) { t.function.name = "other"; },
           [](ir::Trigger& t) { t.arguments = {"a"}; }}) {
    ir::Trigger t = SignupTrigger();
    change(t);
    CHECK_FALSE(SameTriggerDefinition(SignupTrigger(), t));
  }
}

TEST_CASE("a trigger follows its table's rename", "[diff][triggers]") {
  ir::Trigger on_old = SignupTrigger();
  on_old.table = {"public", "people"};
  ir::Trigger on_new = on_old;
  on_new.table = {"public", "profiles"};
  ir::Schema from = With({Table("public", "people")}, {on_old});
  ir::Schema to = With({Table("public", "profiles")}, {on_new});
  Renames renames;
  renames.tables[{"public", "people"}] = {"public", "profiles"};
  for (const plan::Step& step : Diff(from, to, renames).steps) {
    CHECK(step.kind != StepKind::kCreateTrigger);
    CHECK(step.kind != StepKind::kDropTrigger);
  }
  // Removed with the rename: dropped on the new name, as drops run after renames.
  ir::Schema bare = With({Table("public", "profiles")}, {});
  plan::Plan plan = Diff(from, bare, renames);
  REQUIRE(plan.steps.size() == 3);
  CHECK(plan.steps[0].kind == StepKind::kRenameTable);
  CHECK(plan.steps[2].kind == StepKind::kDropTrigger);
  CHECK(plan.steps[2].trigger.table == ir::QualifiedName{"public", "profiles"});
}

}  // namespace schemac
