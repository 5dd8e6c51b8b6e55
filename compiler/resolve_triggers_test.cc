// Triggers from the DSL to the IR: parse, fmt's layout, and resolve's checks (each error at
// the line and column of what is wrong). The trigger functions themselves are declared with
// `function` (another part of the DSL): here they are missing, so every trigger that passes
// the other checks reports exactly the unknown function, at its name.

#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "backends/dsl/format.h"
#include "tests/unit/test_util.h"

namespace schemac {

using testing::Compiled;
using testing::CompileTexts;
using testing::DiagnosticLines;

namespace {

std::vector<std::string> Errors(const std::string& text) {
  return DiagnosticLines(CompileTexts({{"t.schema", text}}));
}

const char* kTables = R"(target supabase
table profiles {
  id uuid primary key references auth.users(id) on delete cascade
  name text?
  updated_at timestamptz default now()
}
)";

}  // namespace

TEST_CASE("triggers: the Supabase staples parse, only their undeclared functions are reported",
          "[resolve][triggers]") {
  std::string text = std::string(kTables) +
                     "trigger on_auth_user_created after insert on auth.users\n"
                     "  for each row execute function public.handle_new_user()\n"
                     "trigger set_updated_at before update of name on profiles for each row\n"
                     "  when (old.name is distinct from new.name)\n"
                     "  execute function private.touch('updated_at', 'x''y') disabled\n";
  REQUIRE(Errors(text) ==
          std::vector<std::string>{
              "8:33: error: unknown function 'handle_new_user()' (declare it with 'function "
              "handle_new_user() returns trigger')",
              "11:20: error: unknown schema 'private' (declare it with 'schema private')"});
  Compiled c = CompileTexts({{"t.schema", text}});
  REQUIRE(c.files.at(0).decls.size() == 4);
  const auto& d = std::get<ast::TriggerDecl>(c.files[0].decls[3]);
  CHECK(d.name.name == "set_updated_at");
  CHECK(d.timing == ast::TriggerTiming::kBefore);
  CHECK(d.on_update);
  CHECK(d.update_columns.at(0).name == "name");
  CHECK(d.level == ast::TriggerLevel::kRow);
  CHECK(d.when->text == "old.name is distinct from new.name");
  CHECK(d.function.schema->name == "private");
  CHECK(d.arguments.at(1).value == "x'y");
  CHECK(d.disabled);
}

TEST_CASE("triggers: fmt writes one line when it fits, else one clause a line",
          "[resolve][triggers][fmt]") {
  Compiled c = CompileTexts({{"t.schema",
                              "table t { id int primary key }\n"
                              "/// Audits.\n"
                              "TRIGGER a AFTER INSERT OR DELETE ON t FOR EACH STATEMENT\n"
                              "  EXECUTE FUNCTION f()\n"
                              "trigger a_much_longer_trigger_name before insert or update of id "
                              "on public.t for each row when (new.id > 0) execute function "
                              "audit.some_function('a')\n"}});
  std::string text = dsl::FormatFile(c.files.at(0), c.sources);
  CHECK(text ==
        "table t {\n  id int primary key\n}\n\n"
        "/// Audits.\n"
        "trigger a after insert or delete on t for each statement execute function f()\n\n"
        "trigger a_much_longer_trigger_name before insert or update of id on public.t\n"
        "      for each row\n"
        "      when (new.id > 0)\n"
        "      execute function audit.some_function('a')\n");
  // What fmt wrote parses back to the same text.
  Compiled again = CompileTexts({{"t.schema", text}});
  CHECK(dsl::FormatFile(again.files.at(0), again.sources) == text);
}

TEST_CASE("triggers: table, columns and PostgreSQL's rules are checked at their position",
          "[resolve][triggers]") {
  const std::string t = "table t { id int primary key\n a text }\n";  // lines 1-2
  CHECK(Errors(t + "trigger x after insert on nope execute function f()\n") ==
        std::vector<std::string>{"3:27: error: trigger 'x' is on unknown table 'nope'"});
  CHECK(Errors(t + "trigger x after update of b on t execute function f()\n") ==
        std::vector<std::string>{
            "3:27: error: unknown column 'b' in table 't'; did you mean 'a'?",
            "3:51: error: unknown function 'f()' (declare it with 'function f() returns "
            "trigger')"});
  CHECK(Errors(t + "trigger x instead of insert on t for each row execute function f()\n")
            .at(0) == "3:11: error: trigger 'x': 'instead of' triggers are only on views");
  CHECK(Errors(t + "trigger x after truncate on t for each row execute function f()\n")
            .at(0) == "3:17: error: trigger 'x': truncate triggers must be 'for each statement'");
  CHECK(Errors(t + "trigger x before insert on t referencing new table as n execute function "
                   "f()\n")
            .at(0) ==
        "3:42: error: trigger 'x': 'referencing' is only allowed on 'after' triggers");
  CHECK(Errors(t + "trigger x after insert on t referencing old table as o execute function "
                   "f()\n")
            .at(0) == "3:41: error: trigger 'x': 'old table' needs an update or delete event");
  CHECK(Errors(t + "trigger x after insert or insert on t execute function f()\n").at(0) ==
        "3:27: error: trigger 'x': duplicate event 'insert'");
  std::vector<std::string> twice =
      Errors(t + "trigger x after insert on t execute function f()\n"
                 "trigger x after delete on t execute function f()\n");
  CHECK(std::find(twice.begin(), twice.end(),
                  "4:9: error: duplicate trigger 'x' on 't'") != twice.end());
}

TEST_CASE("triggers: syntax errors say what was expected", "[resolve][triggers]") {
  CHECK(Errors("trigger x during insert on t execute function f()\n") ==
        std::vector<std::string>{
            "1:11: error: expected 'before', 'after' or 'instead of' after 'x', found 'during'"});
  CHECK(Errors("trigger x after insert on t for each row\n").at(0) ==
        "1:41: error: expected 'referencing', 'for each row|statement', 'when (...)' or "
        "'execute function' after 'row', found end of line");
  CHECK(Errors("trigger x after insert on t execute function f\n").at(0) ==
        "1:47: error: expected '(' and the function's arguments ('quoted', ...) after 'f', "
        "found end of line");
}

}  // namespace schemac
