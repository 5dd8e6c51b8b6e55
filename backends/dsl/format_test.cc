#include "backends/dsl/format.h"

#include <catch2/catch.hpp>
#include <algorithm>
#include <cctype>
#include <string>
#include <variant>

#include "backends/dsl/dsl_names.h"
#include "compiler/identifiers.h"
#include "compiler/diagnostics.h"
#include "compiler/parse.h"
#include "tests/unit/test_util.h"

// GCC 12 at -O2 reports -Wrestrict, wrongly, on `"literal" + std::string` once the string
// building below is inlined (a known false positive of GCC 12's libstdc++).
#pragma GCC diagnostic ignored "-Wrestrict"

namespace schemac::dsl {

namespace {

// What a tree means, without spans or layout: names, types, modifiers, SQL text, doc and `--`
// comment texts. Formatting must leave it unchanged.
class Describer {
 public:
  std::string Run(const ast::File& file) {
    for (const ast::Decl& decl : file.decls) std::visit([&](const auto& d) { Decl(d); }, decl);
    for (const ast::Comment& c : file.comments) {
      std::string text = c.text;
      while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.pop_back();
      out_ += (c.doc ? "loose doc " : "comment ") + text + "\n";
    }
    return out_;
  }

 private:
  static std::string I(const ast::Ident& id) { return "<" + id.name + ">"; }
  static std::string Q(const ast::QualifiedName& q) {
    return (q.schema ? I(*q.schema) + "." : "") + I(q.name);
  }
  static std::string L(const std::vector<ast::Ident>& ids) {
    std::string out = "[";
    for (const auto& id : ids) out += I(id);
    return out + "]";
  }
  void Doc(const ast::DocComment& doc) {
    // fmt drops trailing blanks (and a CR) from doc lines.
    for (std::string line : doc) {
      while (!line.empty() && (line.back() == ' ' || line.back() == '\t' || line.back() == '\r')) {
        line.pop_back();
      }
      out_ += "doc " + line + "\n";
    }
  }
  static std::string Ref(const ast::References& r) {
    return "ref " + Q(r.table) + L(r.columns) + std::to_string(static_cast<int>(r.on_delete)) +
           std::to_string(static_cast<int>(r.on_update)) + std::to_string(r.deferrable) +
           std::to_string(r.initially_deferred) + std::to_string(r.not_valid) +
           std::to_string(r.match_full);
  }
  void Decl(const ast::TargetDecl& d) { out_ += "target " + I(d.name) + "\n"; }
  void Decl(const ast::ExtensionDecl& d) {
    Doc(d.doc);
    out_ += "extension " + I(d.name) + (d.schema ? I(*d.schema) : "-") +
            (d.version ? d.version->value : "-") + "\n";
  }
  void Decl(const ast::SchemaDecl& d) {
    Doc(d.doc);
    out_ += "schema " + I(d.name) + "\n";
  }
  void Decl(const ast::SchemaGrantDecl& d) {
    out_ += "schema-grant " + I(d.schema);
    for (const auto& p : d.privileges) out_ += " " + p;
    out_ += " to " + L(d.roles) + "\n";
  }
  void Decl(const ast::OwnerDecl& d) {
    out_ += "owner " + I(d.role);
    for (const ast::OwnerObject& o : d.objects) {
      out_ += " " + std::to_string(static_cast<int>(o.kind)) + Q(o.name) +
              (o.args ? "(" + std::to_string(o.args->size()) + ")" : "");
    }
    out_ += "\n";
  }
  void Decl(const ast::TriggerDecl& d) {
    Doc(d.doc);
    out_ += "trigger " + I(d.name) + " " + std::to_string(static_cast<int>(d.timing));
    for (const auto& e : d.events) out_ += " " + e;
    out_ += " of " + L(d.update_columns) + " on " + Q(d.table);
    for (const auto& t : d.referencing) out_ += std::string(t.is_new ? " new " : " old ") + I(t.name);
    out_ += " level " + std::to_string(static_cast<int>(d.level)) + " when " +
            (d.when ? d.when->text : "-") + " fn " + Q(d.function);
    for (const auto& a : d.arguments) out_ += " '" + a.value + "'";
    out_ += d.disabled ? " disabled\n" : "\n";
  }
  static std::string Options(const ast::SequenceOptions& o) {
    auto n = [](const std::optional<int64_t>& v) { return v ? std::to_string(*v) : "-"; };
    return " (" + n(o.start) + " " + n(o.increment) + " " + n(o.min) + " " + n(o.max) + " " +
           n(o.cache) + (o.cycle ? " cycle)" : ")");
  }
  void Decl(const ast::SequenceDecl& d) {
    Doc(d.doc);
    out_ += "sequence " + Q(d.name) + (d.renamed_from ? " from " + I(*d.renamed_from) : "") +
            (d.type ? " as " + I(*d.type) : "") + Options(d.options);
    if (d.owned_table) out_ += " owned " + I(*d.owned_table) + "." + I(*d.owned_column);
    out_ += "\n";
    for (const ast::GrantItem& g : d.grants) Item(g);
  }
  void Decl(const ast::ViewDecl& d) {
    Doc(d.doc);
    out_ += std::string(d.materialized ? "materialized " : "") + "view " + Q(d.name) +
            L(d.options) + " as " + d.query.text + " check" +
            std::to_string(static_cast<int>(d.check_option)) + "\n";
    for (const ast::ViewEntry& e : d.entries) {
      if (const auto* c = std::get_if<ast::ViewColumnItem>(&e.item)) {
        Doc(c->doc);
        out_ += " view-column " + I(c->name) + "\n";
      } else if (const auto* g = std::get_if<ast::GrantItem>(&e.item)) {
        Item(*g);
      } else {
        Item(std::get<ast::IndexItem>(e.item));
      }
    }
  }
  void Decl(const ast::ExternRoleDecl& d) {
    Doc(d.doc);
    out_ += "role " + I(d.name) + "\n";
  }
  void Decl(const ast::EnumDecl& d) {
    Doc(d.doc);
    out_ += "enum " + Q(d.name);
    for (const auto& v : d.values) {
      out_ += " '" + v.label.value + "'" + (v.renamed_from ? "<-'" + v.renamed_from->value + "'" : "");
    }
    out_ += "\n";
  }
  static std::string T(const ast::TypeRef& t) {
    std::string out = Q(t.name) + "[" + std::to_string(t.array_dims) + "]";
    for (int64_t m : t.modifiers) out += "," + std::to_string(m);
    return out;
  }
  void Decl(const ast::DomainDecl& d) {
    Doc(d.doc);
    out_ += "domain " + Q(d.name) + " " + T(d.type) + (d.collate ? I(*d.collate) : "-") +
            (d.default_value ? " default " + d.default_value->sql : "") +
            (d.not_null ? " not null" : "");
    for (const auto& c : d.checks) out_ += " check " + (c.name ? I(*c.name) : "-") + c.expression.text;
    out_ += "\n";
  }
  void Decl(const ast::CompositeDecl& d) {
    Doc(d.doc);
    out_ += "type " + Q(d.name);
    for (const auto& a : d.attributes) {
      out_ += " " + I(a.name) + " " + T(a.type) + (a.collate ? I(*a.collate) : "-");
    }
    out_ += "\n";
  }
  // fmt writes `in` as unsaid, `= EXPR` as `default EXPR`, the clauses in a fixed order and
  // bare setting values in lowercase: none of it changes the meaning.
  void Arg(const ast::FunctionArg& a) {
    int mode = a.mode == ast::ArgMode::kIn ? 0 : static_cast<int>(a.mode);
    out_ += " arg" + std::to_string(mode) + (a.name ? I(*a.name) : "-") + " " +
            Q(a.type.name) + "[" + std::to_string(a.type.array_dims) + "]";
    for (int64_t m : a.type.modifiers) out_ += "," + std::to_string(m);
    if (a.default_sql) out_ += " default " + *a.default_sql;
  }
  void Decl(const ast::FunctionDecl& d) {
    Doc(d.doc);
    out_ += "function " + Q(d.name);
    for (const auto& a : d.args) Arg(a);
    out_ += d.returns_table ? " returns table" : " returns " + std::to_string(d.returns_set) +
                                                     Q(d.returns.name);
    for (const auto& c : d.table_columns) Arg(c);
    std::vector<const ast::FunctionClause*> clauses;
    for (const auto& c : d.clauses) clauses.push_back(&c);
    std::stable_sort(clauses.begin(), clauses.end(),
                     [](auto* a, auto* b) { return a->kind < b->kind; });
    for (const ast::FunctionClause* c : clauses) {
      out_ += "\n clause" + std::to_string(static_cast<int>(c->kind)) + " " + c->word + " " +
              I(c->name) + L(c->roles) + c->tag;
      for (std::string v : c->values) {
        if (!v.empty() && v[0] != '\'' && v[0] != '"') {
          for (char& ch : v) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        }
        out_ += " " + v;
      }
    }
    out_ += "\n";
  }
  void Decl(const ast::TableDecl& d) {
    Doc(d.doc);
    out_ += std::string(d.is_extern ? "extern " : "") + "table " + Q(d.name) +
            (d.renamed_from ? "<-" + I(*d.renamed_from) : "") + "\n";
    for (const ast::TableEntry& e : d.entries) std::visit([&](const auto& it) { Item(it); }, e.item);
  }
  void Item(const ast::Column& c) {
    Doc(c.doc);
    out_ += " column " + I(c.name) + " " + Q(c.type.name);
    for (int64_t m : c.type.modifiers) out_ += "," + std::to_string(m);
    out_ += "[" + std::to_string(c.type.array_dims) + "]" + (c.nullable ? "?" : "");
    if (c.renamed_from) out_ += " renamed " + I(*c.renamed_from);
    if (c.primary_key) out_ += " pk";
    if (c.unique) out_ += " unique";
    if (c.references) out_ += " " + Ref(*c.references);
    if (c.default_value) {
      out_ += " default" + std::to_string(static_cast<int>(c.default_value->kind)) + " " +
              c.default_value->sql;
    }
    out_ += " identity" + std::to_string(static_cast<int>(c.identity));
    if (c.identity_options) out_ += Options(*c.identity_options);
    if (c.generated) {
      out_ += " generated " + c.generated->expression.text +
              std::to_string(static_cast<int>(c.generated->kind));
    }
    if (c.collate) out_ += " collate " + I(*c.collate);
    if (c.check) out_ += " check " + c.check->text;
    out_ += "\n";
  }
  void Item(const ast::PrimaryKeyItem& p) {
    Doc(p.doc);
    out_ += " pk " + (p.name ? I(*p.name) : "-") + L(p.columns) + std::to_string(p.deferrable) +
            std::to_string(p.initially_deferred) + "\n";
  }
  void Item(const ast::UniqueItem& u) {
    Doc(u.doc);
    out_ += " unique " + (u.name ? I(*u.name) : "-") + std::to_string(u.nulls_not_distinct) +
            L(u.columns) + std::to_string(u.deferrable) + std::to_string(u.initially_deferred) + "\n";
  }
  void Item(const ast::CheckItem& c) {
    Doc(c.doc);
    out_ += " check " + (c.name ? I(*c.name) : "-") + c.expression.text +
            std::to_string(c.no_inherit) + std::to_string(c.not_valid) + "\n";
  }
  void Item(const ast::NotNullItem& n) {
    Doc(n.doc);
    out_ += " not null " + (n.name ? I(*n.name) : "-") + " " + I(n.column) +
            std::to_string(n.no_inherit) + std::to_string(n.not_valid) + "\n";
  }
  void Item(const ast::ForeignKeyItem& f) {
    Doc(f.doc);
    out_ += " fk " + (f.name ? I(*f.name) : "-") + L(f.columns) + Ref(f.references) + "\n";
  }
  void Item(const ast::IndexItem& x) {
    Doc(x.doc);
    out_ += " index " + (x.name ? I(*x.name) : "-") + std::to_string(x.unique) +
            (x.method ? I(*x.method) : "-");
    for (const auto& k : x.keys) {
      out_ += " key " + (k.column ? I(*k.column) : "(" + k.expression->text + ")") +
              (k.collate ? I(*k.collate) : "-") + (k.opclass ? Q(*k.opclass) : "-") +
              std::to_string(static_cast<int>(k.order)) +
              std::to_string(static_cast<int>(k.nulls));
    }
    out_ += " include" + L(x.include) + std::to_string(x.nulls_not_distinct);
    for (const auto& p : x.with) out_ += " " + I(p.key) + "=" + p.value;
    if (x.where) out_ += " where " + x.where->text;
    out_ += "\n";
  }
  void Item(const ast::ExclusionItem& x) {
    Doc(x.doc);
    out_ += " exclude " + (x.name ? I(*x.name) : "-") + (x.method ? I(*x.method) : "-");
    for (const auto& e : x.elements) {
      out_ += " element " + (e.column ? I(*e.column) : "(" + e.expression->text + ")") +
              (e.opclass ? Q(*e.opclass) : "-") + " with " + e.op;
    }
    out_ += " include" + L(x.include) + (x.where ? " where " + x.where->text : "") +
            std::to_string(x.deferrable) + std::to_string(x.initially_deferred) + "\n";
  }
  void Item(const ast::RlsItem& r) {
    Doc(r.doc);
    out_ += " rls" + std::to_string(r.force) + "\n";
  }
  void Item(const ast::PolicyItem& p) {
    Doc(p.doc);
    out_ += " policy " + I(p.name) + std::to_string(p.restrictive) +
            std::to_string(p.explicit_permissive) + std::to_string(static_cast<int>(p.command)) +
            std::to_string(p.explicit_command) + L(p.roles) +
            (p.using_expr ? " using " + p.using_expr->text : "") +
            (p.with_check ? " check " + p.with_check->text : "") + "\n";
  }
  void Item(const ast::GrantItem& g) {
    Doc(g.doc);
    out_ += " grant";
    for (const auto& p : g.privileges) out_ += " " + p;
    out_ += L(g.roles) + "\n";
  }
  void Item(const ast::RealtimeItem& r) {
    Doc(r.doc);
    out_ += " realtime" + std::to_string(r.replica_identity_full) + "\n";
  }

