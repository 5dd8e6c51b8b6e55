// pull's text of triggers: TriggerTextOf(ir::Trigger) parses back to the same trigger, and a
// trigger the schema could not declare (its function unmanaged) is a `-- pull:` comment, never
// dropped.

#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "backends/dsl/from_ir_triggers.h"
#include "backends/dsl/trigger_text.h"
#include "tests/unit/test_util.h"

namespace schemac::dsl {
namespace {

ir::Trigger Signup() {
  ir::Trigger t;
  t.name = "on_auth_user_created";
  t.table = {"auth", "users"};
  t.timing = ir::TriggerTiming::kAfter;
  t.on_insert = true;
  t.level = ir::TriggerLevel::kRow;
  t.function = {"public", "handle_new_user"};
  return t;
}

std::string Text(const ir::Trigger& t) {
  std::string out;
  for (const std::string& line : TriggerLines(TriggerTextOf(t), 100, "      ")) {
    out += line + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("pull: a trigger's text parses back to the same trigger", "[pull][triggers]") {
  ir::Trigger t = Signup();
  t.table = {"public", "Orders"};
  t.timing = ir::TriggerTiming::kBefore;
  t.on_insert = false;
  t.on_update = true;
  t.on_delete = true;
  t.update_columns = {"status", "select"};
  t.when = "(old.status)::text <> 'x'";
  t.arguments = {"it's", ""};
  t.enabled = ir::TriggerEnabled::kDisabled;
  std::string text = Text(t);
  CHECK(text ==
        "trigger on_auth_user_created before delete or update of status, select on "
        "\"Orders\"\n"
        "      for each row\n"
        "      when ((old.status)::text <> 'x')\n"
        "      execute function handle_new_user('it''s', '') disabled\n");
  testing::Compiled c = testing::CompileTexts({{"t.schema", text}});
  REQUIRE(c.files.at(0).decls.size() == 1);
  const auto& d = std::get<ast::TriggerDecl>(c.files[0].decls[0]);
  CHECK(d.name.name == t.name);
  CHECK(d.table.name.name == "Orders");
  CHECK(d.timing == ast::TriggerTiming::kBefore);
  CHECK((d.on_update && d.on_delete && !d.on_insert && !d.on_truncate));
  CHECK(d.update_columns.size() == 2);
  CHECK(d.update_columns[1].name == "select");
  CHECK(d.level == ast::TriggerLevel::kRow);
  CHECK(d.when->text == t.when);
  CHECK(d.function.name.name == "handle_new_user");
  CHECK(d.arguments.size() == 2);
  CHECK(d.arguments[0].value == "it's");
  CHECK(d.disabled);
  // A statement trigger leaves its level unsaid; transition tables are written.
  ir::Trigger s = Signup();
  s.level = ir::TriggerLevel::kStatement;
  s.new_table = "added";
  CHECK(Text(s) ==
        "trigger on_auth_user_created after insert on auth.users\n"
        "      referencing new table as added\n"
        "      execute function handle_new_user()\n");
}

TEST_CASE("pull: a trigger whose function is not managed is a comment, not dropped",
          "[pull][triggers]") {
  ir::Schema schema;
  schema.target = ir::Target::kSupabase;
  schema.triggers = {Signup()};
  std::map<std::string, std::string> files;
  AppendTriggers(schema, files);
  CHECK(files["public.schema"] ==
        "\n-- pull: not written, its function public.handle_new_user() is not managed:\n"
        "-- trigger on_auth_user_created after insert on auth.users\n"
        "--       for each row\n"
        "--       execute function handle_new_user()\n");
  ir::Function f;
  f.name = {"public", "handle_new_user"};
  f.returns.name = "trigger";
  schema.triggers[0].comment = "Makes the profile.";
  schema.functions = {f};
  files.clear();
  AppendTriggers(schema, files);
  CHECK(files["public.schema"] ==
        "\n/// Makes the profile.\ntrigger on_auth_user_created after insert on auth.users\n"
        "      for each row\n      execute function handle_new_user()\n");
}

}  // namespace schemac::dsl
