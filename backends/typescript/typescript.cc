#include "backends/typescript/typescript.h"

#include "backends/typescript/typescript_internal.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <set>
#include <string_view>
#include <unordered_map>

#include "compiler/platform.h"
#include "compiler/worker.h"

namespace schemac::typescript {

namespace {

using namespace internal;  // NOLINT: this file implements it.

// ICU's root order of the printable ASCII characters that are neither digits nor letters.
constexpr std::string_view kPunctuation = " _-,;:!?.'\"()[]{}@*/\\&#%`^+<=>|~$";

constexpr int PrimaryWeightOf(unsigned char c) {
  if (c >= '0' && c <= '9') return 100 + (c - '0');
  if (c >= 'a' && c <= 'z') return 200 + (c - 'a');
  if (c >= 'A' && c <= 'Z') return 200 + (c - 'A');
  if (c < 0x80) {
    size_t at = kPunctuation.find(static_cast<char>(c));
    return at == std::string_view::npos ? 0 : 1 + static_cast<int>(at);
  }
  return 300 + c;  // UTF-8 bytes: byte order is code point order.
}

// Every byte's weight, computed once: sorting compares names many times.
constexpr std::array<int16_t, 256> kPrimaryWeights = [] {
  std::array<int16_t, 256> weights{};
  for (int c = 0; c < 256; ++c) weights[c] = static_cast<int16_t>(PrimaryWeightOf(c));
  return weights;
}();

int PrimaryWeight(unsigned char c) { return kPrimaryWeights[c]; }

// ASCII identifiers only: the formatter also leaves non-ASCII letters unquoted, but telling
// letters from other characters needs Unicode tables, and a quoted key is always valid.
bool IsIdentifier(std::string_view name) {
  if (name.empty()) return false;
  for (size_t i = 0; i < name.size(); ++i) {
    unsigned char c = name[i];
    bool ok = c == '_' || c == '$' || (c >= 'a' && c <= 'z') ||
              (c >= 'A' && c <= 'Z') || (i > 0 && c >= '0' && c <= '9');
    if (!ok) return false;
  }
  return true;
}

class Generator {
 public:
  Generator(const ir::Schema& schema, const Options& options, const ComputedFields& computed,
            const ViewRelationships& relationships)
      : schema_(schema),
        options_(options),
        types_(schema, options),
        computed_(computed),
        relationships_(relationships) {}

  std::string Run() {
    std::string out;
    out.reserve(8192 + kBytesPerTable * schema_.tables.size());
    Writer w(&out);
    out +=
        "export type Json =\n"
        "  | string\n"
        "  | number\n"
        "  | boolean\n"
        "  | null\n"
        "  | { [key: string]: Json | undefined }\n"
        "  | Json[]\n"
        "\n"
        "export type Database = {\n";
    if (!options_.postgrest_version.empty()) {
      w.Line(2, "// Allows to automatically instantiate createClient with right options");
      w.Line(2, "// instead of createClient<Database, { PostgrestVersion: 'XX' }>(URL, KEY)");
      w.Line(2, "__InternalSupabase: {");
      w.Line(4, "PostgrestVersion: ", Literal(options_.postgrest_version));
      w.Line(2, "}");
    }
    std::vector<std::string> schemas = Sorted(options_.schemas);
    for (const std::string& name : schemas) WriteSchema(w, name);
    out += "}\n";
    if (!options_.helpers) return out;
    out += kHelpers;
    out += "\nexport const Constants = {\n";
    for (const std::string& name : schemas) {
      w.Line(2, Key(name), ": {");
      std::vector<const ir::Enum*> enums = EnumsOf(name);
      if (enums.empty()) {
        w.Line(4, "Enums: {},");
      } else {
        w.Line(4, "Enums: {");
        for (const ir::Enum* e : enums) w.Array(6, Key(e->name.name), Literals(Labels(*e)), ",");
        w.Line(4, "},");
      }
      w.Line(2, "},");
    }
    out += "} as const\n";
    return out;
  }

 private:
  static const char* const kHelpers;
  static constexpr size_t kBytesPerTable = 2048;  // About what a table's types take.

  static std::vector<std::string> Sorted(std::vector<std::string> names) {
    std::sort(names.begin(), names.end(), CollationLess);
    names.erase(std::unique(names.begin(), names.end()), names.end());
    return names;
  }