  std::string out_;
};

// Parses `text` and formats it; `description` receives what the tree means.
std::string Format(const std::string& text, std::string* description) {
  SourceManager sources;
  uint32_t index = sources.Add("test.schema", text);
  Diagnostics diagnostics;
  ast::File file = Parse(sources, index, diagnostics);
  INFO("input:\n" << text);
  INFO(RenderText(diagnostics, sources, {}));
  REQUIRE_FALSE(diagnostics.HasErrors());
  *description = Describer().Run(file);
  return FormatFile(file, sources);
}

// The output is `expected`, formatting it again changes nothing, and it means the same.
void CheckFormat(const std::string& input, const std::string& expected) {
  std::string before, after, unused;
  std::string once = Format(input, &before);
  CHECK(once == expected);
  std::string twice = Format(once, &after);
  CHECK(twice == once);
  CHECK(after == before);
  CHECK(Format(expected, &unused) == expected);
}

}  // namespace

TEST_CASE("fmt: an empty file stays empty") {
  CheckFormat("", "");
  CheckFormat("\n\n   \n", "");
}

TEST_CASE("fmt: the example of the design document") {
  CheckFormat(R"(-- blog.schema
target supabase          -- prelude: extern auth.users, roles anon/authenticated/service_role,
                         -- publication supabase_realtime; referenced, never created or dropped
extension vector

/// Editorial lifecycle of a post.
enum post_status ('draft', 'published' renamed from 'live', 'archived')

/// One row per auth user.
table profiles {
  id          uuid primary key references auth.users(id) on delete cascade
  handle      text unique check (handle ~ '^[a-z0-9_]{3,30}$')
  created_at  timestamptz default now()
}

table posts renamed from articles {
  id          uuid primary key default gen_random_uuid()
  owner_id    uuid references profiles(id) on delete cascade
  title       text check (length(title) between 1 and 200)
  /// Markdown body.
  body        text? renamed from body_text
  status      post_status default 'draft'
  embedding   vector(1536)?
  created_at  timestamptz default now()

  unique (owner_id, title)
  check posts_title_trimmed (title = btrim(title))
  index posts_owner_created (owner_id, created_at desc)
  index posts_live (created_at desc) where (status = 'published')
  index posts_embedding using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64)

  realtime                                   -- member of supabase_realtime
  rls
  grant select to anon, authenticated
  grant insert, update, delete to authenticated
  policy "owners read own posts" for select to authenticated using ((select auth.uid()) = owner_id)
  policy "owners write own posts" for all to authenticated
    using ((select auth.uid()) = owner_id) with check ((select auth.uid()) = owner_id)
}
)",
              R"(-- blog.schema
target supabase -- prelude: extern auth.users, roles anon/authenticated/service_role,
                -- publication supabase_realtime; referenced, never created or dropped

extension vector

/// Editorial lifecycle of a post.
enum post_status ('draft', 'published' renamed from 'live', 'archived')

/// One row per auth user.
table profiles {
  id         uuid        primary key references auth.users(id) on delete cascade
  handle     text        unique check (handle ~ '^[a-z0-9_]{3,30}$')
  created_at timestamptz default now()
}

table posts renamed from articles {
  id         uuid          primary key default gen_random_uuid()
  owner_id   uuid          references profiles(id) on delete cascade
  title      text          check (length(title) between 1 and 200)
  /// Markdown body.
  body       text?         renamed from body_text
  status     post_status   default 'draft'
  embedding  vector(1536)?
  created_at timestamptz   default now()

  unique (owner_id, title)
  check posts_title_trimmed (title = btrim(title))
  index posts_owner_created (owner_id, created_at desc)
  index posts_live (created_at desc) where (status = 'published')
  index posts_embedding using hnsw (embedding vector_cosine_ops) with (m = 16, ef_construction = 64)

  realtime -- member of supabase_realtime
  rls
  grant select to anon, authenticated
  grant insert, update, delete to authenticated
  policy "owners read own posts" for select to authenticated using ((select auth.uid()) = owner_id)
  policy "owners write own posts" for all to authenticated
      using ((select auth.uid()) = owner_id)
      with check ((select auth.uid()) = owner_id)
}
)");
}

