// Lint rules: each fires with its id, a `-- schemac:allow` comment silences exactly the rules it
// names on its line or the next, an unknown id in one is itself a finding, levels from a
// project's LintConfig grade or silence a rule, and fmt keeps the suppression comments.

#include "compiler/lint.h"

#include <catch2/catch.hpp>
#include <memory>
#include <set>

#include "backends/dsl/format.h"
#include "compiler/parse.h"
#include "compiler/resolve.h"

namespace schemac {

namespace {

struct Linted {
  SourceManager sources;
  Diagnostics diagnostics;
  std::vector<ast::File> files;
};

std::unique_ptr<Linted> Lint(const std::string& text, const LintConfig* config = nullptr) {
  auto l = std::make_unique<Linted>();
  l->diagnostics.set_lint_config(config);
  uint32_t index = l->sources.Add("test.schema", text);
  l->files.push_back(Parse(l->sources, index, l->diagnostics));
  if (!l->diagnostics.HasErrors()) Resolve(l->files, l->sources, l->diagnostics);
  l->diagnostics.SortByPosition();
  return l;
}

// "line:col severity [rule]" for each diagnostic, one per line.
std::string Findings(const Linted& l) {
  std::string out;
  for (const Diagnostic& d : l.diagnostics.all()) {
    out += std::to_string(d.span->begin.line) + ":" + std::to_string(d.span->begin.col) + " " +
           (d.severity == Severity::kError ? "error" : "warning") + " [" + std::string(d.rule) +
           "]\n";
  }
  return out;
}

const char* kPolicyNoRls = "table t {\n  id int primary key\n  policy \"p\" using (true)\n}\n";

}  // namespace

TEST_CASE("lint: every rule has a unique kebab-case id, a level and a description", "[lint]") {
  std::set<std::string_view> ids;
  for (const LintRule* rule : LintRules()) {
    INFO(rule->id);
    CHECK(ids.insert(rule->id).second);
    CHECK(rule->id.find_first_not_of("abcdefghijklmnopqrstuvwxyz-") == std::string_view::npos);
    CHECK(rule->default_level == LintLevel::kWarning);
    CHECK_FALSE(rule->description.empty());
    CHECK(FindLintRule(rule->id) == rule);
  }
  CHECK(ids.size() == 9);
  CHECK(FindLintRule("nope") == nullptr);
}

TEST_CASE("lint: each rule fires with its id", "[lint]") {
  CHECK(Findings(*Lint("table t {\n  id int\n}\n")) == "1:7 warning [missing-primary-key]\n");
  CHECK(Findings(*Lint(kPolicyNoRls)) == "3:3 warning [policy-without-rls]\n");
  CHECK(Findings(*Lint("enum e ()\n")) == "1:6 warning [empty-enum]\n");
  CHECK(Findings(*Lint("table t {\n  id int primary key\n  unique (id)\n}\n")) ==
        "3:3 warning [redundant-unique]\n");
  CHECK(Findings(*Lint("table a {\n  id int primary key\n}\ntable b {\n  id int primary key\n"
                       "  a int references a(id) on delete set null\n}\n")) ==
        "6:9 warning [set-null-not-null]\n");
  CHECK(Findings(*Lint("function f() returns int security definer as $$ select 1 $$\n")) ==
        "1:10 warning [function-search-path]\n");
  CHECK(Findings(*Lint("/// nothing\n\ntable t {\n  id int primary key\n}\n")) ==
        "1:1 warning [dangling-doc-comment]\n");
  CHECK(Findings(*Lint("/// nothing\ntarget supabase\n")) == "2:1 warning [dangling-doc-comment]\n");
  CHECK(Findings(*Lint("-- schemac:allow no-such-rule\n")) == "1:18 warning [unknown-lint-rule]\n");
}

TEST_CASE("lint: a policy to a role without the privilege its command needs", "[lint]") {
  const std::string head = "target supabase\ntable t {\n  id int primary key\n  rls\n";
  // No grant at all; a grant for another command; `for all` with one of the four is enough.
  CHECK(Findings(*Lint(head + "  policy \"p\" for select to anon using (true)\n}\n")) ==
        "5:28 warning [policy-without-grant]\n");
  CHECK(Findings(*Lint(head + "  grant select to anon\n"
                              "  policy \"p\" for update to anon using (true)\n}\n")) ==
        "6:28 warning [policy-without-grant]\n");
  CHECK(Findings(*Lint(head + "  grant select to anon\n"
                              "  policy \"p\" for all to anon using (true)\n}\n")).empty());
  // A grant to public counts for every role; a policy to public is not judged.
  CHECK(Findings(*Lint(head + "  grant delete to public\n"
                              "  policy \"p\" for delete to anon using (true)\n"
                              "  policy \"q\" for insert with check (true)\n}\n")).empty());
  // A schema-wide grant counts as the table's own.
  CHECK(Findings(*Lint("target supabase\ngrant select on all tables in schema public to anon\n" +
                       head.substr(16) + "  policy \"p\" for select to anon using (true)\n}\n"))
            .empty());
  // Silenced like every rule.
  CHECK(Findings(*Lint(head + "  -- schemac:allow policy-without-grant\n"
                              "  policy \"p\" for select to anon using (true)\n}\n")).empty());
}

TEST_CASE("lint: the rule id is shown in text and JSON", "[lint]") {
  auto l = Lint("enum e ()\n");
  REQUIRE(l->diagnostics.all().size() == 1);
  std::string text = RenderText(l->diagnostics, l->sources, RenderOptions{});
  CHECK(text.starts_with("test.schema:1:6: warning: enum 'e' has no values: no column of this "
                         "type can hold anything but null [empty-enum]\n"));
  std::string json = RenderJson(l->diagnostics, l->sources);
  CHECK(json.find("{\"severity\":\"warning\",\"rule\":\"empty-enum\",\"message\":\"enum 'e'") !=
        std::string::npos);
}

TEST_CASE("lint: schemac:allow on the line or the line before silences only that rule",
          "[lint]") {
  // On the line itself, and alone on the line before.
  CHECK(Findings(*Lint("enum e () -- schemac:allow empty-enum\n")).empty());
  CHECK(Findings(*Lint("-- schemac:allow empty-enum\nenum e ()\n")).empty());
  CHECK(Findings(*Lint("  --   schemac:allow   redundant-unique,empty-enum -- why\nenum e ()\n"))
            .empty());
  // Another rule's suppression does not silence it.
  CHECK(Findings(*Lint("-- schemac:allow redundant-unique\nenum e ()\n")) ==
        "2:6 warning [empty-enum]\n");
  // Two lines above is too far; a trailing comment belongs to its own line only.
  CHECK(Findings(*Lint("-- schemac:allow empty-enum\n\nenum e ()\n")) ==
        "3:6 warning [empty-enum]\n");
  CHECK(Findings(*Lint("enum a () -- schemac:allow empty-enum\nenum b ()\n")) ==
        "2:6 warning [empty-enum]\n");
  // Not a suppression: the marker must open the comment; a doc comment is documentation.
  CHECK(Findings(*Lint("-- see schemac:allow empty-enum\nenum e ()\n")) ==
        "2:6 warning [empty-enum]\n");
  CHECK(Findings(*Lint("/// schemac:allow empty-enum\nenum e ()\n")) ==
        "2:6 warning [empty-enum]\n");
  // One finding of a table silenced, the other kept.
  CHECK(Findings(*Lint("-- schemac:allow missing-primary-key\ntable t {\n  id int\n"
                       "  policy \"p\" using (true)\n}\n")) ==
        "4:3 warning [policy-without-rls]\n");
  CHECK(Findings(*Lint("table t {\n  id int\n  policy \"p\" using (true) -- schemac:allow "
                       "policy-without-rls\n}\n")) == "1:7 warning [missing-primary-key]\n");
  // Found while parsing: a doc comment documenting nothing.
  CHECK(Findings(*Lint("-- schemac:allow dangling-doc-comment\n/// nothing\n\n"
                       "table t {\n  id int primary key\n}\n"))
            .empty());
  CHECK(Findings(*Lint("/// nothing\ntarget supabase -- schemac:allow dangling-doc-comment\n"))
            .empty());
}

TEST_CASE("lint: an unknown rule id in schemac:allow is a finding", "[lint]") {
  auto l = Lint("-- schemac:allow empty-enums\nenum e ()\n");
  CHECK(Findings(*l) == "1:18 warning [unknown-lint-rule]\n2:6 warning [empty-enum]\n");
  const Diagnostic& d = l->diagnostics.all()[0];
  CHECK(d.message == "unknown lint rule 'empty-enums' in schemac:allow; did you mean 'empty-enum'?");
  CHECK(d.span->end.col == 29);
  // It can be silenced like any other.
  CHECK(Findings(*Lint("-- schemac:allow unknown-lint-rule, bogus\n")).empty());
  // Known ids in the same comment are no finding.
  CHECK(Findings(*Lint("-- schemac:allow empty-enum, bogus\nenum e ()\n")) ==
        "1:30 warning [unknown-lint-rule]\n");
}

TEST_CASE("lint: a project's levels turn a rule off or into an error", "[lint]") {
  LintConfig config;
  CHECK_FALSE(config.Set("no-such-rule", LintLevel::kOff));
  REQUIRE(config.Set("empty-enum", LintLevel::kOff));
  REQUIRE(config.Set("missing-primary-key", LintLevel::kError));
  auto l = Lint("enum e ()\ntable t {\n  id int\n}\n", &config);
  CHECK(Findings(*l) == "2:7 error [missing-primary-key]\n");
  CHECK(l->diagnostics.HasErrors());
  CHECK(RenderText(l->diagnostics, l->sources, RenderOptions{})
            .starts_with("test.schema:2:7: error: table 't' has no primary key "
                         "[missing-primary-key]\n"));
  CHECK(ParseLintLevel("error") == LintLevel::kError);
  CHECK(ParseLintLevel("warning") == LintLevel::kWarning);
  CHECK(ParseLintLevel("off") == LintLevel::kOff);
  CHECK_FALSE(ParseLintLevel("Error"));
  // A suppressed finding is not an error either.
  auto quiet = Lint("table t { -- schemac:allow missing-primary-key\n  id int\n}\n", &config);
  CHECK(Findings(*quiet).empty());
}

TEST_CASE("lint: fmt keeps suppression comments where they are", "[lint][fmt]") {
  const std::string text =
      "-- schemac:allow empty-enum\n"
      "enum e ()\n"
      "\n"
      "table t { -- schemac:allow missing-primary-key\n"
      "  id integer\n"
      "  -- schemac:allow policy-without-rls\n"
      "  policy \"p\" using (true)\n"
      "}\n";
  auto l = Lint(text);
  REQUIRE(Findings(*l).empty());
  std::string formatted = dsl::FormatFile(l->files[0], l->sources);
  CHECK(formatted == text);
  CHECK(Findings(*Lint(formatted)).empty());
}

}  // namespace schemac