  static std::vector<std::string> Labels(const ir::Enum& e) {
    std::vector<std::string> labels;
    for (const ir::EnumValue& value : e.values) labels.push_back(value.label);
    return labels;
  }

  std::vector<const ir::Table*> TablesOf(const std::string& schema) const {
    std::vector<const ir::Table*> tables;
    for (const ir::Table& table : schema_.tables) {
      if (table.name.schema == schema) tables.push_back(&table);
    }
    std::sort(tables.begin(), tables.end(), [](const ir::Table* a, const ir::Table* b) {
      return CollationLess(a->name.name, b->name.name);
    });
    return tables;
  }

  std::vector<const ir::Enum*> EnumsOf(const std::string& schema) const {
    std::vector<const ir::Enum*> enums;
    for (const ir::Enum& e : schema_.enums) {
      if (e.name.schema == schema) enums.push_back(&e);
    }
    std::sort(enums.begin(), enums.end(), [](const ir::Enum* a, const ir::Enum* b) {
      return CollationLess(a->name.name, b->name.name);
    });
    return enums;
  }

  void WriteSchema(Writer& w, const std::string& name) {
    w.Line(2, Key(name), ": {");
    std::vector<const ir::Table*> tables = TablesOf(name);
    if (tables.empty()) {
      w.Empty(4, "Tables");
    } else {
      w.Line(4, "Tables: {");
      WriteTables(w, tables);
      w.Line(4, "}");
    }
    WriteViews(w, types_, computed_, relationships_, name);
    WriteFunctions(w, types_, name);
    std::vector<const ir::Enum*> enums = EnumsOf(name);
    if (enums.empty()) {
      w.Empty(4, "Enums");
    } else {
      w.Line(4, "Enums: {");
      for (const ir::Enum* e : enums) {
        w.Doc(6, e->comment);
        std::vector<std::string> labels = Literals(Labels(*e));
        if (labels.empty()) labels.push_back("never");
        w.Union(6, Key(e->name.name), labels);
      }
      w.Line(4, "}");
    }
    WriteCompositeTypes(w, types_, name);
    w.Line(2, "}");
  }

  // Many tables are written in two halves at once, the second on a worker thread into its own
  // buffer, appended after the first: the same bytes. The worker has a generator of its own,
  // for its own cache of type spellings. Without a thread, all on this one.
  void WriteTables(Writer& w, const std::vector<const ir::Table*>& tables) {
    auto write = [&](Generator& generator, Writer& to, size_t from, size_t end) {
      for (size_t i = from; i < end; ++i) generator.WriteTable(to, *tables[i]);
    };
    size_t half = tables.size() / 2;
    std::string second;
    if (tables.size() < options_.split_tables ||
        !RunInParallel([&] { write(*this, w, 0, half); },
                       [&] {
                         second.reserve(kBytesPerTable * (tables.size() - half));
                         Writer w2(&second);
                         Generator own(schema_, options_, computed_, relationships_);
                         write(own, w2, half, tables.size());
                       })) {
      write(*this, w, 0, tables.size());
      return;
    }
    w.Raw(second);
  }

  enum class Section { kRow, kInsert, kUpdate };

  // The TypeScript type of a column, as its alternatives and joined with " | ".
  struct Alternatives {
    std::vector<std::string> list;
    std::string joined;
  };

  // A column as its three sections write it (small, so that sorting moves little).
  struct ColumnText {
    const ir::Column* column;
    std::string_view key;
    const Alternatives* alternatives;
  };

  // Columns of a schema share a few types: each type is spelled once. What the spelling depends
  // on (not the modifiers) is the key; its strings point into the IR.
  struct TypeKey {
    ir::TypeKind kind;
    std::string_view schema;
    std::string_view name;
    bool array;
    bool nullable;
    bool operator==(const TypeKey&) const = default;
  };
  struct TypeKeyHash {
    size_t operator()(const TypeKey& key) const {
      size_t hash = std::hash<std::string_view>()(key.name);
      hash = hash * 31 + std::hash<std::string_view>()(key.schema);
      return hash * 31 + static_cast<size_t>(key.kind) * 4 + key.array * 2 + key.nullable;
    }
  };

  const Alternatives& AlternativesOf(const ir::Column& column) {
    const ir::ColumnType& type = column.type;
    TypeKey key{type.kind, type.schema, type.name, type.array_dims > 0, column.nullable};
    auto it = alternatives_.find(key);
    if (it == alternatives_.end()) {
      std::vector<std::string> list = types_.Column(column.type, column.nullable);
      std::string joined = Join(list, " | ");
      it = alternatives_.emplace(key, Alternatives{std::move(list), std::move(joined)}).first;
    }
    return it->second;
  }