TEST_CASE("fmt: keywords in upper case come out in lower case") {
  CheckFormat(R"(TARGET SUPABASE
EXTENSION VECTOR SCHEMA extensions VERSION '0.7.0'
SCHEMA app
EXTERN ROLE admin
ENUM app.Mood ('Happy', 'sad' RENAMED FROM 'Sad')
TABLE app.Users RENAMED FROM people {
  ID UUID PRIMARY KEY DEFAULT gen_random_uuid()
  Email TEXT UNIQUE COLLATE "C"
  Score NUMERIC(10, 2)? CHECK (Score >= 0)
  Seen TIMESTAMP(3) WITH TIME ZONE DEFAULT NOW()
  Owner UUID REFERENCES app.Users(ID) ON DELETE SET NULL ON UPDATE NO ACTION DEFERRABLE INITIALLY DEFERRED NOT VALID
  N INT GENERATED ALWAYS AS (1 + 1) STORED
  K BIGINT IDENTITY BY DEFAULT
  PRIMARY KEY users_pk (ID)
  UNIQUE NULLS NOT DISTINCT (Email)
  CHECK positive (Score > 0) NO INHERIT NOT VALID
  FOREIGN KEY (Owner) REFERENCES app.Users ON DELETE CASCADE
  INDEX USING GIN (Email COLLATE "C" text_ops DESC NULLS LAST) INCLUDE (Score) WITH (fastupdate = off) WHERE (Score > 0)
  RLS FORCE
  POLICY "p" AS RESTRICTIVE FOR SELECT TO PUBLIC USING (true) WITH CHECK (true)
  GRANT SELECT, INSERT TO anon
  REALTIME REPLICA IDENTITY FULL
}
)",
              R"(target supabase

extension vector schema extensions version '0.7.0'

schema app

extern role admin

enum app.mood ('Happy', 'sad' renamed from 'Sad')

table app.users renamed from people {
  id    uuid                        primary key default gen_random_uuid()
  email text                        unique collate "C"
  score numeric(10,2)?              check (Score >= 0)
  seen  timestamp(3) with time zone default NOW()
  owner uuid                        references app.users(id) on delete set null on update no action deferrable initially deferred not valid
  n     int                         generated always as (1 + 1) stored
  k     bigint                      identity by default
  primary key users_pk (id)
  unique nulls not distinct (email)
  check positive (Score > 0) no inherit not valid
  foreign key (owner) references app.users on delete cascade
  index using gin (email collate "C" text_ops desc nulls last) include (score) with (fastupdate = off) where (Score > 0)
  rls force
  policy "p" as restrictive for select to public using (true) with check (true)
  grant select, insert to anon
  realtime replica identity full
}
)");
}