  void WriteTable(Writer& w, const ir::Table& table) {
    w.Doc(6, table.comment);
    w.Line(6, Key(table.name.name), ": {");
    std::vector<std::string> keys;
    keys.reserve(table.columns.size());  // Never grows past this: `columns` views its strings.
    std::vector<ColumnText> columns;
    columns.reserve(table.columns.size());
    for (const ir::Column& column : table.columns) {
      keys.push_back(Key(column.name));
      columns.push_back({&column, keys.back(), &AlternativesOf(column)});
    }
    std::sort(columns.begin(), columns.end(), [](const ColumnText& a, const ColumnText& b) {
      return CollationLess(a.column->name, b.column->name);
    });
    for (Section section : {Section::kRow, Section::kInsert, Section::kUpdate}) {
      const char* title = section == Section::kRow      ? "Row"
                          : section == Section::kInsert ? "Insert"
                                                        : "Update";
      // PostgREST's computed fields are selectable like columns: the Row lists them last.
      const std::vector<Field>* computed = nullptr;
      if (section == Section::kRow && !computed_.empty()) {
        auto it = computed_.find(table.name.schema + "." + table.name.name);
        if (it != computed_.end()) computed = &it->second;
      }
      if (columns.empty() && computed == nullptr) {
        w.Line(8, title, ": {}");
        continue;
      }
      w.Line(8, title, ": {");
      for (const ColumnText& text : columns) {
        const ir::Column& column = *text.column;
        w.Doc(10, column.comment);
        bool unwritable = column.identity == ir::Identity::kAlways ||
                          column.generated != ir::Generated::kNone;
        if (section != Section::kRow && unwritable) {
          w.Line(10, text.key, "?: never");
          continue;
        }
        bool optional = section == Section::kUpdate ||
                        (section == Section::kInsert &&
                         (column.nullable || column.identity != ir::Identity::kNone ||
                          !column.default_sql.empty()));
        w.Union(10, text.key, optional ? "?" : "", text.alternatives->list,
                text.alternatives->joined);
      }
      if (computed != nullptr) WriteFields(w, 10, *computed);
      w.Line(8, "}");
    }
    WriteRelationships(w, &table, table.name, relationships_);
    w.Line(6, "}");
  }

  const ir::Schema& schema_;
  const Options& options_;
  TypeNames types_;
  const ComputedFields& computed_;
  const ViewRelationships& relationships_;  // Derived through views; typescript_relationships.cc.
  std::unordered_map<TypeKey, Alternatives, TypeKeyHash> alternatives_;
};

// The helper types supabase-js users import next to Database, with Supabase's names and
// signatures.
const char* const Generator::kHelpers = R"(
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] &
        DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] &
        DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends (DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never) = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends (DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never) = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends (PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never) = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never
)";

}  // namespace

namespace internal {

std::string Literal(std::string_view text) {
  size_t doubles = std::count(text.begin(), text.end(), '"');
  size_t singles = std::count(text.begin(), text.end(), '\'');
  char quote = doubles > singles ? '\'' : '"';
  std::string out(1, quote);
  for (char ch : text) {
    unsigned char c = ch;
    if (ch == quote || ch == '\\') {
      out += '\\';
      out += ch;
    } else if (ch == '\n') {
      out += "\\n";
    } else if (ch == '\r') {
      out += "\\r";
    } else if (ch == '\t') {
      out += "\\t";
    } else if (ch == '\b') {
      out += "\\b";
    } else if (ch == '\f') {
      out += "\\f";
    } else if (c < 0x20) {
      static const char* kHex = "0123456789abcdef";
      out += "\\u00";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    } else {
      out += ch;
    }
  }
  out += quote;
  return out;
}

std::string Key(std::string_view name) {
  return IsIdentifier(name) ? std::string(name) : Literal(name);
}

std::string Join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

std::vector<std::string> Literals(const std::vector<std::string>& texts) {
  std::vector<std::string> out;
  for (const std::string& text : texts) out.push_back(Literal(text));
  return out;
}

void Writer::Union(int indent, std::string_view key, std::string_view mark,
                   const std::vector<std::string>& alternatives, std::string_view joined) {
  size_t width = indent + key.size() + mark.size() + 2 + joined.size();
  if (alternatives.size() < 2 || width <= kWidth) {
    Line(indent, key, mark, ": ", joined);
    return;
  }
  Line(indent, key, mark, ":");
  for (const std::string& alternative : alternatives) Line(indent + 2, "| ", alternative);
}

void Writer::Array(int indent, const std::string& key, const std::vector<std::string>& elements,
                   std::string_view trailing) {
  std::string joined = Join(elements, ", ");
  size_t width = indent + key.size() + 3 + joined.size() + 1 + trailing.size();
  if (elements.empty() || width <= kWidth) {
    Line(indent, key, ": [", joined, "]", trailing);
    return;
  }
  Line(indent, key, ": [");
  for (const std::string& element : elements) Line(indent + 2, element, ",");
  Line(indent, "]", trailing);
}

void Writer::Doc(int indent, const std::string& text) {
  if (text.empty()) return;
  if (text.find('\n') == std::string::npos && text.find("*/") == std::string::npos) {
    Line(indent, "/** ", text, " */");
    return;
  }
  std::string escaped;
  for (size_t i = 0; i < text.size(); ++i) {
    escaped += text[i];
    if (text[i] == '*' && i + 1 < text.size() && text[i + 1] == '/') escaped += '\\';
  }
  if (escaped.find('\n') == std::string::npos) {
    Line(indent, "/** ", escaped, " */");
    return;
  }
  Line(indent, "/**");
  size_t start = 0;
  while (start <= escaped.size()) {
    size_t end = escaped.find('\n', start);
    if (end == std::string::npos) end = escaped.size();
    std::string_view line(escaped.data() + start, end - start);
    if (line.empty()) {
      Line(indent, " *");
    } else {
      Line(indent, " * ", line);
    }
    start = end + 1;
  }
  Line(indent, " */");
}

void Writer::Empty(int indent, std::string_view key) {
  Line(indent, key, ": {");
  Line(indent + 2, "[_ in never]: never");
  Line(indent, "}");
}

void WriteObject(Writer& w, int indent, std::string_view key, const std::vector<Field>& fields,
                 std::string_view suffix) {
  if (fields.empty()) {
    w.Line(indent, key, ": {}", suffix);
    return;
  }
  w.Line(indent, key, ": {");
  WriteFields(w, indent + 2, fields);
  w.Line(indent, "}", suffix);
}

void WriteFields(Writer& w, int indent, const std::vector<Field>& fields) {
  for (const Field& field : fields) {
    if (field.is_object) {
      WriteObject(w, indent, field.key, field.object, field.suffix);
    } else {
      w.Union(indent, field.key, field.alternatives);
    }
  }
}

}  // namespace internal

bool CollationLess(const std::string& a, const std::string& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    int wa = PrimaryWeight(a[i]);
    int wb = PrimaryWeight(b[i]);
    if (wa != wb) return wa < wb;
  }
  if (a.size() != b.size()) return a.size() < b.size();
  for (size_t i = 0; i < n; ++i) {  // Same letters: lowercase first, from the left.
    bool upper_a = a[i] >= 'A' && a[i] <= 'Z';
    bool upper_b = b[i] >= 'A' && b[i] <= 'Z';
    if (upper_a != upper_b) return upper_b;
  }
  return a < b;
}

std::vector<std::string> AvailableSchemas(const ir::Schema& schema) {
  std::set<std::string> names = {"public"};
  names.insert(schema.schemas.begin(), schema.schemas.end());
  for (const ir::Table& table : schema.tables) {
    if (!IsSupabasePlatformSchema(table.name.schema)) names.insert(table.name.schema);
  }
  for (const ir::Enum& e : schema.enums) {
    if (!IsSupabasePlatformSchema(e.name.schema)) names.insert(e.name.schema);
  }
  for (const ir::View& view : schema.views) {
    if (!IsSupabasePlatformSchema(view.name.schema)) names.insert(view.name.schema);
  }
  for (const ir::Function& function : schema.functions) {
    if (!IsSupabasePlatformSchema(function.name.schema)) names.insert(function.name.schema);
  }
  return {names.begin(), names.end()};
}

std::string DatabaseTypes(const ir::Schema& schema, const Options& options) {
  ComputedFields computed;
  if (!schema.functions.empty()) computed = ComputedFieldsOf(TypeNames(schema, options));
  ViewRelationships relationships = ViewRelationshipsOf(schema);
  return Generator(schema, options, computed, relationships).Run();
}

}  // namespace schemac::typescript