TEST_CASE("fmt: identifiers are quoted only when needed") {
  CheckFormat(R"(table "Weird Table" {
  "check" text
  "MixedCase" int
  "has ""quote""" text
  "plain" int
  "select" int
  "order" int
  "key" int
  "Ä" text
  "from" text
  "references" int
  unique ("check", "MixedCase")
  index "Idx" ("key" asc, "nulls")
}

table "plain_name" {
  "using" int renamed from "default"
  x int references "Weird Table"("check")
  policy plain to "Authenticated", "to" using (true)
}

extension "pg_trgm" schema "Ext"
)",
              R"(table "Weird Table" {
  "check"         text
  "MixedCase"     int
  "has ""quote""" text
  plain           int
  select          int
  order           int
  key             int
  "Ä"             text
  from            text
  "references"    int
  unique ("check", "MixedCase")
  index "Idx" (key asc, "nulls")
}

table plain_name {
  "using" int renamed from "default"
  x       int references "Weird Table"("check")
  policy "plain" to "Authenticated", "to" using (true)
}

extension pg_trgm schema "Ext"
)");
}

TEST_CASE("fmt: types keep the name the user wrote") {
  CheckFormat(R"(table t {
  a INT4
  b Character Varying(20)?
  c double precision
  d time(3) without time zone
  e text[][]
  f public.citext?
  g "MyType"
  h numeric(10,2)[]? default '{}'
  i timestamptz(6)
  j VARCHAR(5)
  k "text"
}
)",
              R"(table t {
  a int4
  b character varying(20)?
  c double precision
  d time(3) without time zone
  e text[][]
  f public.citext?
  g "MyType"
  h numeric(10,2)[]?          default '{}'
  i timestamptz(6)
  j varchar(5)
  k "text"
}
)");
}

TEST_CASE("fmt: defaults are written as stored, and an unsaid generated kind stays unsaid") {
  CheckFormat(R"(table t {
  a int default 0
  b numeric default -1.5
  c text default 'it''s'
  d jsonb default '{}'::jsonb
  e timestamptz default (now() + interval '1 day')
  f timestamptz default current_timestamp
  g bool default TRUE
  h int identity
  i int generated always as (a * 2)
}
)",
              R"(table t {
  a int         default 0
  b numeric     default -1.5
  c text        default 'it''s'
  d jsonb       default '{}'::jsonb
  e timestamptz default (now() + interval '1 day')
  f timestamptz default current_timestamp
  g bool        default TRUE
  h int         identity always
  i int         generated always as (a * 2)
}
)");
}

TEST_CASE("fmt: column modifiers come in a fixed order") {
  CheckFormat(R"(table t {
  a int check (a > 0) collate "C" default 1 unique primary key renamed from old_a
  b uuid references u on update cascade deferrable initially immediate
}
)",
              R"(table t {
  a int  renamed from old_a primary key unique default 1 collate "C" check (a > 0)
  b uuid references u on update cascade deferrable
}
)");
}

TEST_CASE("fmt: alignment runs end at blank lines and at other items") {
  CheckFormat(R"(table t {
  id bigint primary key
  a_long_name text
  /// Documented.
  n int?

  other text default 'x'
  x int
  index (x)
  after_index int
  y text default 'z'
}
)",
              R"(table t {
  id          bigint primary key
  a_long_name text
  /// Documented.
  n           int?

  other text default 'x'
  x     int
  index (x)
  after_index int
  y           text default 'z'
}
)");
}

TEST_CASE("fmt: blank lines inside tables collapse to one and never follow { or precede }") {
  CheckFormat("table t {\n\n\n  a int\n\n\n\n  b int\n\n}\n\n\n\ntable u {}\n\n\n",
              "table t {\n  a int\n\n  b int\n}\n\ntable u {\n}\n");
}

TEST_CASE("fmt: one-line declarations of a kind stay together") {
  CheckFormat(R"(target postgres
extension pgcrypto
extension citext
schema app
schema audit

schema more
extern role a
extern role b
-- about c
extern role c
enum a ('x')
enum b ('y')
table t {
}
table u {
}
)",
              R"(target postgres

extension pgcrypto
extension citext

schema app
schema audit

schema more

extern role a
extern role b
-- about c
extern role c

enum a ('x')
enum b ('y')

table t {
}

table u {
}
)");
}

TEST_CASE("fmt: long enums take one value per line") {
  CheckFormat(R"(enum short ('a')
enum app.long_status ('waiting_for_review', 'in_review', 'changes_requested', 'approved' renamed from 'ok', 'merged')
enum after ('b')
)",
              R"(enum short ('a')

enum app.long_status (
  'waiting_for_review',
  'in_review',
  'changes_requested',
  'approved' renamed from 'ok',
  'merged'
)

enum after ('b')
)");
}

TEST_CASE("fmt: policies break before using and with check past 100 columns") {
  CheckFormat(R"(table t {
  policy "a rather long policy name for this table" as permissive for update to authenticated using (owner_id = (select auth.uid()))
  policy "short" using (true) with check (true)
  policy "only with check that is long enough to need breaking" for insert to authenticated, anon with check (owner_id = (select auth.uid()))
}
)",
              R"(table t {
  policy "a rather long policy name for this table" as permissive for update to authenticated
      using (owner_id = (select auth.uid()))
  policy "short" using (true) with check (true)
  policy "only with check that is long enough to need breaking" for insert to authenticated, anon
      with check (owner_id = (select auth.uid()))
}
)");
}

TEST_CASE("fmt: SQL text is kept verbatim, line breaks included") {
  CheckFormat(R"(table t {
  a int CHECK (a  >  0 -- (not a fmt comment
                )
  check multi (
    a > 0
    AND a < 10
  )
  index ((lower(a::text))) WHERE (a IS NOT NULL)
  index ((lower(a) || 'x'), f(a) DESC, ((a)), (f(a - 1)), (f(a)/*x*/))
  policy "p" for all to authenticated using (owner_id = (select auth.uid()) and exists (select 1
      from members m where m.user_id = auth.uid())) with check (true)
}
)",
              R"(table t {
  a int check (a  >  0 -- (not a fmt comment
                )
  check multi (
    a > 0
    AND a < 10
  )
  index (lower(a::text)) where (a IS NOT NULL)
  index ((lower(a) || 'x'), f(a) desc, ((a)), f(a - 1), (f(a)/*x*/))
  policy "p" for all to authenticated using (owner_id = (select auth.uid()) and exists (select 1
      from members m where m.user_id = auth.uid())) with check (true)
}
)");
}

TEST_CASE("fmt: doc comments") {
  CheckFormat(R"(///   Indented doc.
///
/// After an empty line.
schema app
/// Enum doc.
enum e ('a')
///Table doc without space.
table t {
  /// Column doc.
  a int
  /// Index doc.
  index (a)
}
)",
              R"(///   Indented doc.
///
/// After an empty line.
schema app

/// Enum doc.
enum e ('a')

/// Table doc without space.
table t {
  /// Column doc.
  a int
  /// Index doc.
  index (a)
}
)");
}

TEST_CASE("fmt: comments around and inside tables") {
  CheckFormat(R"(-- header comment

-- second block
table t { -- about t
  -- leading of a
  a int -- trailing a
  b text   -- trailing b
           -- continued b


  -- leading of c after blanks

  /// doc of c
  c int
  d int
  -- before close
}  -- after close
-- eof comment
)",
              R"(-- header comment

-- second block
table t { -- about t
  -- leading of a
  a int -- trailing a
  b text -- trailing b
         -- continued b

  -- leading of c after blanks

  /// doc of c
  c int
  d int
  -- before close
} -- after close
-- eof comment
)");
}

TEST_CASE("fmt: comments inside an item or a declaration move before it") {
  CheckFormat(R"(enum e (
  'a', -- first
  'b'
) -- end of e
table t {
  rls
  policy "p" for all -- the command
    -- why
    using (a = b)  -- trailing
  -- only a comment
}
)",
              R"(-- first
enum e ('a', 'b') -- end of e

table t {
  rls
  -- the command
  -- why
  policy "p" for all using (a = b) -- trailing
  -- only a comment
}
)");
}

TEST_CASE("fmt: comments at the end of the file and files of comments only") {
  CheckFormat("--a\n\n\n--   b   \n", "--a\n\n--   b\n");
  CheckFormat("schema a\n\n-- end\n\n-- really\n", "schema a\n\n-- end\n\n-- really\n");
  CheckFormat("table t {\n  -- todo\n}\n", "table t {\n  -- todo\n}\n");
}

TEST_CASE("fmt: a /// line that documents nothing stays where it is, as written") {
  // A header before a blank line, one just before `}`, one at the end of the file.
  CheckFormat("/// header\n\ntable t {\n  a int\n  /// before the brace\n}\n\n/// at the end\n",
              "/// header\n\ntable t {\n  a int\n  /// before the brace\n}\n\n/// at the end\n");
  // Written as it stands (no space added), unlike a doc comment.
  CheckFormat("///no space\n\n///   indented   \nschema app\n",
              "///no space\n\n///   indented\nschema app\n");
  CheckFormat("table t {\n  /// loose\n\n  a int\n}\n", "table t {\n  /// loose\n\n  a int\n}\n");
  CheckFormat("table t { /// on the brace line\n}\n", "table t { /// on the brace line\n}\n");
  CheckFormat("table t {\n}\n/// between\n\n/// doc of u\ntable u {\n  a int\n}\n",
              "table t {\n}\n\n/// between\n\n/// doc of u\ntable u {\n  a int\n}\n");
  // `target` takes no doc comment: the line is kept above it.
  CheckFormat("/// about the target\ntarget supabase\n", "/// about the target\ntarget supabase\n");
  CheckFormat("/// only this\n", "/// only this\n");
  CheckFormat("-- a\n/// b\n\n-- c\n", "-- a\n/// b\n\n-- c\n");
}

namespace {

// The text of each comment of `text` (what follows the first `--` or `///` of a line, trimmed),
// found without the parser.
std::vector<std::string> CommentTexts(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + start, end - start);
    size_t at = std::min(line.find("--"), line.find("///"));
    if (at != std::string_view::npos) {
      std::string_view rest = line.substr(at + (line.substr(at, 3) == "///" ? 3 : 2));
      size_t first = rest.find_first_not_of(" \t");
      size_t last = rest.find_last_not_of(" \t\r");
      if (first != std::string_view::npos) out.emplace_back(rest.substr(first, last - first + 1));
    }
    start = end + 1;
  }
  return out;
}

}  // namespace

TEST_CASE("fmt: every comment of the examples and test inputs is in the output") {
  namespace fs = std::filesystem;
  const fs::path base = testing::SourceDir();
  std::vector<std::string> files;
  for (const char* dir : {"schemas", "tests/golden", "tests/malformed", "tests/types"}) {
    if (!fs::exists(base / dir)) continue;
    for (std::string& file : testing::SchemaFilesUnder(base, base / dir)) files.push_back(file);
  }
  size_t formatted = 0;
  size_t comments = 0;
  for (const std::string& file : files) {
    std::string text = testing::ReadFile(base / file);
    SourceManager sources;
    uint32_t index = sources.Add(file, text);
    Diagnostics diagnostics;
    ast::File tree = Parse(sources, index, diagnostics);
    if (diagnostics.HasErrors()) continue;  // fmt writes nothing then.
    INFO(file);
    std::string once = FormatFile(tree, sources);
    ++formatted;
    for (const std::string& comment : CommentTexts(text)) {
      INFO("comment: " << comment);
      CHECK(once.find(comment) != std::string::npos);
      ++comments;
    }
    std::string unused;
    CHECK(Format(once, &unused) == once);
  }
  // The corpus is what makes this test mean something: it must not shrink unnoticed.
  CHECK(formatted >= 90);
  CHECK(comments >= 50);
}

TEST_CASE("fmt: table items one by one") {
  CheckFormat(R"(table t {
  a int
  b int
  primary key (a, b)
  unique u (b)
  check (a > b)
  foreign key fk (a, b) references other(x, y) on delete restrict on update set default not valid
  index i unique (a asc nulls first, (a + b) desc) include (b) nulls not distinct
  rls
  grant all to service_role
  realtime
}
)",
              R"(table t {
  a int
  b int
  primary key (a, b)
  unique u (b)
  check (a > b)
  foreign key fk (a, b) references other(x, y) on delete restrict on update set default not valid
  index i unique (a asc nulls first, (a + b) desc) include (b) nulls not distinct
  rls
  grant all to service_role
  realtime
}
)");
}

TEST_CASE("fmt: extern tables") {
  CheckFormat("EXTERN TABLE auth.users {\n  id uuid primary key\n}\n",
              "extern table auth.users {\n  id uuid primary key\n}\n");
}

TEST_CASE("fmt: line continuations, tabs, CRLF and odd names") {
  CheckFormat("table t -- before brace\n{\n  caf\xC3\xA9 text\n  \"on\" int -- x\n    default 1\n"
              "  a\tint\t-- tab\n  b int generated always as identity\n"
              "  c int generated by default as identity\n"
              "  policy \"say \"\"hi\"\"\" using (true)\n}\r\nenum e ('it''s')\r\n",
              "-- before brace\ntable t {\n  caf\xC3\xA9 text\n  -- x\n  \"on\" int  default 1\n"
              "  a    int -- tab\n  b    int  identity always\n  c    int  identity by default\n"
              "  policy \"say \"\"hi\"\"\" using (true)\n}\n\nenum e ('it''s')\n");
  CheckFormat("schema a\r\n\r\n\r\n-- c\r\nschema b  \r\n/// doc \r\ntable t {\r\n  a int -- t \r\n}\r\n",
              "schema a\n\n-- c\nschema b\n\n/// doc\ntable t {\n  a int -- t\n}\n");
}

// A tree built by hand, as `pull` would: no source text behind the spans.
TEST_CASE("fmt: a tree without source text") {
  auto ident = [](std::string name, bool quoted = false) {
    ast::Ident id;
    id.name = std::move(name);
    id.quoted = quoted;
    return id;
  };
  ast::File file;
  ast::EnumDecl mood;
  mood.name.name = ident("mood");
  ast::EnumValue ok;  // Built field by field: GCC 12 at -O2 warns (wrongly) on the aggregate.
  ok.label.value = "ok";
  ok.renamed_from = ast::StringLit{"fine", {}};
  mood.values.push_back(std::move(ok));
  mood.values.push_back({{"it's", {}}, std::nullopt, {}});
  file.decls.push_back(mood);
  ast::TableDecl table;
  table.name.schema = ident("app");
  table.name.name = ident("Users", true);
  ast::Column id;
  id.name = ident("id");
  id.type.name.name = ident("bigint");
  id.identity = ast::Identity::kAlways;
  id.primary_key = Span{};
  ast::Column at;
  at.name = ident("created_at");
  at.type.name.name = ident("timestamp with time zone");
  at.type.modifiers = {3};
  at.nullable = true;
  ast::Column tags;
  tags.name = ident("check", true);
  tags.type.name.name = ident("text");
  tags.type.array_dims = 1;
  tags.default_value = ast::Default{ast::Default::Kind::kParenthesized, "array[]::text[]", {}};
  table.entries.push_back({id, false});
  table.entries.push_back({at, false});
  table.entries.push_back({tags, false});
  ast::PolicyItem policy;
  policy.name = ident("Own rows", true);
  policy.roles = {ident("authenticated")};
  policy.using_expr = ast::Sql{"true", {}};
  table.entries.push_back({policy, true});
  file.decls.push_back(table);
  SourceManager sources;
  REQUIRE(FormatFile(file, sources) ==
          R"(enum mood ('ok' renamed from 'fine', 'it''s')

table app."Users" {
  id         bigint                       primary key identity always
  created_at timestamp(3) with time zone?
  "check"    text[]                       default (array[]::text[])

  policy "Own rows" to authenticated using (true)
}
)");
}

TEST_CASE("dsl names: quoting per position") {
  REQUIRE(QuoteDslIdent("users") == "users");
  REQUIRE(QuoteDslIdent("Users") == "\"Users\"");
  REQUIRE(QuoteDslIdent("a\"b") == "\"a\"\"b\"");
  REQUIRE(QuoteDslIdent("check", NamePosition::kColumn) == "\"check\"");
  REQUIRE(QuoteDslIdent("extern", NamePosition::kColumn) == "\"extern\"");
  REQUIRE(QuoteDslIdent("asc", NamePosition::kColumn) == "asc");
  REQUIRE(QuoteDslIdent("asc", NamePosition::kIndexKey) == "\"asc\"");
  REQUIRE(QuoteDslIdent("select", NamePosition::kColumn) == "select");
  REQUIRE(QuoteDslIdent("table") == "\"table\"");
  REQUIRE(schemac::QuoteSqlString("it's") == "'it''s'");
}

}  // namespace schemac::dsl
